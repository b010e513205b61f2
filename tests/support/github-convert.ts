/**
 * GitHub's errors for a workflow text, conversion included (`@actions/workflow-parser`): job and step
 * ids are judged by the converter's IdBuilder, not by the schema, so `parseWorkflow` alone says
 * nothing about `1_000`. The one copy for the suites that hold stepwarden to GitHub's reader.
 */
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow as githubParse,
} from '@actions/workflow-parser';

export async function githubConvertErrors(text: string): Promise<string[]> {
  const parsed = githubParse({ name: 'ci.yml', content: text }, new NoOperationTraceWriter());
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((e) => e.message);
}

import fc from 'fast-check';

/**
 * Ids around GitHub's IdBuilder rule: short runs of letters, `_`, `-`, digits, punctuation, spaces
 * and look-alike letters, and ids around the 100-character limit. For the differential properties of
 * job ids (session 25) and step ids (session 26).
 */
export const idCandidates: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(fc.constantFrom('a', 'Z', '_', '-', '0', '.', ' ', 'ѕ', '\u200b', '/', '$', 'é'), {
      minLength: 1,
      maxLength: 5,
    })
    .map((a) => a.join('')),
  // Around the length limit.
  fc
    .tuple(fc.integer({ min: 97, max: 102 }), fc.constantFrom('a', '_', '1'))
    .map(([n, c]) => c + 'b'.repeat(n - 1)),
);
