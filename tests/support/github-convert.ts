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
