export const id = 176;
export const ids = [176,881,698];
export const modules = {

/***/ 2176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  accessDiffAction: () => (/* binding */ accessDiffAction),
  artifactSchema: () => (/* binding */ artifactSchema)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./shared/actions/annotations.ts
var annotations = __webpack_require__(7728);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./shared/github/octokit.ts
var octokit = __webpack_require__(4881);
// EXTERNAL MODULE: ./shared/diff/render.ts
var render = __webpack_require__(9966);
;// CONCATENATED MODULE: ./shared/diff/comment.ts

const RESOLVED_BODY = `${render/* MARKER */.tl}\n## stepwarden access diff\n\n\u2705 Resolved: this pull request no longer changes any job's access.\n`;
/** The login comments are expected from: the token's user, else the given app bot login. */
async function commentAuthor(gh, fallback) {
    try {
        const me = await gh.rest.users.getAuthenticated();
        return me.data.login;
    }
    catch {
        // Installation tokens (GITHUB_TOKEN, GitHub Apps) cannot read /user; their comments are the bot's.
        return fallback;
    }
}
async function upsertComment(gh, t, body, author) {
    let previous = {};
    try {
        const all = (await gh.paginate(gh.rest.issues.listComments, {
            owner: t.owner,
            repo: t.repo,
            issue_number: t.number,
            per_page: 100,
        }));
        const mine = all.filter((c) => c.user?.login === author && (c.body ?? '').startsWith(render/* MARKER */.tl));
        const current = mine.at(-1);
        if (current?.body !== undefined)
            previous = { previous: current.body };
        let minimized = 0;
        for (const stale of mine.slice(0, -1)) {
            await minimize(gh, stale.node_id);
            minimized++;
        }
        if (body === undefined) {
            if (!current || current.body === RESOLVED_BODY)
                return { action: 'none', minimized, ...previous };
            await gh.rest.issues.updateComment({
                owner: t.owner,
                repo: t.repo,
                comment_id: current.id,
                body: RESOLVED_BODY,
            });
            await minimize(gh, current.node_id);
            return { action: 'resolved', id: current.id, minimized: minimized + 1, ...previous };
        }
        if (current) {
            if (current.body !== body)
                await gh.rest.issues.updateComment({ owner: t.owner, repo: t.repo, comment_id: current.id, body });
            return { action: 'updated', id: current.id, minimized, ...previous };
        }
        const created = await gh.rest.issues.createComment({
            owner: t.owner,
            repo: t.repo,
            issue_number: t.number,
            body,
        });
        return { action: 'created', id: created.data.id, minimized };
    }
    catch (err) {
        const status = err.status;
        if (status === 403 || status === 404) {
            return {
                action: 'not-posted',
                reason: status === 403
                    ? 'the token is read-only here (pull requests from forks get a read-only GITHUB_TOKEN under pull_request): use the two-stage pattern in docs/access-diff.md'
                    : 'the pull request was not found with this token',
                minimized: 0,
                ...previous,
            };
        }
        throw err;
    }
}
async function minimize(gh, nodeId) {
    await gh.graphql(`mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }`, { id: nodeId });
}

// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
// EXTERNAL MODULE: ./shared/workflow/load.ts
var load = __webpack_require__(2884);
// EXTERNAL MODULE: ./shared/diff/cross-check.ts
var cross_check = __webpack_require__(7789);
// EXTERNAL MODULE: ./shared/diff/entries.ts
var diff_entries = __webpack_require__(8920);
// EXTERNAL MODULE: ./shared/diff/source.ts
var source = __webpack_require__(319);
// EXTERNAL MODULE: ./shared/workflow/composite.ts
var composite = __webpack_require__(7521);
// EXTERNAL MODULE: ./shared/diff/local-gate.ts
var local_gate = __webpack_require__(2979);
// EXTERNAL MODULE: ./shared/diff/repo-files.ts
var repo_files = __webpack_require__(8124);
;// CONCATENATED MODULE: ./shared/diff/github-source.ts
/**
 * Repository states read through the git data API at a commit: one recursive tree request per side,
 * then one blob request per distinct workflow file (a file unchanged between base and head is read
 * once). Safe under pull_request_target: the head's files are only read as data, never checked out or
 * run. Nothing the tree lists under `.github/workflows` is dropped: a symbolic link, a submodule, a
 * file over 1 MiB or beyond the file limit becomes an error model, which the diff reports as
 * "cannot judge".
 */








/** Blob requests in flight at once (GitHub's secondary limits punish bursts). */
const CONCURRENCY = 8;
async function tree(gh, owner, repo, sha, recursive) {
    const res = await gh.rest.git.getTree({
        owner,
        repo,
        tree_sha: sha,
        ...(recursive ? { recursive: '1' } : {}),
    });
    return { entries: res.data.tree, truncated: res.data.truncated };
}
/**
 * The entries at the root, under `.github` and under `.github/workflows`: one recursive request;
 * when GitHub truncates it (very large repositories), a walk of the three trees instead.
 */
async function relevantEntries(gh, owner, repo, sha) {
    const full = await tree(gh, owner, repo, sha, true);
    if (!full.truncated)
        return { entries: full.entries, complete: true };
    const out = [];
    let at = { sha, prefix: '' };
    for (const name of ['.github', 'workflows', '']) {
        const level = await tree(gh, owner, repo, at.sha, false);
        const entries = level.entries.map((e) => ({ ...e, path: `${at.prefix}${e.path}` }));
        out.push(...entries);
        if (!name)
            break;
        const next = entries.find((e) => e.path === `${at.prefix}${name}` && e.type === 'tree');
        if (!next)
            break;
        at = { sha: next.sha, prefix: `${next.path}/` };
    }
    return { entries: out, complete: false };
}
async function blobText(gh, owner, repo, sha, cache) {
    let text = cache.get(sha);
    if (!text) {
        text = gh.rest.git.getBlob({ owner, repo, file_sha: sha }).then((res) => {
            const d = res.data;
            return d.encoding === 'base64' ? Buffer.from(d.content, 'base64').toString('utf8') : d.content;
        });
        cache.set(sha, text);
    }
    return text;
}
/** Runs `fn` over `items` with at most `limit` in flight, keeping order. */
async function pool(items, limit, fn) {
    const out = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}
async function readStateFromApi(gh, owner, repo, sha, opts = {}) {
    const cache = opts.cache ?? new Map();
    const { entries, complete } = await relevantEntries(gh, owner, repo, sha);
    const byPath = new Map(entries.map((e) => [e.path, e]));
    const label = sha.slice(0, 7);
    const { toRead, errors } = (0,diff_entries/* selectWorkflowEntries */.G)(entries);
    const readSpecial = async (path) => {
        const e = byPath.get(path);
        if (!e)
            return {};
        const why = (0,diff_entries/* unreadableFile */._s)(e, path);
        if (why)
            return { error: why };
        return { text: await blobText(gh, owner, repo, e.sha, cache) };
    };
    const [files, manifest, org] = await Promise.all([
        pool(toRead, CONCURRENCY, async (e) => ({
            path: e.path,
            text: await blobText(gh, owner, repo, e.sha, cache),
        })),
        readSpecial(schema/* MANIFEST_PATH */.U4),
        opts.orgPolicyPath ? readSpecial(opts.orgPolicyPath) : Promise.resolve(undefined),
    ]);
    const textOf = new Map(files.map((f) => [f.path, f.text]));
    // Local composite actions, from the same tree (a recursive tree lists no path through a linked
    // directory; a linked action file is a blob of mode 120000, not read). A truncated tree holds only
    // the root, .github and .github/workflows: composites elsewhere are then not followed.
    const list = (0,diff_entries/* treeLister */.qn)(byPath.values());
    const actionFile = async (dir) => {
        for (const name of ['action.yml', 'action.yaml']) {
            const path = dir ? `${dir}/${name}` : name;
            const e = byPath.get(path);
            if (!e)
                continue;
            if ((0,diff_entries/* unreadableFile */._s)(e, path))
                return (0,diff_entries/* heldActionProblem */.h7)(dir, (p) => byPath.get(p));
            return { path, text: await blobText(gh, owner, repo, e.sha, cache) };
        }
        // Not there: maybe behind a linked directory, which a recursive tree does not list through, or
        // named in another case than the tree holds it (session 21).
        return (0,diff_entries/* heldActionProblem */.h7)(dir, (p) => byPath.get(p), list);
    };
    const models = await (0,composite/* withCompositeActions */.B1)((0,load/* parseWorkflows */.w_)(files).map((m) => (0,cross_check/* crossChecked */.q)(m, textOf.get(m.path) ?? '')), actionFile);
    const orgPolicy = opts.orgPolicyPath === undefined
        ? undefined
        : org?.error
            ? { file: opts.orgPolicyPath, error: { message: org.error, line: 1 } }
            : (0,source/* orgPolicyOf */.K1)(org?.text, opts.orgPolicyPath);
    // The gate's files from the same tree; a truncated tree lists no file below the root's levels.
    const gateFiles = new Map();
    let gateFilesError;
    for (const d of [...(0,local_gate/* localGates */.a6)(models).keys()].flatMap(local_gate/* gateFileDirs */.k9)) {
        const below = entries.filter((e) => e.path.startsWith(`${d}/`) && e.type !== 'tree');
        for (const e of below)
            gateFiles.set(e.path, e.sha);
        if (below.length === 0 && byPath.get(d)?.type === 'tree')
            gateFilesError = `the files of the gate this repository carries (${d}/) are not listed: the repository's tree is too large for one request`;
    }
    // The repository's files, when a job computes a value from run-time outputs; a truncated tree does
    // not list them all.
    const filesDigest = !(0,repo_files/* readsRunTimeOutputs */.UN)(models)
        ? undefined
        : complete
            ? (0,repo_files/* repositoryFilesDigest */.ew)(entries.filter((e) => e.type !== 'tree'))
            : (0,repo_files/* unlistedFiles */.cu)(label);
    return {
        label,
        workflows: [...models, ...errors],
        ...(gateFilesError ? { gateFilesError } : { gateFiles }),
        ...(filesDigest !== undefined ? { filesDigest } : {}),
        ...(manifest.error
            ? { manifestError: `${label}: ${manifest.error}`, manifestErrorLine: 1 }
            : (0,source/* manifestOf */.$V)(manifest.text, label)),
        ...(orgPolicy ? { orgPolicy } : {}),
    };
}
/** Both sides of a pull request, sharing blobs: an unchanged file costs one request, not two. */
async function readPullRequestStates(gh, owner, repo, baseSha, headSha, opts = {}) {
    const cache = new Map();
    return Promise.all([
        readStateFromApi(gh, owner, repo, baseSha, { ...opts, cache }),
        readStateFromApi(gh, owner, repo, headSha, { ...opts, cache }),
    ]);
}

// EXTERNAL MODULE: ./shared/diff/states.ts
var states = __webpack_require__(172);
// EXTERNAL MODULE: ./shared/render/escape.ts
var render_escape = __webpack_require__(4732);
// EXTERNAL MODULE: ./shared/actions/summary.ts
var summary = __webpack_require__(1698);
// EXTERNAL MODULE: ./shared/cli/output-file.ts
var output_file = __webpack_require__(8377);
;// CONCATENATED MODULE: ./shared/actions/access-diff.ts
/**
 * actions/access-diff: the PR's access diff as one sticky comment and the job summary.
 * mode auto    (pull_request / pull_request_target): compute and post.
 * mode compute (pull_request from a fork, no secrets): compute, write the diff as JSON for an artifact.
 * mode post    (workflow_run): find the pull request through the API (by the run's head repository,
 *              branch and commit; it must belong to this repository), recompute the diff from its
 *              commits, and refuse an artifact that says otherwise.
 * Files that cannot be read are "cannot judge" entries; an invalid head manifest fails with exit 2.
 */













const changeSchema = schemas/* strictObject */.rej({
    workflow: schemas/* string */.YjP().max(300),
    job: schemas/* string */.YjP().max(300).nullable(),
    kind: schemas/* enum */.k5n([
        'workflow',
        'job',
        'permission',
        'secret',
        'environment',
        'trigger',
        'action',
        'credential',
        'manifest',
        'policy',
        'unreadable',
    ]),
    subject: schemas/* string */.YjP().max(500),
    before: schemas/* string */.YjP().max(1000).nullable(),
    after: schemas/* string */.YjP().max(1000).nullable(),
    effect: schemas/* enum */.k5n(['widened', 'narrowed', 'cannot-judge']),
    file: schemas/* string */.YjP().max(300).optional(),
    line: schemas/* number */.aig().int().positive().optional(),
    // A workflow name, as `workflow` (200 had refused a rename the compute job wrote).
    renamedFrom: schemas/* string */.YjP().max(300).optional(),
});
/** The artifact of mode compute: untrusted in mode post, so size-capped, schema-checked and re-computed. */
const artifactSchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(1),
    headSha: schemas/* string */.YjP().regex(/^[0-9a-f]{40}$/),
    changes: schemas/* array */.YOg(changeSchema).max(5000),
});
const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024;
const SHA = /^[0-9a-f]{40}$/;
/**
 * Why this run must not write the comment, or undefined: the pull request is no longer open at the
 * commit this run judged. Runs of two pushes race; the older one finishing last would otherwise
 * replace the newer diff (a widening shown as "Resolved"). Read just before posting; without the head's
 * branch (not a pull_request payload) it cannot be asked, and the comment names its commit anyway.
 */
