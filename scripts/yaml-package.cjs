// The `yaml` package as one CommonJS file beside the bundle's chunks (postbuild.mjs builds it into
// yaml.cjs; shared/yaml/package.ts requires it on first use).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry for the bundler
module.exports = require('yaml');
