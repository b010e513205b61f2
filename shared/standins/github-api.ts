/**
 * A GitHub REST API stand-in on 127.0.0.1 for tests and `stepwarden demo`. NOT GitHub: it answers the
 * few endpoints stepwarden calls, in GitHub's published shapes (tests validate every response against
 * GitHub's OpenAPI description through the `validate` hook).
 * CONTRACT (implemented by the oidc/standins work): the types below are fixed.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface StandinRequest {
  readonly method: string;
  /** Path without query, e.g. `/repos/o/r/issues/1/comments`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body (or undefined). */
  readonly body: unknown;
  /** `{owner}`-style parameters of the matched pattern. */
  readonly params: Readonly<Record<string, string>>;
}

export interface StandinResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type StandinHandler = (req: StandinRequest) => StandinResponse | Promise<StandinResponse>;

/** Called for every handled request; tests pass an OpenAPI shape check here. */
export type StandinValidator = (op: {
  method: string;
  /** The OpenAPI path template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}/comments`. */
  pattern: string;
  status: number;
  requestBody: unknown;
  responseBody: unknown;
}) => void;

export interface GithubStandin {
  readonly url: string;
  /** Adds (or replaces) a route; `pattern` uses OpenAPI `{param}` templates. */
  route(method: string, pattern: string, handler: StandinHandler): void;
  /** Every request seen, in order (method, path, status), for assertions. */
  readonly requests: { method: string; path: string; status: number; body: unknown }[];
  close(): Promise<void>;
}