async function staleReason(gh, owner, repo, t) {
    if (!t.head)
        return undefined;
    const res = await gh.rest.pulls.list({ owner, repo, state: 'open', head: t.head, per_page: 100 });
    const pr = res.data.find((p) => p.number === t.number);
    if (!pr)
        return `pull request #${t.number} is no longer open with its head at ${t.head}`;
    if (pr.head.sha !== t.headSha)
        return `pull request #${t.number} moved on to ${pr.head.sha.slice(0, 12)} while this run judged ${t.headSha.slice(0, 12)}; the run of the newer commit writes the comment`;
    return undefined;
}
class Refusal extends Error {
}
/**
 * The open pull request of this repository whose head is the workflow run's commit. For a fork,
 * `workflow_run.pull_requests` is empty, so it is looked up by the head repository's owner and
 * branch; either way the answer must have its base in this repository and its head at the run's
 * commit (a same-named branch of another fork, or a pull request of another repository, is refused).
 */
async function findPullRequest(gh, owner, repo, run) {
    const headSha = run.head_sha ?? '';
    const headRepo = run.head_repository?.full_name;
    const headOwner = run.head_repository?.owner?.login;
    if (!SHA.test(headSha) || !run.head_branch || !headRepo || !headOwner)
        throw new Refusal('mode post runs on workflow_run of a pull_request run; the event lacks head_sha, head_branch or head_repository');
    const res = await gh.rest.pulls.list({
        owner,
        repo,
        state: 'open',
        head: `${headOwner}:${run.head_branch}`,
        per_page: 100,
    });
    const self = `${owner}/${repo}`.toLowerCase();
    const matches = res.data.filter((p) => p.base.repo.full_name.toLowerCase() === self &&
        p.head.sha === headSha &&
        p.head.repo?.full_name.toLowerCase() === headRepo.toLowerCase());
    if (matches.length === 0)
        throw new Refusal(`no open pull request of ${owner}/${repo} has its head at ${headSha} (${headRepo}:${run.head_branch}); nothing to comment on`);
    if (matches.length > 1)
        throw new Refusal(`${matches.length} open pull requests of ${owner}/${repo} have their head at ${headSha} (#${matches.map((p) => p.number).join(', #')}); refusing to guess`);
    const pr = matches[0];
    return { number: pr.number, baseSha: pr.base.sha, headSha, head: `${headOwner}:${run.head_branch}` };
}
/** Reads the artifact as untrusted data: size, JSON, shape, and the commit it claims. */
async function readArtifact(path, headSha) {
    const text = await (0,promises_.readFile)(path, 'utf8').catch(() => undefined);
    if (text === undefined)
        throw new Refusal(`no diff artifact at ${path}`);
    if (Buffer.byteLength(text) > MAX_ARTIFACT_BYTES)
        throw new Refusal('the diff artifact is larger than 2 MiB; refusing it');
    let parsed;
    try {
        parsed = artifactSchema.safeParse(JSON.parse(text));
    }
    catch {
        throw new Refusal('the diff artifact is not JSON');
    }
    if (!parsed.success)
        throw new Refusal(`the diff artifact does not have the expected shape: ${parsed.error.issues[0]?.message}`);
    if (parsed.data.headSha !== headSha)
        throw new Refusal('the diff artifact is for another commit than the workflow run');
    return parsed.data.changes;
}
const changeKey = (c) => JSON.stringify([c.effect, c.kind, c.workflow, c.job, c.subject, c.before, c.after]);
/** The artifact's changes, as a multiset, equal the recomputed ones. */
function sameChanges(a, b) {
    if (a.length !== b.length)
        return false;
    const x = a.map(changeKey).sort();
    const y = b.map(changeKey).sort();
    return x.every((k, i) => k === y[i]);
}
const count = (changes, effect) => changes.filter((c) => c.effect === effect).length;
const accessDiffAction = {
    async run(_argv, io) {
        const token = core/* getInput */.V4('token', { required: true });
        core/* setSecret */.Pq(token);
        const mode = core/* getInput */.V4('mode') || 'auto';
        const failOn = core/* getInput */.V4('fail-on');
        const approveLabel = core/* getInput */.V4('approve-label') || 'access-approved';
        const orgPolicyPath = core/* getInput */.V4('org-policy').replace(/^\.\//, '') || undefined;
        const artifactPath = (0,external_node_path_.resolve)(io.env.GITHUB_WORKSPACE ?? io.cwd, core/* getInput */.V4('artifact-path') || 'stepwarden-access-diff.json');
        const author = core/* getInput */.V4('comment-author') || 'github-actions[bot]';
        if (!['auto', 'compute', 'post'].includes(mode))
            return fail(`mode must be auto, compute or post, not '${mode}'`);
        if (failOn && failOn !== 'widened')
            return fail(`fail-on takes widened, not '${failOn}'`);
        if (orgPolicyPath && (orgPolicyPath.includes(':') || orgPolicyPath.startsWith('/')))
            return fail(`org-policy takes a path in this repository (e.g. stepwarden/org-policy.yml), not '${orgPolicyPath}': the diff compares the policy in the repository that holds it`);
        const [owner, repo] = (io.env.GITHUB_REPOSITORY ?? '/').split('/');
        const event = JSON.parse(await (0,promises_.readFile)(io.env.GITHUB_EVENT_PATH ?? '', 'utf8').catch(() => '{}'));
        const gh = (0,octokit.runnerOctokit)(token, io.env);
        const compute = async (baseSha, headSha) => {
            const [base, head] = await readPullRequestStates(gh, owner, repo, baseSha, headSha, {
                ...(orgPolicyPath ? { orgPolicyPath } : {}),
            });
            return (0,states/* diffStates */.o)(base, head);
        };
        let result;
        let target;
        let mismatch;
        try {
            if (mode === 'post') {
                const run = event.workflow_run;
                if (!run)
                    throw new Refusal('mode post runs on workflow_run; the event has no workflow_run');
                target = await findPullRequest(gh, owner, repo, run);
                const claimed = await readArtifact(artifactPath, target.headSha);
                // The compute job ran the fork's workflow: what it uploaded is a claim, checked against the
                // diff recomputed here from the pull request's own commits (read as data through the API).
                result = await compute(target.baseSha, target.headSha);
                if (!sameChanges(claimed, result.changes))
                    mismatch = `the diff artifact does not match the diff recomputed from the pull request's commits (artifact: ${count(claimed, 'widened')} widened, ${claimed.length} changes; recomputed: ${count(result.changes, 'widened')} widened, ${result.changes.length} changes); refusing the artifact and posting the recomputed diff`;
            }
            else {
                const pr = event.pull_request;
                if (!pr)
                    throw new Refusal('access-diff runs on pull_request or pull_request_target (no pull_request in the event)');
                const headOwner = pr.head.repo?.owner?.login;
                target = {
                    number: pr.number,
                    baseSha: pr.base.sha,
                    headSha: pr.head.sha,
                    ...(headOwner && pr.head.ref ? { head: `${headOwner}:${pr.head.ref}` } : {}),
                };
                result = await compute(target.baseSha, target.headSha);
            }
        }
        catch (err) {
            if (err instanceof Refusal)
                return fail(err.message);
            const status = err.status;
            return fail(`cannot read the pull request's files through the API${status ? ` (HTTP ${status})` : ''}: ${err.message}. The token needs contents: read${mode === 'post' ? ' (the post job recomputes the diff: give it `permissions: { actions: read, contents: read, pull-requests: write }`)' : ''}`);
        }
        const { changes } = result;
        const server = io.env.GITHUB_SERVER_URL ?? 'https://github.com';
        const body = (0,render/* renderDiffMarkdown */.rw)(changes, {
            blobBase: `${server}/${owner}/${repo}/blob/${target.headSha}`,
            headSha: target.headSha,
            digest: true,
        });
        core/* setOutput */.uH('widened', String(count(changes, 'widened')));
        core/* setOutput */.uH('narrowed', String(count(changes, 'narrowed')));
        core/* setOutput */.uH('cannot-judge', String(count(changes, 'cannot-judge')));
        let outcome;
        if (mode === 'compute') {
            await (0,output_file/* writeOutputFile */.B)(artifactPath, JSON.stringify({ version: 1, headSha: target.headSha, changes }), {
                mkdirs: true,
            });
            core/* setOutput */.uH('artifact-path', artifactPath);
        }
        else {
            let stale;
            try {
                stale = await staleReason(gh, owner, repo, target);
            }
            catch (err) {
                const status = err.status;
                stale = `the pull request's current head could not be read${status ? ` (HTTP ${status})` : ''}, so this run cannot tell whether a newer one has commented`;
            }
            outcome = stale
                ? { action: 'not-posted', reason: stale, minimized: 0 }
                : await upsertComment(gh, { owner, repo, number: target.number }, changes.length ? body : undefined, await commentAuthor(gh, author));
            core/* setOutput */.uH('comment', outcome.action);
        }
        const note = outcome?.action === 'not-posted'
            ? `\n> [!WARNING]\n> The comment could not be posted: ${(0,render_escape/* escapeMarkdown */.FV)(outcome.reason)}.\n`
            : mode === 'compute'
                ? `\n_Computed for a separate workflow_run job to post (two-stage pattern, docs/access-diff.md)._\n`
                : '';
        const refused = mismatch ? `\n> [!CAUTION]\n> ${(0,render_escape/* escapeMarkdown */.FV)(mismatch)}.\n` : '';
        (0,summary/* writeStepSummary */.o)(`${body}${note}${refused}`, io.env);
        if (mismatch)
            return fail(mismatch);
        if (result.invalidHead)
            return fail(`cannot judge this pull request: its ${changes.find((c) => c.effect === 'cannot-judge')?.subject ?? 'manifest'} is invalid (see the comment); fix it in the pull request`);
        if (failOn === 'widened' && (0,states/* failsOnWidened */.t)(changes)) {
            const unjudged = count(changes, 'cannot-judge');
            if (unjudged > 0) {
                // No label approves what nobody could read.
                return fail(`${unjudged} file(s) cannot be judged (see the comment's "Cannot judge" section): make them readable workflow files under 1 MiB`);
            }
            // Nor a widening the comment could not show: cut at GitHub's comment limit, it lists only the
            // widened rows that fit, and a label applied after reading it approved the rest unseen; a row
            // whose value is clipped (a new job described past 900 characters) hides its tail the same way.
            const hidden = (0,render/* widenedNotShown */.Pu)(changes, body);
            if (hidden > 0) {
                return fail(`${hidden} widened change(s) are not shown whole in the comment (rows cut at GitHub's 65,536-character limit, or a value too long for its row, such as a new job described past 900 characters), so no '${approveLabel}' label can approve them: split the pull request (or the new job) so that each part's widening fits in one comment (\`stepwarden diff BASE HEAD --format json\` lists them all)`);
            }
            const labels = mode === 'compute'
                ? []
                : (await gh.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: target.number })).data.map((l) => l.name);
            if (!labels.includes(approveLabel)) {
                annotations/* annotations */.h.setFailed(`access widens (${count(changes, 'widened')} changes) without the '${approveLabel}' label: a person must approve it`);
                return 1;
            }
            // The label stays on the pull request across pushes: it approves the widening the comment showed
            // when it was read, not one pushed after it. The comment a person last read (before this run
            // wrote it) must show the same widening as this commit's.
            const shown = outcome && 'previous' in outcome ? (0,render/* digestOf */.ol)(outcome.previous) : undefined;
            if (shown !== (0,render/* widenedDigest */.$3)(changes)) {
                const removed = await gh.rest.issues
                    .removeLabel({ owner, repo, issue_number: target.number, name: approveLabel })
                    .then(() => true, () => false);
                annotations/* annotations */.h.setFailed(`access widens (${count(changes, 'widened')} changes) differently from what the comment showed when the '${approveLabel}' label was applied (a later push changed the widening)${removed ? '; the label was removed' : ''}: a person must read the updated comment and apply the label again`);
                return 1;
            }
        }
        return 0;
    },
};
function fail(message) {
    annotations/* annotations */.h.setFailed(message);
    return 2;
}


