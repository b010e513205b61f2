/**
 * The first module the CLI evaluates (main.ts imports it before anything else; ES modules evaluate
 * in import order): on a Node older than 20 it says which Node is needed and exits, before any module
 * that uses Node 20 globals (`crypto`, …) runs and dies with "crypto is not defined".
 * No imports here, on purpose.
 */
export const REQUIRED_NODE_MAJOR = 20;

/** The message for an unsupported Node, or undefined when `version` (e.g. `18.19.0`) is new enough. */
export function nodeVersionProblem(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? NaN);
  if (major >= REQUIRED_NODE_MAJOR) return undefined;
  return `stepwarden needs Node.js ${REQUIRED_NODE_MAJOR} or newer; this is Node.js ${version}. Install Node ${REQUIRED_NODE_MAJOR}+ (e.g. actions/setup-node with node-version: 20), or in a \`container:\` job use an image that has it.\n`;
}

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(problem);
  process.exit(2);
}
