/** GitHub reads only `.yml` and `.yaml` files in `.github/workflows`. No imports: the CLI's entry uses it. */
export const WORKFLOWS_DIR = '.github/workflows';

export function isWorkflowFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}
