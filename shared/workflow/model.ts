/**
 * The workflow model: what one workflow file says, as plain data with positions. Produced by
 * `parseWorkflow` (shared/workflow/parse.ts), consumed by the access resolver, rules, diff and enforce.
 * Lines are 1-based and point into the workflow file itself (an alias points at its anchor).
 */

export interface Located<T> {
  readonly value: T;
  readonly line: number;
}

/** An input's value as a composite action's steps read it; `default` when it is the action's `default:`. */
export type InputValue = Located<string> & { readonly default?: true };

/** A `permissions:` block as written, before any GitHub rule is applied. */
export interface PermissionsBlock {
  readonly line: number;
  /** `read-all` / `write-all` shorthand; `{}` is an empty `entries` list without shorthand. */
  readonly shorthand?: 'read-all' | 'write-all';
  /** Every key as written, valid or not (unknown scopes and bad levels are judged by rules). */
  readonly entries: readonly { readonly scope: string; readonly level: string; readonly line: number }[];
  /** Set when the block has a form GitHub rejects (e.g. a list, or `permissions: admin`). */
  readonly invalid?: string;
}

export type UsesKind = 'local' | 'remote' | 'docker';

/** One `uses:` reference, of a step or of a job (reusable workflow call). */
export interface ActionRef {
  readonly uses: string;
  readonly line: number;
  readonly kind: UsesKind;
  /** `step` for `jobs.<id>.steps[*].uses`, `job` for `jobs.<id>.uses`. */
  readonly on: 'step' | 'job';
  /** The step's id, else its name, else `#<index>` (steps only). */
  readonly step?: string;
  /**
   * Set on a `uses:` of a step of a local composite action the job runs: the action file and line
   * (`line` is then the line of the workflow step that runs the composite action).
   */
  readonly via?: {
    readonly file: string;
    readonly line: number;
    /** The `id:` of the workflow step that runs the composite action (the runner's scope of its steps). */
    readonly outerId?: string;
    /** The scope cannot be known from the files (a nested composite step without an `id:`). */
    readonly outerUnknown?: boolean;
    /** The inner step's own `id:` and `with:` (for credential steps inside local composites). */
    readonly id?: string;
    readonly with?: Readonly<Record<string, Located<string>>>;
    readonly withExpression?: Located<string>;
    /**
     * What `${{ inputs.NAME }}` reads in the action holding this step: the `with:` of the step that
     * runs it, and the action's `default:`s for inputs it does not pass (session 26).
     */
    readonly inputs?: Readonly<Record<string, InputValue>>;
    /** The image a local Docker action's `runs.image: docker://…` pulls, not a step's `uses:` (session 32). */
    readonly image?: true;
    /**
     * The `env:` names that redirect this step (env-keys.ts): the workflow's and job's, the running
     * workflow step's and each composite step's on the way down, its own last (session 32).
     */
    readonly redirectingEnv?: readonly Located<string>[];
  };
}

export interface StepModel {
  readonly index: number;
  readonly line: number;
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  /** The step's `if:` key, when it has one (as written: an expression or a literal). */
  readonly if?: { readonly value: string; readonly line: number };
  /** The step's `continue-on-error:` key, when it has one (as written). */
  readonly continueOnError?: { readonly value: string; readonly line: number };
  /** The step's `shell:` key, when it has one (its text; a step that fails by `exit 1` needs a shell that runs it). */
  readonly shell?: string;
  /**
   * `with:` inputs whose values are scalars, as strings (the credential-step rule reads them), keyed
   * by the name in ASCII lower case: the runner reads inputs case-insensitively (actions/runner
   * `ConvertToStepInputs`, `OrdinalIgnoreCase`), so `MODE: audit` is the input `mode`. The first of
   * two keys equal up to case is kept (GitHub refuses such a file; parse.ts reports it).
   */
  readonly with?: Readonly<Record<string, Located<string>>>;
  /** `with:` written as one expression (`${{ fromJSON(…) }}`): inputs known only at run time. */
  readonly withExpression?: Located<string>;
  /**
   * Names in the `env:` in effect for the step (workflow, job and step level) that change where an
   * action reads its facts or what code it runs (shared/workflow/env-keys.ts), with their lines.
   */
  readonly redirectingEnv?: readonly Located<string>[];
}

/** One runner `runs-on:` can name: labels (all must match) and a group, or an expression's text. */
export type RunnerChoice =
  { readonly labels: readonly string[]; readonly group?: string } | { readonly expression: string };

export interface RunsOn {
  readonly line: number;
  readonly choices: readonly RunnerChoice[];
  /**
   * With a choice the file cannot resolve: what the expression can read in the file (the job's
   * strategy, the workflow's `on`), as text, so a change there is a change of the runner.
   */
  readonly sources?: string;
}

