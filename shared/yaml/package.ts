/**
 * The `yaml` package (GitHub's YAML reader: the second reading of what the fast path does not read,
 * and init's manifest writer), loaded on its first use, synchronously, so the readings stay
 * synchronous. No command loads it at start: none of the corpus's 1,503 files needs the second
 * reading, and a check that only compiles the package (290 KB of a chunk it loads) pays about
 * 20-30 M instructions for nothing (docs/performance.md, session 38).
 *
 * In the bundle the package is its own CommonJS file beside the chunks (`yaml.cjs`, written by
 * scripts/postbuild.mjs), required with Node's own `require` (`__non_webpack_require__`, which the
 * bundler writes as `createRequire(import.meta.url)` of the chunk): a chunk is compiled whole when it
 * loads, whether or not its modules run, and the bundler loads chunks only asynchronously. Run from
 * source (tsx, jest) there is no such name, so Node's `require` of the package.
 */
import { createRequire } from 'node:module';

export type YamlPackage = typeof import('yaml');

declare const __non_webpack_require__: NodeJS.Require | undefined;

let loaded: YamlPackage | undefined;

export function yamlPackage(): YamlPackage {
  loaded ??= (
    typeof __non_webpack_require__ === 'function'
      ? __non_webpack_require__('./yaml.cjs')
      : createRequire(import.meta.url)('yaml')
  ) as YamlPackage;
  return loaded;
}
