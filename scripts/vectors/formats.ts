// The wire formats the vectors are made for, as the engine declares them (facts read from the
// oracle's src/v2_14.rs, v2_31.rs, v2_52.rs): each variant's fields with the kind of value serde
// reads there. The kinds decide which near misses a field gets; the oracle alone decides the
// verdicts, so a mistake here costs coverage, never a wrong verdict.

/** What serde reads in a field. `opt_*` are Option<T>: null reads as None. */
export type Kind =
  | "uuid"
  | "opt_uuid"
  | "str"
  | "opt_str"
  | "strs"
  | "date"
  | "opt_date"
  | "dec"
  | "u64"
  | "u32"
  | "f64"
  | "status"
  | "stream"
  | "kind"
  | "labels"
  | "requirement"
  | "assignee"
  | "windows"
  | "uuids"
  | "change"
  | "miss_reason"
  | "window_status";

export interface Field {
  name: string;
  kind: Kind;
  /** The engine reads the event without it (`Option` or `#[serde(default)]`). */
  optional?: true;
}

export type FormatId = "2.14" | "2.20" | "2.52";

export interface FormatShape {
  id: FormatId;
  /** What `--engine` is given. */
  engine: string;
  /** The oracle module that holds the format. */
  module: string;
  variants: Record<string, Field[]>;
  /** The fields of a `requirement` object and of a `windows` item (2.52). */
  nested: { requirement?: Field[]; window?: Field[] };
  statuses: string[];
  /** How many events engine-events.ndjson holds, and how many engine-written rows the verdicts hold. */
  eventCount: number;
  validRows: number;
  /** How many near misses the verdicts hold (every class at least once, the rest drawn at random). */
  nearMissRows: number;
  /** How many of each newer format's rows are judged again by this format's reader. */
  newerRows: number;
}

const f = (name: string, kind: Kind, optional = false): Field => (optional ? { name, kind, optional } : { name, kind });

const RUN_ID = f("run_id", "uuid");
const STEP_ID = f("step_id", "uuid");
const AT = f("at", "date");
const WORKFLOW = f("workflow_name", "str");

const STATUSES_7 = ["pending", "running", "completed", "failed", "retrying", "cancelled", "awaiting_approval"];

const VARIANTS_2_14: Record<string, Field[]> = {
  run_created: [RUN_ID, WORKFLOW, AT],
  run_status_changed: [
    RUN_ID,
    WORKFLOW,
    f("from", "status"),
    f("to", "status"),
    f("error", "opt_str", true),
    f("cost_usd", "dec"),
    f("duration_ms", "u64"),
    AT,
  ],
  run_failed: [RUN_ID, WORKFLOW, f("error", "opt_str", true), f("cost_usd", "dec"), f("duration_ms", "u64"), AT],
  step_completed: [
    RUN_ID,
    STEP_ID,
    f("step_name", "str"),
    f("kind", "kind"),
    f("duration_ms", "u64"),
    f("cost_usd", "dec"),
    AT,
  ],
  step_failed: [RUN_ID, STEP_ID, f("step_name", "str"), f("kind", "kind"), f("error", "str"), AT],
  approval_requested: [RUN_ID, STEP_ID, f("message", "str"), AT],
  approval_granted: [RUN_ID, f("approved_by", "str"), AT],
  approval_rejected: [RUN_ID, f("rejected_by", "str"), AT],
  log_line: [RUN_ID, STEP_ID, f("step_name", "str"), f("stream", "stream"), f("line", "str"), AT],
  user_signed_in: [f("user_id", "uuid"), f("username", "str"), AT],
  user_signed_up: [f("user_id", "uuid"), f("username", "str"), AT],
  user_signed_out: [f("user_id", "uuid"), AT],
};

/** `fields` with `field` put before the one named `before`. */
function insertBefore(fields: Field[], before: string, ...added: Field[]): Field[] {
  const i = fields.findIndex((x) => x.name === before);
  return [...fields.slice(0, i), ...added, ...fields.slice(i)];
}

const LABELS = f("labels", "labels", true);

const VARIANTS_2_20: Record<string, Field[]> = {
  run_created: VARIANTS_2_14.run_created!,
  run_status_changed: insertBefore(VARIANTS_2_14.run_status_changed!, "at", LABELS),
  run_failed: insertBefore(VARIANTS_2_14.run_failed!, "at", LABELS),
  run_budget_exceeded: [
    RUN_ID,
    WORKFLOW,
    f("limit_usd", "dec"),
    f("spent_usd", "dec"),
    f("step_budget_usd", "dec"),
    AT,
  ],
  retry_forced: [RUN_ID, WORKFLOW, f("original_version", "str"), f("current_version", "str"), AT],
  ...Object.fromEntries(Object.entries(VARIANTS_2_14).filter(([type]) => !type.startsWith("run_"))),
};