export interface JobModel {
  readonly id: string;
  readonly line: number;
  readonly name?: string;
  readonly permissions?: PermissionsBlock;
  /** `jobs.<id>.uses`: this job calls a reusable workflow. */
  readonly uses?: ActionRef;
  /** Secret names referenced anywhere in the job (and the workflow-level `env`), as written. `*` means
   * the whole `secrets` context (`toJSON(secrets)`, `secrets[expr]`). `GITHUB_TOKEN` is excluded. */
  readonly secrets: readonly Located<string>[];
  /** `secrets: inherit` on a reusable workflow call. */
  readonly secretsInherit?: { readonly line: number };
  /** Environment names (string or `{ name: }` form), as written (may hold `${{ }}`). */
  readonly environments: readonly Located<string>[];
  /**
   * When an environment is an expression: the parts of the file it can read (the job's `strategy`,
   * the workflow's `on`, so matrix values and inputs), as text. A change there can change the
   * environment the job enters while its `environment:` reads the same (the access diff compares it).
   */
  readonly environmentSources?: string;
  /**
   * When a secret is read by a computed name (`secrets[matrix.key]`, `secrets[inputs.name]`: `*` in
   * `secrets`): the same parts of the file, as text. A change there can hand the job another secret
   * while every expression reads the same (session 28; the access diff compares it).
   */
  readonly secretSources?: string;
  /**
   * When the `with:` of one of stepwarden's steps or of a local action holds an expression: what it
   * can read in the files (the job's strategy, the workflow's `on`, the workflow's, the job's and those
   * steps' `env:`), as text. Where the job's OIDC token goes, and where the gate reads the manifest,
   * can hang on it (session 28).
   */
  readonly withSources?: string;
  /**
   * For an environment written as a whole `${{ matrix.K }}` whose strategy gives every value of K as
   * a literal name (its list and `include` entries): those names, the `environment` claims the job's
   * runs carry and the broker compares with the manifest (session 17). Absent otherwise.
   */
  readonly environmentValues?: readonly Located<string>[];
  /**
   * For a credential step's `step`, `scope` or `audience` input written as a whole `${{ matrix.K }}`
   * (keyed by that text) whose strategy gives every value of K as a literal string and excludes
   * none: each value, a leg that runs and asks the broker with it (credential-step, session 33). On
   * a reusable-workflow call, the same for each `with:` value: what the callee's input is on some
   * leg (credential-step, undeclared-environment; session 36). Read by the check: never diff-only.
   */
  readonly matrixInputs?: Readonly<Record<string, readonly Located<string>[]>>;
  /**
   * The job's `container:` as text (with its `strategy` when the container is an expression): the
   * image runs every step, the gate's included (its `bash` and `node`), so the access diff holds a
   * change of it against the gate.
   */
  readonly container?: string;
  /**
   * `runs-on:`: every runner the job can be sent to, as the file says it (a matrix value the strategy
   * lists literally is resolved to each value; anything else written as an expression is kept as its
   * text). The access diff judges which of them are GitHub-hosted (shared/diff/snapshot.ts).
   */
  readonly runsOn?: RunsOn;
  /** The job's `if:`, as written (booleans as text). */
  readonly if?: Located<string>;
  /**
   * When the job's `if:` or a step's reads `inputs`: its workflow's `on`, as text (the inputs' defaults). Called,
   * the job's condition is decided by that and by its callers' `with:` (the access diff's guard reads
   * both; session 25).
   */
  readonly ifSources?: string;
  /**
   * `defaults.run.shell` of the job, else of the workflow, when one has the key (its text): the shell
   * every `run:` step without `shell:` runs under (`true {0}` makes `exit 1` pass; session 21).
   */
  readonly runShell?: string;
  /**
   * `with:` of a reusable-workflow call, as text: a callee's `environment: \${{ inputs.x }}` reads it.
   * When it holds an expression, with the call job's `strategy` and the workflow's `on` (what the
   * expression can read: a middle workflow passes its own input, and so its default, down the chain).
   */
  readonly callWith?: string;
  /**
   * The `with:` entries of a reusable-workflow call written as YAML strings, keyed by the name in ASCII
   * lower case (two keys equal up to case: neither): what the callee's `${{ inputs.NAME }}` is on this
   * caller's runs. A string GitHub passes only to a `type: string` input, so it is the value as written;
   * numbers and booleans, read through the callee's input type, are left out (credential-step, session 34).
   */
  readonly callInputs?: Readonly<Record<string, Located<string>>>;
  /**
   * Every name the call's `with:` passes (ASCII lower case), whatever its value: the callee's
   * `default:` is what a name not passed reads (WorkflowModel.callDefaults, session 35). Read by the
   * check: never a diff-only field.
   */
  readonly callPassed?: readonly string[];
  /**
   * `strategy.matrix`'s line: the job runs as matrix legs, which the Jobs API shows as `name (values)`
   * (unless the `name:` reads the matrix), never under the job's own name.
   */
  readonly matrix?: number;
  readonly steps: readonly StepModel[];
  /**
   * Local actions (`uses: ./path`) the check could not read or that are no action GitHub runs (a
   * link, too large, invalid YAML, missing): their steps are unjudged, which the check says.
   */
  readonly unreadActions?: readonly {
    readonly uses: string;
    readonly line: number;
    readonly file?: string;
    readonly problem: string;
    /**
     * The repository holds the action's file (or a link in its place) and the check could not read
     * it: GitHub may run it (the runner follows links of the checkout, reads larger files, reads
     * tags it does not know as text), so it is unjudged code, not code the job makes at run time.
     */
    readonly held?: true;
  }[];
  /** Every `uses:` of this job: the job's own (reusable call) and its steps'. */
  readonly actions: readonly ActionRef[];
  readonly needs: readonly string[];
  /**
   * An expression of the job that carries sources read `needs` (a destination, a gate input, an
   * environment, a secret name, a caller's `with:`, `runs-on:`): the diff adds the text of the
   * workflows its needed jobs call, whose outputs those are (session 30).
   */
  readonly readsNeeds?: true;
  /**
   * A secret name or a stepwarden step's `with:` computed from the job's steps (`steps.<id>.outputs`,
   * `env`): the diff adds the digest of the local actions the job runs, which write those outputs too
   * (session 31).
   */
  readonly readsSteps?: true;
  /**
   * One digest of the text of every local action file the job runs, nested ones included, in the
   * order they are read; set by `withCompositeActions` (composite.ts) when the job runs any.
   */
  readonly localActions?: string;
}