/***/ }),

/***/ 7728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ annotations)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _render_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4732);
/**
 * The one way an action writes what GitHub's UI shows as an annotation or a step's failure
 * (`::error`, `::warning`, `::notice`; setFailed is an `::error` too). A message carries workflow,
 * manifest, trail or broker values, and the UI draws their bidirectional controls and zero-width
 * characters: each message and title passes visibleText here (session 34 wrapped each call site in
 * check, enforce and exchange; actions/audit's stayed raw, session 35), so a new call site cannot forget
 * it. tests/hostile-faces-s35/s35-f-annotation-wrapper scans shared/ for any other call.
 */


// The file stays as written: it locates the annotation (GitHub matches it to the path), it is not prose.
const props = (p) => p && p.title !== undefined ? { ...p, title: (0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(p.title) } : p;
const annotations = {
    error: (message, p) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message), props(p)),
    warning: (message, p) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message), props(p)),
    notice: (message, p) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message), props(p)),
    setFailed: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message)),
};


/***/ }),

/***/ 1698:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ writeStepSummary)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _annotations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7728);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/**
 * The step summary file, written as a file any earlier step (or a process it left running) can have
 * replaced. `core.summary` follows a symbolic link there (the text lands in whatever file it names) and
 * blocks on a FIFO until something reads it (the step hangs until the job's timeout, the summary never
 * shows). Only a regular file is written here, opened without following a link and without blocking;
 * anything else is refused with an error annotation, and the summary goes to the log instead.
 */



