/**
 * @actions/workflow-parser imports its JSON schema without an import attribute, which jest warns about
 * in every test file that loads the parser; jest.config.js maps that one import here. Same object.
 */
import { readFileSync } from 'node:fs';

export default JSON.parse(
  readFileSync(
    new URL('../../../node_modules/@actions/workflow-parser/dist/action-v1.0.min.json', import.meta.url),
    'utf8',
  ),
) as unknown;