export interface WorkflowModel {
  /** The file name under `.github/workflows` (the manifest's key), e.g. `deploy.yml`. */
  readonly file: string;
  /** Repository-relative path, e.g. `.github/workflows/deploy.yml`. */
  readonly path: string;
  readonly name?: string;
  /** Every event of `on:` (string, list and map forms), with its line. */
  readonly triggers: readonly Located<string>[];
  /** `on.push.branches` / `on.push.tags` filters as written, when present (init derives `when.ref` from them). */
  readonly pushFilters?: { readonly branches?: readonly string[]; readonly tags?: readonly string[] };
  /**
   * Each event of FORK_REACHABLE_TRIGGERS in the `on:` mapping that has filters (`workflows:`, `branches:`, `types:` …), event ->
   * the filters as canonical text (sourceText): who may start a `workflow_run` or `pull_request_target`
   * run is decided there as much as by a job's `if:` (the diff's guard, session 21).
   */
  readonly triggerFilters?: Readonly<Record<string, string>>;
  readonly permissions?: PermissionsBlock;
  readonly jobs: readonly JobModel[];
  /**
   * `on.workflow_call.inputs`: each `type: string` input's `default:` written as a YAML string, keyed
   * by the name in ASCII lower case (names equal up to case: neither), marked `default`: what the
   * callee's `${{ inputs.NAME }}` is on the runs of a caller that does not pass NAME (session 35). The
   * check reads it (credential-step, the called job's environment): never a diff-only field.
   */
  readonly callDefaults?: Readonly<Record<string, InputValue>>;
  /**
   * A reusable workflow (`workflow_call`): a digest (sha256, hex) of the file's text as sourceText,
   * what a caller's `needs.<job>.outputs` of a job calling it reads (its outputs and the jobs that
   * write them). A digest, not the text: the diff adds it to every job reading such an output.
   */
  readonly callDigest?: string;
  /** Set when the file could not be read or parsed; `jobs` is then empty. */
  readonly error?: { readonly message: string; readonly line: number };
}

/**
 * Events that run the default branch's workflow with its token and secrets for what someone outside
 * the repository does (a fork's pull request, a comment on one, an issue or a discussion anyone may
 * open): the job's `if:` on the event's fields (`head.repo.full_name`, `*.author_association`) is then
 * the guard. Not `pull_request_review(_comment)`: from a fork they run as `pull_request` does, with a
 * read-only token and no secrets.
 */
export const FORK_REACHABLE_TRIGGERS: readonly string[] = [
  'pull_request_target',
  'workflow_run',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
];

/**
 * What only the access diff reads of a model: texts and digests of subtrees, and whether the job's
 * sources went through `needs` or its steps. `parseWorkflow(…, forDiff = false)`, which the check asks
 * for, leaves these out (and `RunsOn.sources`); a rule that comes to read one must have the check ask
 * for the whole model (tests/workflow/s34-diff-only-fields holds both).
 */
export const DIFF_ONLY_JOB_FIELDS = [
  'secretSources',
  'withSources',
  'environmentSources',
  'callWith',
  'ifSources',
  'container',
  'readsNeeds',
  'readsSteps',
] as const satisfies readonly (keyof JobModel)[];
export const DIFF_ONLY_WORKFLOW_FIELDS = [
  'triggerFilters',
  'callDigest',
] as const satisfies readonly (keyof WorkflowModel)[];
