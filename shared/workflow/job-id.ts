/**
 * GitHub's rule for a job id (a `jobs:` key), in one place: the broker's `job=` (request.ts), the
 * manifest's `jobs:` keys (manifest/schema.ts) and the workflow reader (parse.ts) all apply it. GitHub
 * applies the same IdBuilder rule to step `id:`s, so parse.ts applies it there too (session 26).
 * `@actions/workflow-parser` model/converter/id-builder.ts `tryAddKnownId` (actions/languageservices,
 * read at 4043eda): ASCII letters, digits, `_` and `-`; a letter or `_` first; fewer than 100
 * characters; `__` first is reserved. (The schema's `job-id` text says only the first two.)
 */
import { invalidId } from './keys.js';

export const JOB_ID_MAX_LENGTH = 99;
export const JOB_ID = /^(?!__)[A-Za-z_][A-Za-z0-9_-]{0,98}$/;

/** Why GitHub refuses `id` as a job id (its words, with the first offending character), or undefined. */
export function jobIdProblem(id: string): string | undefined {
  if (JOB_ID.test(id)) return undefined;
  if (!id) return 'it is empty';
  if (id.startsWith('__')) return "ids starting with '__' are reserved";
  if (id.length > JOB_ID_MAX_LENGTH) return `it is ${id.length} characters; GitHub takes fewer than 100`;
  const lookAlike = invalidId(id);
  if (lookAlike) return lookAlike;
  if (!/^[A-Za-z_]/.test(id))
    return `it starts with ${JSON.stringify(id[0])}; an id starts with an ASCII letter or '_'`;
  const bad = [...id].find((c) => !/[A-Za-z0-9_-]/.test(c))!;
  return `it holds ${JSON.stringify(bad)}; an id takes only ASCII letters, digits, '_' and '-'`;
}