/** What was found at the path instead of a regular file. */
class Replaced extends Error {
}
function kind(path) {
    const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.lstatSync)(path);
    if (st.isFile())
        return undefined;
    return st.isSymbolicLink() ? 'a symbolic link' : st.isFIFO() ? 'a FIFO' : 'not a regular file';
}
/** Appends `markdown` to `$GITHUB_STEP_SUMMARY`; 'none' when the variable is unset (not in a runner). */
function writeStepSummary(markdown, env = process.env) {
    const path = env.GITHUB_STEP_SUMMARY;
    if (!path)
        return 'none';
    let fd;
    try {
        const what = kind(path);
        if (what)
            throw new Replaced(`is ${what}`);
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_APPEND | node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_NONBLOCK);
        // Swapped between lstat and open: judge what was opened.
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.fstatSync)(fd).isFile())
            throw new Replaced('changed while it was opened');
        const buf = Buffer.from(markdown, 'utf8');
        for (let n = 0; n < buf.length;)
            n += (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.writeSync)(fd, buf, n, buf.length - n);
        return 'written';
    }
    catch (err) {
        const why = err instanceof Replaced ? err.message : `cannot be written (${err.message})`;
        _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.error(`stepwarden: the step summary file ${path} ${why}: a step of this job replaced it, so the summary is in this log instead`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(markdown);
        return 'refused';
    }
    finally {
        if (fd !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.closeSync)(fd);
    }
}


