// Realistic content for generated events: what workflows, steps, logs, errors and people of
// an ironflow installation look like. Data only; the makers choose from it.
import type { StepKind } from "../types.js";

/** A step as workflows define it, with the output it writes and what it costs and takes. */
export interface StepTemplate {
  name: string;
  kind: StepKind;
  /** Lines it writes on stdout; a few of them per run. */
  stdout: readonly string[];
  /** Lines it writes on stderr (warnings), sometimes. */
  stderr: readonly string[];
  /** How long it takes, in milliseconds: from, to. */
  durationMs: readonly [number, number];
  /** What it costs, in ten-thousandths of a dollar: from, to (0 for steps that call no model). */
  costUnits: readonly [number, number];
  /** How it fails. */
  errors: readonly string[];
}

/** Costs are drawn in ten-thousandths of a dollar, the precision model providers bill in. */
export const COST_UNITS_PER_USD = 10_000;

export const WORKFLOW_NAMES: readonly string[] = [
  "deploy-api",
  "nightly-backup",
  "build-and-test",
  "triage-support-tickets",
  "release-notes",
  "sync-crm-contacts",
  "invoice-reminders",
  "rotate-secrets",
  "summarize-incidents",
  "onboard-customer",
];

const SHELL_ERRORS = ["exit code 1", "exit code 137 (killed: out of memory)", "timed out after 600 s"];
const HTTP_ERRORS = [
  "HTTP 503 Service Unavailable from api.example.com",
  "HTTP 429 Too Many Requests: retry after 30 s",
  "connection refused: db.internal:5432",
];
const AGENT_ERRORS = [
  "the model's reply was not valid JSON",
  "budget of $2.00 exceeded",
  "context window exceeded (212,418 tokens)",
];

export const STEP_TEMPLATES: readonly StepTemplate[] = [
  {
    name: "checkout",
    kind: "shell",
    stdout: ["Cloning into 'app'...", "HEAD is now at 3f9c2ab Merge pull request #412 from ops/retry-budget"],
    stderr: ["warning: redirecting to https://git.example.com/ops/app.git/"],
    durationMs: [900, 6_000],
    costUnits: [0, 0],
    errors: ["fatal: could not read Username for 'https://git.example.com': terminal prompts disabled"],
  },
  {
    name: "build",
    kind: "shell",
    stdout: [
      "Compiling ironflow v0.1.0",
      "Compiling api v2.14.1 (/work/app)",
      "Finished `release` profile [optimized] target(s) in 48.21s",
    ],
    stderr: ["warning: unused variable: `retries`"],
    durationMs: [12_000, 95_000],
    costUnits: [0, 0],
    errors: SHELL_ERRORS,
  },
  {
    name: "test",
    kind: "shell",
    stdout: ["running 214 tests", "test result: ok. 214 passed; 0 failed; 3 ignored; finished in 7.84s"],
    stderr: ["thread 'store::tests::migrate' panicked at src/store.rs:88:9"],
    durationMs: [5_000, 60_000],
    costUnits: [0, 0],
    errors: ["exit code 101: 2 tests failed", ...SHELL_ERRORS],
  },
  {
    name: "fetch-tickets",
    kind: "http",
    stdout: ["GET https://support.example.com/api/v2/tickets?status=open", "200 OK: 143 tickets"],
    stderr: ["slow response: 2.8 s"],
    durationMs: [120, 2_800],
    costUnits: [0, 0],
    errors: HTTP_ERRORS,
  },
  {
    name: "summarize",
    kind: "agent",
    stdout: ["model: claude-sonnet-4-5", "tokens: 18342 in, 1204 out", "summary written to incidents/2026-11-25.md"],
    stderr: ["retrying after rate limit (1/3)"],
    durationMs: [3_000, 45_000],
    costUnits: [120, 8_500],
    errors: AGENT_ERRORS,
  },
  {
    name: "classify",
    kind: "agent",
    stdout: ["classifying 143 tickets", "billing: 41, bug: 67, question: 35"],
    stderr: ["3 tickets had no body; classified as question"],
    durationMs: [2_000, 30_000],
    costUnits: [40, 3_200],
    errors: AGENT_ERRORS,
  },
  {
    name: "deploy-staging",
    kind: "workflow",
    stdout: ["started child run of deploy-api (staging)", "child run completed"],
    stderr: ["child run is slower than usual"],
    durationMs: [20_000, 180_000],
    costUnits: [0, 0],
    errors: ["child run failed: step health-check: HTTP 502 Bad Gateway"],
  },
  {
    name: "notify-slack",
    kind: "http",
    stdout: ["POST https://hooks.slack.com/services/T000/B000/XXXX", "200 OK"],
    stderr: [],
    durationMs: [80, 900],
    costUnits: [0, 0],
    errors: HTTP_ERRORS,
  },
  {
    name: "open-merge-request",
    kind: "gitlab",
    stdout: ["pushed branch bot/release-notes", "opened merge request !318"],
    stderr: [],
    durationMs: [600, 4_000],
    costUnits: [0, 0],
    errors: ["GitLab: 403 Forbidden (token lacks the api scope)"],
  },
];

