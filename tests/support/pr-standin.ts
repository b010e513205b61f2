/** The GitHub stand-in as the access-diff action's tests run it: pull request, git and pulls routes. */
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubGitRoutes } from '../../shared/standins/github-git-routes.js';
import { githubPullRequestRoutes, type PullRequestState } from '../../shared/standins/github-pr-routes.js';
import { githubPullsRoutes, type StandinPullRequest } from '../../shared/standins/github-pulls-routes.js';
import { openApiValidator } from './openapi-shapes.js';

/** Starts the stand-in over `state` and `pulls` (both read live: tests change them between runs). */
export async function startPullRequestStandin(
  state: PullRequestState,
  pulls: StandinPullRequest[],
): Promise<StartedStandin> {
  let url = '';
  const gh = await startGithubStandin({
    validate: openApiValidator(),
    routes: (s) => {
      githubPullRequestRoutes(state, () => url)(s);
      githubGitRoutes(state, () => url)(s);
      githubPullsRoutes({ pulls, tokens: state.tokens }, () => url)(s);
    },
  });
  url = gh.url;
  return gh;
}