/***/ }),

/***/ 8377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ writeOutputFile),
/* harmony export */   I: () => (/* binding */ openOutputStream)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/**
 * Writing a report, SARIF file or trail copy the user named: whole or not at all. A temporary file
 * beside the target, then a rename, so a reader never sees half a report and a failed write leaves the
 * old file as it was. Three things a plain `writeFile(tmp); rename(tmp, target)` gets wrong:
 * - a target that is not a regular file (`--output /dev/stdout`, a FIFO, a terminal, `/dev/null`) would
 *   be replaced by a plain file (as root: the device node itself); it is written in place instead;
 * - a link to a regular file would be replaced by a file; the file it names is replaced, the link kept;
 * - a fixed temporary name (`out.tmp`) in a shared folder is a path another user can plant a link at,
 *   redirecting the write; the temporary name is unpredictable and created exclusively.
 */




/** Where the bytes go: the target itself (not a regular file), or a temporary file renamed onto it. */
async function plan(path, mkdirs) {
    // stat follows links: what the path names in the end decides.
    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path).catch((err) => {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    });
    if (st?.isDirectory())
        throw new Error(`${path} is a directory; give a file path`);
    if (st && !st.isFile())
        return { inPlace: true };
    const target = st ? await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(path) : path;
    if (mkdirs)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(target), { recursive: true });
    return { inPlace: false, target };
}
const WHY = {
    ENOENT: 'its folder does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is not a folder',
};
/** The user's path and the reason, not the temporary name the failure happened on. */
function cannotWrite(path, err) {
    const code = err.code;
    const why = code ? `${code}: ${WHY[code] ?? err.message}` : err.message;
    return new Error(`cannot write ${path} (${why})`, { cause: err });
}
const tmpName = (target) => `${target}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`;
/** plan(), with an I/O failure named by the user's path. */
const planFor = (path, mkdirs) => plan(path, mkdirs).catch((err) => {
    throw err.code ? cannotWrite(path, err) : err;
});
/**
 * `mkdirs`: create the target's folder. `durable`: the bytes are on disk (fsync) before the rename, so a
 * crash leaves the old file or the new one, never an empty one (a manifest `init` writes).
 */
