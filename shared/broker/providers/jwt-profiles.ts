/**
 * Shapes of the broker's JWTs that other systems accept, pure: the SPIFFE JWT-SVID profile
 * (spiffe/spiffe standards/JWT-SVID.md, SPIFFE-ID.md) and AWS session tags
 * (`https://aws.amazon.com/tags`, read by STS AssumeRoleWithWebIdentity). Signing is service-jwt.ts's.
 */
import type { WorkloadContext } from './service-jwt.js';

export type JwtProfile = 'default' | 'spiffe';

/** Per audience: which profile, and whether AWS session tags ride along. */
export interface AudienceJwtOptions {
  readonly profile: JwtProfile;
  readonly awsSessionTags: boolean;
}

export interface JwtProfiles {
  readonly profile: JwtProfile;
  readonly trustDomain?: string;
  readonly audiences: ReadonlyMap<string, Partial<AudienceJwtOptions>>;
}

export function optionsFor(p: JwtProfiles | undefined, audience: string): AudienceJwtOptions {
  const a = p?.audiences.get(audience);
  return { profile: a?.profile ?? p?.profile ?? 'default', awsSessionTags: a?.awsSessionTags ?? false };
}

/** SPIFFE-ID.md §2.1: lower-case letters, digits, dots, dashes and underscores. */
export const TRUST_DOMAIN = /^[a-z0-9._-]{1,255}$/;
const SEGMENT_CHARS = /[^A-Za-z0-9._-]/g;
/** Each of the six path segments is capped so the whole ID stays far under the 2,048-byte limit. */
const MAX_SEGMENT = 255;
export const MAX_SPIFFE_ID_BYTES = 2048;

/** A path segment from an arbitrary string: characters outside `[A-Za-z0-9._-]` dropped; never empty, `.` or `..`. */
export function spiffeSegment(s: string): string {
  const kept = s.replace(SEGMENT_CHARS, '').slice(0, MAX_SEGMENT);
  return kept === '' || kept === '.' || kept === '..' ? '_' : kept;
}

/**
 * `spiffe://<trust-domain>/gh/<owner>/<repo>/<workflow>/<job>/<step>`; with `github` another GitHub's
 * than github.com (a broker serving several), `…/gh/<github>/<owner>/…`: owner and repository names
 * are each GitHub's own, so a GHES server's `acme/app` must not get github.com's ID. Seven segments
 * never equal six, and a GitHub name holds a dot, which no owner name does.
 */
export function spiffeIdOf(trustDomain: string, c: WorkloadContext): string {
  if (!TRUST_DOMAIN.test(trustDomain))
    throw new Error(`trust domain '${trustDomain}' is not a SPIFFE trust domain ([a-z0-9._-])`);
  const [owner = '', repo = ''] = c.repository.split('/');
  const site = c.github !== undefined && c.github !== 'github.com' ? [c.github] : [];
  const id = `spiffe://${trustDomain}/gh/${[...site, owner, repo, c.workflow, c.job, c.step].map(spiffeSegment).join('/')}`;
  if (Buffer.byteLength(id) > MAX_SPIFFE_ID_BYTES) throw new Error('SPIFFE ID over 2048 bytes');
  return id;
}

export const AWS_TAGS_CLAIM = 'https://aws.amazon.com/tags';
/**
 * AWS tag values: at most 256 characters of letters, digits, spaces and `_ . : / = + - @`. From a
 * string, as render/escape.ts's INVISIBLE says why: every check loads this module (decide.ts).
 */
const AWS_TAG_VALUE = new RegExp(String.raw`[^\p{L}\p{N} _.:/=+\-@]`, 'gu');

/**
 * At most 256 characters whether STS counts code points or UTF-16 units: whole code points are kept
 * while the UTF-16 length stays within 256 (`slice(0, 256)` could cut a letter outside the BMP in
 * half, leaving a lone surrogate STS refuses).
 */
export function awsTagValue(s: string): string {
  let out = '';
  for (const ch of s.replace(AWS_TAG_VALUE, '_')) {
    if (out.length + ch.length > 256) break;
    out += ch;
  }
  return out;
}

/** Session tags per step; transitive so a role chain keeps them. Each value is a one-element array, as STS reads it. */
export function awsSessionTags(c: WorkloadContext): Record<string, unknown> {
  const tags: Record<string, string> = {
    Repository: c.repository,
    // The id a name cannot be re-created with (an IAM condition on it survives a rename).
    ...(c.repository_id ? { RepositoryId: c.repository_id } : {}),
    Workflow: c.workflow,
    Job: c.job,
    Step: c.step,
    RunId: c.run_id,
    RunAttempt: c.run_attempt,
    // With several GitHubs served: names and ids above are each GitHub's own.
    ...(c.github !== undefined ? { GitHub: c.github } : {}),
  };
  return {
    principal_tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, [awsTagValue(v)]])),
    transitive_tag_keys: Object.keys(tags),
  };
}
