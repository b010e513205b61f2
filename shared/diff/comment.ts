/**
 * One sticky comment per pull request, found by a hidden marker among the comments of the token's
 * own identity only (a user who pastes the marker cannot hijack it). Created, updated in place,
 * marked resolved when the diff empties; older duplicates are minimized as OUTDATED (GraphQL).
 */
import type { StepwardenOctokitClient } from '../github/octokit.js';
import { MARKER } from './render.js';

export interface CommentTarget {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

export type CommentOutcome =
  | {
      readonly action: 'created' | 'updated' | 'resolved' | 'none';
      readonly id?: number;
      readonly minimized: number;
      /** The body of the bot's comment before this run wrote it (what a person last read). */
      readonly previous?: string;
    }
  | {
      readonly action: 'not-posted';
      readonly reason: string;
      readonly minimized: 0;
      readonly previous?: string;
    };

export const RESOLVED_BODY = `${MARKER}\n## stepwarden access diff\n\n✅ Resolved: this pull request no longer changes any job's access.\n`;

interface IssueComment {
  id: number;
  node_id: string;
  body?: string;
  user: { login: string; type?: string } | null;
}

/** The login comments are expected from: the token's user, else the given app bot login. */
export async function commentAuthor(gh: StepwardenOctokitClient, fallback: string): Promise<string> {
  try {
    const me = await gh.rest.users.getAuthenticated();
    return me.data.login;
  } catch {
    // Installation tokens (GITHUB_TOKEN, GitHub Apps) cannot read /user; their comments are the bot's.
    return fallback;
  }
}

export async function upsertComment(
  gh: StepwardenOctokitClient,
  t: CommentTarget,
  body: string | undefined,
  author: string,
): Promise<CommentOutcome> {
  let previous: { previous: string } | Record<string, never> = {};
  try {
    const all = (await gh.paginate(gh.rest.issues.listComments, {
      owner: t.owner,
      repo: t.repo,
      issue_number: t.number,
      per_page: 100,
    })) as IssueComment[];
    const mine = all.filter((c) => c.user?.login === author && (c.body ?? '').startsWith(MARKER));
    const current = mine.at(-1);
    if (current?.body !== undefined) previous = { previous: current.body };
    let minimized = 0;
    for (const stale of mine.slice(0, -1)) {
      await minimize(gh, stale.node_id);
      minimized++;
    }
    if (body === undefined) {
      if (!current || current.body === RESOLVED_BODY) return { action: 'none', minimized, ...previous };
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
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 403 || status === 404) {
      return {
        action: 'not-posted',
        reason:
          status === 403
            ? 'the token is read-only here (pull requests from forks get a read-only GITHUB_TOKEN under pull_request): use the two-stage pattern in docs/access-diff.md'
            : 'the pull request was not found with this token',
        minimized: 0,
        ...previous,
      };
    }
    throw err;
  }
}

async function minimize(gh: StepwardenOctokitClient, nodeId: string): Promise<void> {
  await gh.graphql(
    `mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }`,
    { id: nodeId },
  );
}