async function writeOutputFile(path, text, opts = {}) {
    const p = await planFor(path, opts.mkdirs ?? false);
    const tmp = p.inPlace ? path : tmpName(p.target);
    try {
        if (p.inPlace)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(path, text);
        else {
            const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(tmp, 'wx', 0o644);
            try {
                await fh.writeFile(text);
                if (opts.durable)
                    await fh.sync();
            }
            finally {
                await fh.close();
            }
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(tmp, p.target);
        }
    }
    catch (err) {
        if (!p.inPlace)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(tmp, { force: true });
        throw cannotWrite(path, err);
    }
}
async function openOutputStream(path, opts = {}) {
    const p = await planFor(path, opts.mkdirs ?? false);
    const file = p.inPlace ? path : tmpName(p.target);
    const stream = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(file, { flags: p.inPlace ? 'w' : 'wx', mode: 0o644 });
    // Kept, not thrown from an event: commit() reports it with the user's path.
    let failure;
    stream.on('error', (err) => (failure ??= err));
    const ended = () => new Promise((resolve, reject) => stream.end((err) => (err ? reject(err) : resolve())));
    return {
        stream,
        async commit() {
            try {
                await ended();
                if (failure)
                    throw failure;
                if (!p.inPlace)
                    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(file, p.target);
            }
            catch (err) {
                throw cannotWrite(path, err);
            }
        },
        async abort() {
            // The open may still be on libuv's pool: a remove that ran before it would leave the file
            // it creates behind (about 3 % of aborts right after opening), so it waits for the close.
            const closed = new Promise((resolve) => stream.closed ? resolve() : stream.once('close', resolve));
            stream.destroy();
            await closed;
            if (!p.inPlace)
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(file, { force: true });
        },
    };
}


/***/ }),

/***/ 4881:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HK: () => (/* binding */ DEFAULT_UPSTREAM_TIMEOUT_MS),
/* harmony export */   Hy: () => (/* binding */ UpstreamTimeoutError),
/* harmony export */   S9: () => (/* binding */ UpstreamRateLimitedError),
/* harmony export */   ao: () => (/* binding */ githubResponseObservers),
/* harmony export */   octokit: () => (/* binding */ octokit),
/* harmony export */   runnerOctokit: () => (/* binding */ runnerOctokit)
/* harmony export */ });
/* unused harmony exports rateLimitWait, UpstreamNotJsonError, resilience, StepwardenOctokit */
/* harmony import */ var _octokit_rest__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(891);
/**
 * The Octokit every stepwarden part uses, with one resilience layer for every caller: a deadline
 * per call (retries and waits included), retries of 5xx and network errors with backoff, and
 * GitHub's rate limits (429, or 403 with `retry-after` / `x-ratelimit-remaining: 0`) waited out only
 * when the wait ends before the deadline. A hung GitHub therefore costs a caller at most its
 * deadline, never a stalled request. (@octokit/plugin-throttling was dropped: its shared write queue
 * spaces all POST/DELETE calls a second apart, which would serialize a broker's exchanges;
 * @octokit/plugin-retry was replaced because its waits do not know a deadline.)
 */

