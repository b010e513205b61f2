/**
 * GitHub's object shapes for the stand-ins (repository, user), with every property GitHub's OpenAPI
 * description marks required. The URL fields are derived like GitHub's; the values are stand-in data.
 */

export function simpleUser(
  login: string,
  id: number,
  baseUrl: string,
  type: 'User' | 'Organization' | 'Bot' = 'User',
) {
  const url = `${baseUrl}/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.example.invalid/u/${id}`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false,
  };
}

export function repository(
  r: { owner: string; name: string; id: number; ownerId: number; defaultBranch: string },
  baseUrl: string,
) {
  const full = `${r.owner}/${r.name}`;
  const url = `${baseUrl}/repos/${full}`;
  const stamp = '2025-01-01T00:00:00Z';
  return {
    id: r.id,
    node_id: `R_${r.id}`,
    name: r.name,
    full_name: full,
    owner: simpleUser(r.owner, r.ownerId, baseUrl, 'Organization'),
    private: true,
    html_url: `https://github.com/${full}`,
    description: null,
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://github.com/${full}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@github.com:${full}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `https://github.com/${full}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: `https://github.com/${full}`,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: r.defaultBranch,
    open_issues_count: 0,
    open_issues: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: stamp,
    created_at: stamp,
    updated_at: stamp,
    network_count: 0,
    subscribers_count: 0,
  };
}

/** What a stand-in job is made of; both the Jobs API and the run-attempt jobs routes render it. */
export interface JobFacts {
  readonly owner: string;
  readonly repo: string;
  readonly id: number;
  readonly runId: number;
  readonly runAttempt: number;
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly steps: ReadonlyArray<{ name: string; status: string; conclusion: string | null }>;
  readonly headSha?: string;
  readonly headBranch?: string;
  readonly workflowName?: string;
}

/** GitHub's `job` object (the Jobs API's `GET .../actions/jobs/{job_id}` shape). */
export function jobObject(j: JobFacts, baseUrl: string) {
  const repoUrl = `${baseUrl}/repos/${j.owner}/${j.repo}`;
  const stamp = '2025-01-01T00:00:00Z';
  return {
    id: j.id,
    run_id: j.runId,
    run_url: `${repoUrl}/actions/runs/${j.runId}`,
    run_attempt: j.runAttempt,
    node_id: `CR_${j.id}`,
    head_sha: j.headSha ?? 'a'.repeat(40),
    url: `${repoUrl}/actions/jobs/${j.id}`,
    html_url: `https://github.com/${j.owner}/${j.repo}/actions/runs/${j.runId}/job/${j.id}`,
    status: j.status,
    conclusion: j.conclusion,
    created_at: stamp,
    started_at: stamp,
    completed_at: j.status === 'completed' ? stamp : null,
    name: j.name,
    steps: j.steps.map((st, i) => ({
      name: st.name,
      status: st.status,
      conclusion: st.conclusion,
      number: i + 1,
      started_at: st.status === 'queued' ? null : stamp,
      completed_at: st.status === 'completed' ? stamp : null,
    })),
    check_run_url: `${repoUrl}/check-runs/${j.id}`,
    labels: ['ubuntu-latest'],
    runner_id: 1,
    runner_name: 'GitHub Actions 1',
    runner_group_id: 1,
    runner_group_name: 'GitHub Actions',
    workflow_name: j.workflowName ?? 'release',
    head_branch: j.headBranch ?? 'main',
  };
}