const REQUIREMENT = f("requirement", "requirement", true);

const VARIANTS_2_52: Record<string, Field[]> = {
  ...Object.fromEntries(
    Object.entries(VARIANTS_2_20).filter(
      ([type]) => type.startsWith("run_") || type === "retry_forced" || type.startsWith("step_"),
    ),
  ),
  approval_requested: insertBefore(VARIANTS_2_14.approval_requested!, "at", REQUIREMENT),
  approval_granted: [
    RUN_ID,
    f("step_id", "opt_uuid", true),
    f("approved_by", "str"),
    f("approvals_received", "u32", true),
    f("approvals_required", "u32", true),
    REQUIREMENT,
    AT,
  ],
  approval_rejected: [RUN_ID, f("step_id", "opt_uuid", true), f("rejected_by", "str"), REQUIREMENT, AT],
  approval_escalated: [
    RUN_ID,
    STEP_ID,
    f("step_name", "str"),
    f("stage", "u32"),
    f("policy", "str"),
    f("action", "str"),
    f("reason", "str"),
    f("assignee", "assignee", true),
    AT,
  ],
  log_line: [f("id", "uuid", true), ...VARIANTS_2_14.log_line!],
  user_signed_in: VARIANTS_2_14.user_signed_in!,
  user_signed_up: VARIANTS_2_14.user_signed_up!,
  user_signed_out: VARIANTS_2_14.user_signed_out!,
  "provider_account.updated": [f("account_id", "uuid"), f("name", "str"), f("change", "change"), AT],
  "provider_account.usage_updated": [f("account_id", "uuid"), f("name", "str"), f("windows", "windows"), AT],
  signal_awaited: [
    RUN_ID,
    STEP_ID,
    f("step_name", "str"),
    f("name", "str"),
    f("key", "str"),
    f("deadline_at", "date"),
    AT,
  ],
  signal_received: [f("signal_id", "uuid"), f("name", "str"), f("key", "str"), f("resumed_runs", "uuids"), AT],
  schedule_occurrences_missed: [
    f("schedule_id", "uuid"),
    WORKFLOW,
    f("reason", "miss_reason"),
    f("count", "u64"),
    f("first", "date"),
    f("last", "date"),
    AT,
  ],
};

export const FORMATS: Record<FormatId, FormatShape> = {
  "2.14": {
    id: "2.14",
    engine: "2.14",
    module: "v2_14",
    variants: VARIANTS_2_14,
    nested: {},
    statuses: STATUSES_7,
    eventCount: 1200,
    validRows: 3000,
    nearMissRows: 3000,
    newerRows: 2000,
  },
  "2.20": {
    id: "2.20",
    engine: "2.20",
    module: "v2_31",
    variants: VARIANTS_2_20,
    nested: {},
    statuses: STATUSES_7,
    eventCount: 1200,
    validRows: 3000,
    nearMissRows: 3000,
    newerRows: 2000,
  },
  "2.52": {
    id: "2.52",
    engine: "2.52",
    module: "v2_52",
    variants: VARIANTS_2_52,
    nested: {
      requirement: [f("reason", "opt_str", true), f("required_approvers", "u32"), f("approver_groups", "strs", true)],
      window: [
        f("account_id", "uuid"),
        f("window", "str"),
        f("utilization", "f64"),
        f("resets_at", "opt_date", true),
        f("status", "window_status"),
        f("model_scope", "opt_str", true),
        f("observed_at", "date"),
      ],
    },
    statuses: [...STATUSES_7, "warning", "sleeping", "paused"],
    eventCount: 2000,
    validRows: 4000,
    nearMissRows: 4000,
    newerRows: 0,
  },
};

/** Oldest first. */
export const FORMAT_IDS: readonly FormatId[] = ["2.14", "2.20", "2.52"];

/** The formats newer than `id`, whose events its reader is asked about. */
export function newerThan(id: FormatId): FormatId[] {
  return FORMAT_IDS.slice(FORMAT_IDS.indexOf(id) + 1);
}

export function isFormatId(value: string): value is FormatId {
  return (FORMAT_IDS as readonly string[]).includes(value);
}