/** Default deadline of one GitHub call, retries and waits included. */
const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;
/** A call that did not finish before its deadline; `cause` is the last upstream error, if any. */
class UpstreamTimeoutError extends Error {
    timeoutMs;
    lastError;
    code = 'ERR_UPSTREAM_TIMEOUT';
    constructor(timeoutMs, lastError) {
        super(lastError
            ? `GitHub kept failing (last answer: ${describe(lastError)}) and a further try would end past the ${(timeoutMs / 1000).toFixed(1)}s deadline`
            : `GitHub did not answer within the ${(timeoutMs / 1000).toFixed(1)}s deadline`);
        this.timeoutMs = timeoutMs;
        this.lastError = lastError;
        this.name = 'UpstreamTimeoutError';
    }
}
/** GitHub asked for a wait that would end after the deadline: we refuse now instead of waiting. */
class UpstreamRateLimitedError extends Error {
    retryAfterSeconds;
    status;
    code = 'ERR_UPSTREAM_RATE_LIMITED';
    constructor(retryAfterSeconds, status) {
        super(`GitHub rate limit: retry after ${retryAfterSeconds}s (GitHub ${status})`);
        this.retryAfterSeconds = retryAfterSeconds;
        this.status = status;
        this.name = 'UpstreamRateLimitedError';
    }
}
/** `502 Bad Gateway`-style summary of an Octokit error (never its request, which holds the token). */
function describe(err) {
    const status = err.status;
    return `${typeof status === 'number' ? `${status} ` : ''}${err.message}`;
}
/**
 * GitHub's primary rate-limit window: limits are per hour and `x-ratelimit-reset` is when the current
 * window resets (docs.github.com, "Rate limits for the REST API"), so no reset is further ahead of
 * GitHub's own clock than this.
 */
const GITHUB_RATE_WINDOW_SECONDS = 3600;
/**
 * How long GitHub asks us to wait, or undefined when the error is not a rate limit: whole seconds, at
 * most an hour. A longer ask is not acted on as such (session 30): `Retry-After: 999\u20269` read as
 * Infinity (the broker's own Retry-After was `Infinity`, which its client reads as no wait) and a reset
 * a day ahead asked a day, each holding the App's revocations that long. GitHub's primary window is
 * an hour, and a token lives an hour: every token minted before the answer is dead before a longer
 * wait ends, so it would only hold tokens minted after it.
 */
function rateLimitWait(err, nowSeconds = Date.now() / 1000) {
    const asked = askedWait(err, nowSeconds);
    return asked === undefined ? undefined : Math.min(asked, GITHUB_RATE_WINDOW_SECONDS);
}
function askedWait(err, nowSeconds) {
    const e = err;
    const h = e.response?.headers ?? {};
    if (e.status !== 429 && e.status !== 403)
        return undefined;
    // GitHub sends delay-seconds and an epoch second. A value that is neither (negative, empty, a word:
    // only a middlebox sends it) made the wait negative or NaN, a retry at once while rate limited; it is
    // the minute GitHub asks for when no usable header says otherwise (below).
    const retryAfter = h['retry-after'];
    if (retryAfter !== undefined)
        return /^\s*\d+(\.\d+)?\s*$/.test(retryAfter) ? Math.ceil(Number(retryAfter)) || 1 : 60;
    if (h['x-ratelimit-remaining'] === '0' && h['x-ratelimit-reset']) {
        const reset = Number(h['x-ratelimit-reset']);
        if (!Number.isFinite(reset))
            return 60;
        // The reset is an epoch second of GitHub's clock; ours may be ahead (skew), and then the reset
        // reads as past and the call was retried after 1 s while still limited. GitHub's clock is in its
        // `Date` header (RFC 9110 \u00a76.6.1: an origin server with a clock sends it): the wait is the longer
        // of the two readings, so neither clock (nor a middlebox's Date) can shorten it. A reset past on
        // both clocks is a window that has rolled over: a second.
        // A reading on GitHub's clock more than its primary window (an hour) from the reset is not
        // GitHub's: a Date far behind (a middlebox's, one at the epoch) asked a wait as long as the
        // distance, ~1.8e9 s, and the revocation queue held every revocation of the App behind it; one
        // far ahead read a reset past on our clock as a rolled-over window, retried after a second. It is
        // ignored, as a missing Date. Whole seconds: the wait is the broker's Retry-After (RFC 9110
        // \u00a710.2.3 delay-seconds).
        const date = Date.parse(h['date'] ?? '');
        const theirs = reset - date / 1000;
        if (Number.isFinite(date) && Math.abs(theirs) <= GITHUB_RATE_WINDOW_SECONDS)
            return Math.ceil(Math.max(1, theirs, reset - nowSeconds));
        // No Date to tell skew from a rolled-over window: GitHub's rule when no usable header says how
        // long, the minute.
        return reset > nowSeconds ? Math.ceil(Math.max(1, reset - nowSeconds)) : 60;
    }
    // GitHub: a rate limit (403 with a secondary-limit message, or any 429) without either header means
    // "wait for at least one minute before retrying"; retrying sooner "may result in the banning of your
    // integration" (docs.github.com, REST API troubleshooting, "Rate limit errors"). A 429 is always a
    // rate limit, so it waits a minute too (it once retried after 1 s, three times within the deadline).
    if (e.status === 429 || /secondary rate limit/i.test(String(e.response?.data?.message ?? '')))
        return 60;
    return undefined;
}
/**
 * A 2xx answer whose body is not JSON (Octokit hands such a body over as text: an HTML page from a
 * proxy, a captive portal or a maintenance page, or JSON cut short). Every route stepwarden calls
 * answers JSON or nothing (204), so the answer is not GitHub's: retried like a 5xx, and named, so a
 * caller never reads it as an empty or missing answer ("no manifest", "a token wider than asked").
 */
