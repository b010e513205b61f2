/**
 * Session 36, attack 1: a grammar-driven differential. Workflow-shaped documents written in every
 * style GitHub's YAML reader accepts (tests/yaml/s36-grammar-gen.ts: block and flow nested both ways,
 * plain, quoted and block scalars over lines, escapes, comments after flow commas and on the next line,
 * anchors and aliases, tags, explicit keys, document markers, CR LF, a byte-order mark, keys equal up
 * to case or a trailing space, `on`/`y`/`0o17`/`1_000`/`.inf` as keys and values) are read by the
 * product's reader and by GitHub's:
 * - YAML level: `parseLocatedYaml` (fast path and reference) against the `yaml` package as
 *   `@actions/workflow-parser` configures it (second-reader.ts). No document is read by both to
 *   different values, none GitHub refuses is read, and one GitHub reads is refused only with words that
 *   say the refusal is stepwarden's own (never a bare syntax error: it was, for a tag or an anchor
 *   before a mapping's first key, a local tag, `!` before a flow indicator).
 * - Model level: `parseWorkflow` against `@actions/workflow-parser` itself (tests/workflow/
 *   differential.ts: jobs, permissions, `uses`, `with`, secrets, environments, `needs`, triggers).
 * Held at 4810aaa for the readings (no divergence in 24,000 documents); the refusals' words broke.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseLocatedYaml, toValue } from '../../shared/yaml/located.js';
import { firstDifference, secondReading } from '../../shared/yaml/second-reader.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { disagreements, githubFacts, stepwardenFacts } from '../workflow/differential.js';
import { choicesOf, document, ghWorkflow, workflow } from '../yaml/s36-grammar-gen.js';

/** Not fixed: CI runs other seeds than the last local run (FC_SEED replays one); two fixed beside it. */
const SEEDS = [process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31, 36, 3636];

describe('s36-y grammar: the product’s YAML reader against GitHub’s, document by document', () => {
  it.each(SEEDS)(
    'seed %d: same value, or refused by both, or refused with stepwarden’s own reason',
    (seed) => {
      const seen = { both: 0, ours: 0 };
      fc.assert(
        fc.property(workflow, fc.nat(), (v, choice) => {
          const text = document(v, choicesOf(choice));
          const ours = parseLocatedYaml(text);
          const theirs = secondReading(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
          if ('error' in theirs) {
            // GitHub refuses: so must the reader (a merge key or a redefined anchor is refused by the
            // workflow reader from these fields).
            expect(ours.error ?? ours.mergeKeyLine ?? ours.redefinedAnchor).toBeDefined();
            return;
          }
          if (ours.error) {
            seen.ours++;
            // GitHub reads it: the refusal says it is stepwarden's (or is the stack's, with its reason).
            if (!/nested too deeply/.test(ours.error.message)) expect(ours.error.kind).not.toBe('syntax');
            expect(ours.error.line).toBeGreaterThanOrEqual(1);
            return;
          }
          seen.both++;
          const mine = ours.root ? toValue(ours.root) : ours.value;
          expect(firstDifference(mine, theirs.value)).toBeUndefined();
        }),
        { seed, numRuns: 500 },
      );
      // The grammar reaches both sides: documents both read, and documents only GitHub reads. Over 61
      // seeds (session 41) `both` ran 97-140 (mean 116, sd 10) and `ours` 66-105: the bounds sit six
      // deviations below, since a seed CI draws must not fail a grammar that still reaches both sides
      // (CI at d6e859b8 drew 1354127759: both = 97 against the old bound of 100).
      expect(seen.both).toBeGreaterThan(50);
      expect(seen.ours).toBeGreaterThan(20);
    },
    240_000,
  );

  it.each(SEEDS.slice(0, 2))(
    'seed %d: the workflow model equals GitHub’s parser’s, or refuses with a reason',
    (seed) => {
      let valid = 0;
      fc.assert(
        fc.property(ghWorkflow, fc.nat(), (v, choice) => {
          const text = document(v, choicesOf(choice));
          const theirs = githubFacts('x.yml', text);
          if (!theirs.valid) return;
          valid++;
          const model = parseWorkflow('x.yml', 'x.yml', text);
          if (model.error) {
            // A workflow GitHub runs is never called a YAML syntax error.
            expect(model.error.message).not.toMatch(/^YAML syntax error/);
            return;
          }
          expect(disagreements('x.yml', stepwardenFacts(model), theirs)).toEqual([]);
        }),
        { seed, numRuns: 400 },
      );
      // 25 seeds (session 41): 19-41 valid of 400 (mean 31, sd 6); the bound sits four deviations below.
      expect(valid).toBeGreaterThan(5);
    },
    240_000,
  );
});