/** The approval step a run may wait at. */
export const APPROVAL_STEP_NAMES: readonly string[] = ["approve-production", "approve-refund", "review-release-notes"];

export const APPROVAL_MESSAGES: readonly string[] = [
  "Deploy api v2.14.1 to production?",
  "Refund $1,240.00 to ACME Corp?",
  "Publish the release notes for v2.14.1?",
];

export const USERNAMES: readonly string[] = ["alice", "bob", "carol.ng", "dmitri", "erin", "farah.k", "gus", "hana"];

/** What the engine's own `system` stream says around a step. */
export const SYSTEM_LINES = {
  start: (name: string) => `step ${name} started`,
  retry: (name: string) => `retrying step ${name}`,
  cancel: (name: string) => `step ${name} cancelled`,
} as const;

/** Reasons a run fails after a reviewer says no. */
export const rejectionError = (user: string) => `approval rejected by ${user}`;

/** Run labels as teams set them: a few keys, each with the values it takes. */
export const LABEL_CHOICES: Readonly<Record<string, readonly string[]>> = {
  env: ["production", "staging", "dev"],
  team: ["platform", "payments", "support", "data"],
  trigger: ["schedule", "webhook", "manual", "api"],
  region: ["eu-west-1", "us-east-1"],
  "git.sha": ["3f9c2ab", "a41d09e", "77be210"],
};

/** The groups whose members approve gates. */
export const APPROVER_GROUPS: readonly string[] = ["release-managers", "sre", "finance", "security"];

/** Why a gate asks for the approvals it does, as its rules say (null: the rule gives none). */
export const APPROVAL_REASONS: readonly (string | null)[] = [
  "production deploys need two approvals",
  "refunds over $1,000 need finance",
  "changes to secrets need security",
  null,
];

/** Escalation policies of approval gates, and what each does when it fires. */
export const ESCALATION_POLICIES: readonly { policy: string; action: string; to: "user" | "group" | "none" }[] = [
  { policy: "notify", action: "notified", to: "user" },
  { policy: "escalate", action: "reassigned", to: "group" },
  { policy: "escalate", action: "reassigned", to: "user" },
  { policy: "escalate", action: "chain exhausted", to: "none" },
];

/** Why an escalation fired. */
export const ESCALATION_REASONS: readonly string[] = [
  "no decision after 30 minutes",
  "no decision after 2 hours",
  "the assignee is out of office",
];

/** Workflow versions, for retries forced onto a newer one. */
export const WORKFLOW_VERSIONS: readonly string[] = ["v1.4.0", "v1.4.1", "v1.5.0", "v2.0.0", "v2.1.3"];

/** The names people give provider accounts. */
export const PROVIDER_ACCOUNT_NAMES: readonly string[] = [
  "anthropic-main",
  "anthropic-batch",
  "openai-fallback",
  "bedrock-eu",
];

/** A provider's usage windows: its name, how long it lasts, and the models it covers (null: all). */
export const USAGE_WINDOWS: readonly { window: string; hours: number; modelScope: string | null }[] = [
  { window: "five_hour", hours: 5, modelScope: null },
  { window: "seven_day", hours: 168, modelScope: null },
  { window: "seven_day_opus", hours: 168, modelScope: "opus" },
  { window: "seven_day_sonnet", hours: 168, modelScope: "sonnet" },
];

/** Signals workflows wait for: the step that waits, the signal's name, and how its keys look. */
export const SIGNALS: readonly { stepName: string; name: string; key: (n: number) => string }[] = [
  { stepName: "wait-for-payment", name: "payment.settled", key: (n) => `inv_2026_${String(n).padStart(4, "0")}` },
  { stepName: "wait-for-review", name: "review.submitted", key: (n) => `PR-${n}` },
  { stepName: "await-deploy-window", name: "deploy.window_open", key: (n) => `window-${n % 24}` },
];

/** Schedules of workflows: how often they fire, in minutes. */
export const SCHEDULE_INTERVALS_MIN: readonly number[] = [5, 15, 60, 1440];
