// The run lifecycle of DESIGN.md: which status may follow which.
import type { RunStatus, RunStatusChanged, ValidationIssue } from "./types.js";
import { illegalTransitionIssue } from "./issues/index.js";

/**
 * The legal moves from each status; a terminal status has none. The seed's lifecycle (engine
 * 2.14.x–2.40.x, 7 statuses): the statuses of engine 2.52 have no moves here yet.
 */
const TRANSITIONS: { readonly [S in RunStatus]?: readonly RunStatus[] } = {
  pending: ["running", "cancelled"],
  running: ["completed", "failed", "retrying", "cancelled", "awaiting_approval"],
  retrying: ["running", "failed", "cancelled"],
  awaiting_approval: ["running", "failed", "cancelled"],
  completed: [],
  failed: [],
  cancelled: [],
};

/**
 * The statuses a run never leaves: completed, failed, cancelled.
 * @example
 * if (event.type === "run_status_changed" && TERMINAL_STATUSES.includes(event.to)) forget(event.run_id);
 */
export const TERMINAL_STATUSES: readonly RunStatus[] = ["completed", "failed", "cancelled"];

/**
 * The statuses a run may move to from `from`, in the engine's order.
 * @example
 * nextStatuses("pending"); // ["running", "cancelled"]
 */
export function nextStatuses(from: RunStatus): readonly RunStatus[] {
  return TRANSITIONS[from] ?? [];
}

/**
 * True when the engine may move a run from `from` to `to`.
 * @example
 * canTransition("running", "completed"); // true
 * canTransition("completed", "running"); // false
 */
export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return nextStatuses(from).includes(to);
}

/**
 * True for a status a run never leaves.
 * @example
 * isTerminal("failed"); // true
 * isTerminal("retrying"); // false
 */
export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * An issue (code `illegal_transition`, path `/to`) when a run_status_changed event's
 * `from → to` is not a legal move; null otherwise. Validation does not check this: the
 * engine's reader accepts any pair, so it is a separate, opt-in check.
 * @example
 * checkTransition({ from: "running", to: "completed" }); // null
 * checkTransition({ from: "completed", to: "running" });
 * // { path: "/to", code: "illegal_transition", message: "a run cannot move from completed to running; completed is terminal" }
 */
export function checkTransition(event: Pick<RunStatusChanged, "from" | "to">): ValidationIssue | null {
  if (canTransition(event.from, event.to)) return null;
  const legal = nextStatuses(event.from);
  return illegalTransitionIssue(
    event.from,
    event.to,
    legal.length === 0 ? `${event.from} is terminal` : `from ${event.from} it may move to ${legal.join(", ")}`,
  );
}
