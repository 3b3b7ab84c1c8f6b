// The comparison with typia 9: the seed's 12 events (engine 2.14) as TypeScript types with
// typia's tags, written to the rules of schemas/ as a typia user would write them. typia's
// `createIs` needs its compiler transform; `npm run bench:typia` (typia generate) writes the
// checker ahead of time to bench/typia/generated/event.ts, which the bench imports. What typia
// cannot say: its "uuid" format accepts upper case and a `urn:uuid:` prefix, where the engine
// writes lower case only; its "date-time" accepts any offset and a lower-case t/z; uint64 is
// checked as a safe integer at most 2^64 - 1 (no -0 refusal); it has no x-engine-json rules
// (lone surrogates, finite numbers and nesting inside unknown fields); and unknown fields
// pass (createIs is not createEquals), as in the default mode.
import typia, { type tags } from "typia";

type Uuid = string & tags.Format<"uuid">;
type Timestamp = string & tags.Format<"date-time">;
type Cost = number &
  tags.ExclusiveMinimum<-79228162514264333195497439232> &
  tags.ExclusiveMaximum<79228162514264333195497439232>;
type Duration = number & tags.Type<"uint64">;
type RunStatus = "pending" | "running" | "completed" | "failed" | "retrying" | "cancelled" | "awaiting_approval";

interface RunCreated {
  type: "run_created";
  run_id: Uuid;
  workflow_name: string;
  at: Timestamp;
}
interface RunStatusChanged {
  type: "run_status_changed";
  run_id: Uuid;
  workflow_name: string;
  from: RunStatus;
  to: RunStatus;
  error?: string | null;
  cost_usd: Cost;
  duration_ms: Duration;
  at: Timestamp;
}
interface RunFailed {
  type: "run_failed";
  run_id: Uuid;
  workflow_name: string;
  error?: string | null;
  cost_usd: Cost;
  duration_ms: Duration;
  at: Timestamp;
}
interface StepCompleted {
  type: "step_completed";
  run_id: Uuid;
  step_id: Uuid;
  step_name: string;
  kind: string;
  duration_ms: Duration;
  cost_usd: Cost;
  at: Timestamp;
}
interface StepFailed {
  type: "step_failed";
  run_id: Uuid;
  step_id: Uuid;
  step_name: string;
  kind: string;
  error: string;
  at: Timestamp;
}
interface ApprovalRequested {
  type: "approval_requested";
  run_id: Uuid;
  step_id: Uuid;
  message: string;
  at: Timestamp;
}
interface ApprovalGranted {
  type: "approval_granted";
  run_id: Uuid;
  approved_by: string;
  at: Timestamp;
}
interface ApprovalRejected {
  type: "approval_rejected";
  run_id: Uuid;
  rejected_by: string;
  at: Timestamp;
}
interface LogLine {
  type: "log_line";
  run_id: Uuid;
  step_id: Uuid;
  step_name: string;
  stream: "stdout" | "stderr" | "system";
  line: string;
  at: Timestamp;
}
interface UserSignedIn {
  type: "user_signed_in";
  user_id: Uuid;
  username: string;
  at: Timestamp;
}
interface UserSignedUp {
  type: "user_signed_up";
  user_id: Uuid;
  username: string;
  at: Timestamp;
}
interface UserSignedOut {
  type: "user_signed_out";
  user_id: Uuid;
  at: Timestamp;
}

export type TypiaEvent =
  | RunCreated
  | RunStatusChanged
  | RunFailed
  | StepCompleted
  | StepFailed
  | ApprovalRequested
  | ApprovalGranted
  | ApprovalRejected
  | LogLine
  | UserSignedIn
  | UserSignedUp
  | UserSignedOut;

/** typia's checker of every event, in the default mode (unknown fields pass). */
export const typiaIsEvent = typia.createIs<TypiaEvent>();