class UpstreamNotJsonError extends Error {
    answered;
    contentType;
    code = 'ERR_UPSTREAM_NOT_JSON';
    constructor(answered, contentType) {
        super(`GitHub's answer (${answered}, ${contentType ? `content-type ${contentType.slice(0, 64)}` : 'no content-type'}) is not JSON: a proxy or a maintenance page answered instead of the API`);
        this.answered = answered;
        this.contentType = contentType;
        this.name = 'UpstreamNotJsonError';
    }
}
/** Throws UpstreamNotJsonError when a response carries a non-empty body that was not read as JSON. */
function requireJson(res) {
    const r = res;
    if (typeof r.data === 'string' && r.data !== '')
        throw new UpstreamNotJsonError(r.status ?? 0, String(r.headers?.['content-type'] ?? ''));
    return res;
}
/** 5xx answers, network errors (Octokit reports those as 500 without a response) and non-JSON answers are retried. */
function transient(err) {
    if (err instanceof UpstreamNotJsonError)
        return true;
    const status = err.status;
    return typeof status === 'number' && status >= 500;
}
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const done = () => {
            clearTimeout(t);
            resolve();
        };
        const t = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
    });
}
/**
 * The resilience layer as an Octokit plugin. Each call gets an AbortSignal that fires at its
 * deadline (the sooner of now + `timeoutMs` and a caller's `request.deadline`), passed to fetch, so
 * a hung connection is cut rather than left open.
 */
function resilience(octokit, options) {
    const { retries = 3, retryAfterSeconds = 1, maxWaitSeconds = 60, waitScale = 1, timeoutMs = DEFAULT_UPSTREAM_TIMEOUT_MS, } = options.resilience ?? {};
    octokit.hook.wrap('request', async (request, raw) => {
        const opts = raw;
        const start = Date.now();
        const end = Math.min(start + timeoutMs, opts.request?.deadline ?? Infinity);
        const budget = Math.max(0, end - start);
        const timer = new AbortController();
        const t = setTimeout(() => timer.abort(), budget);
        const signal = opts.request?.signal ? AbortSignal.any([timer.signal, opts.request.signal]) : timer.signal;
        opts.request = { ...opts.request, signal, deadline: end };
        let lastError;
        const timedOut = new Promise((_, reject) => signal.addEventListener('abort', () => reject(new UpstreamTimeoutError(budget, lastError)), {
            once: true,
        }));
        timedOut.catch(() => undefined);
        try {
            for (let attempt = 0;; attempt++) {
                if (signal.aborted)
                    throw new UpstreamTimeoutError(budget, lastError);
                try {
                    return requireJson(await Promise.race([request(opts), timedOut]));
                }
                catch (err) {
                    if (err instanceof UpstreamTimeoutError || signal.aborted)
                        throw new UpstreamTimeoutError(budget, lastError);
                    lastError = err;
                    const limited = rateLimitWait(err);
                    const wait = limited ?? (transient(err) ? (attempt + 1) ** 2 * retryAfterSeconds : undefined);
                    if (wait === undefined || attempt >= retries)
                        throw err;
                    if (limited !== undefined && limited > maxWaitSeconds)
                        throw new UpstreamRateLimitedError(limited, err.status);
                    const waitMs = wait * 1000 * waitScale;
                    // A wait that would end after the deadline is not started: the caller hears now.
                    if (Date.now() + waitMs >= end) {
                        if (limited !== undefined)
                            throw new UpstreamRateLimitedError(limited, err.status);
                        throw new UpstreamTimeoutError(budget, lastError);
                    }
                    await sleep(waitMs, signal);
                }
            }
        }
        finally {
            clearTimeout(t);
        }
    });
}
const StepwardenOctokit = _octokit_rest__WEBPACK_IMPORTED_MODULE_0__/* .Octokit */ .E.plugin(resilience);
const githubResponseObservers = new Set();
function observe(client) {
    const notify = (o, status, h = {}) => {
        if (githubResponseObservers.size === 0)
            return;
        const route = `${o.method ?? 'GET'} ${o.url ?? ''}`;
        const remaining = h['x-ratelimit-remaining'] === undefined ? undefined : String(h['x-ratelimit-remaining']);
        for (const f of githubResponseObservers)
            f(route, status, remaining);
    };
    client.hook.after('request', (res, o) => notify(o, res.status, res.headers));
    client.hook.error('request', (err, o) => {
        const e = err;
        notify(o, e.status ?? 0, e.response?.headers);
        throw err;
    });
    return client;
}
function octokit(opts) {
    return observe(new StepwardenOctokit({
        ...(opts.auth ? { auth: opts.auth } : {}),
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        userAgent: 'stepwarden',
        // Failed requests become typed errors for the caller (a refusal, a retry); no console noise.
        log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
        resilience: {
            retries: opts.retries ?? 3,
            retryAfterSeconds: opts.retryAfterSeconds ?? 1,
            waitScale: opts.waitScale ?? 1,
            timeoutMs: opts.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
        },
    }));
}
/** The Octokit of a step: the given token, against the runner's API (GITHUB_API_URL, e.g. on GHES). */
function runnerOctokit(token, env) {
    return octokit({ auth: token, ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}) });
}


/***/ })

};
