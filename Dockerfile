# The stepwarden broker: the committed ncc bundle on Node 20, as a non-root user, nothing else.
# Run it with a read-only root file system (compose: read_only: true; kubernetes:
# readOnlyRootFilesystem: true); it writes only its audit log and keyrings, to the volumes you mount.
# Pin the base image by digest in your registry (node:20-slim@sha256:...) before deploying.
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /opt/stepwarden
COPY package.json LICENSE* ./
COPY dist/ ./dist/
# The image's `node` user (uid 1000); /var/lib/stepwarden holds the audit log and keyrings. The mount
# points exist and are owned by it in the image, so a new named volume mounted there starts out
# writable by the broker (an absent mount point would be created owned by root).
RUN mkdir -p /var/lib/stepwarden/keys /var/lib/stepwarden/audit /etc/stepwarden \
  && chown -R node:node /var/lib/stepwarden
USER node
EXPOSE 8787
# Ready, not merely alive: the store answers, the signing key is loaded, the issuers' keys were
# fetched, the audit log is writable (GET /readyz). No curl in the slim image: Node's fetch.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8787/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/index.js", "broker"]
CMD ["--config", "/etc/stepwarden/broker.yml"]
