// The run lifecycle: which status may follow which, as the engine's store allows it, per engine
// version. The tables are generated from schemas/defs/run-status.json (x-transitions and its
// marks); the version is resolved by the version table alone (src/engine/version-table.ts), so
// that these helpers do not bring the validators into a bundle.
import { ENGINE_LIFECYCLES, TERMINAL_STATUSES, type RunLifecycle } from "../generated/constants.js";
import { formatIndex, formatRange } from "./engine/version-table.js";
import type { RunStatusAt } from "./event.js";
import { illegalTransitionIssue } from "./issues/index.js";
import type { EngineOptions, ModelledEngine, NewestEngine, ValidationIssue } from "./types.js";

export { TERMINAL_STATUSES };

/** The `engine` option of a lifecycle helper: a version the package models, or the call does not compile. */
type OptionsAt<V extends string> = EngineOptions<ModelledEngine<V>>;

/** The lifecycle of `options.engine`, typed loosely: the helpers below give the types. */
function lifecycleOf(options: { engine?: string } | undefined): RunLifecycle<string> {
  return ENGINE_LIFECYCLES[formatIndex(options?.engine)] as RunLifecycle<string>;
}

/** A move of the table, or a status's move to itself where that is the store's no-op. */
function allows(lifecycle: RunLifecycle<string>, from: string, to: string): boolean {
  return from === to ? lifecycle.idempotent.includes(from) : (lifecycle.next[from]?.includes(to) ?? false);
}

/**
 * The statuses a run may move to from `from`, in the engine's order: real moves only, so a
 * terminal status has none, at every version (at 2.52 a terminal status's move to itself is
 * legal, a no-op, and canTransition says so, but it is no next status).
 * @example
 * nextStatuses("pending"); // ["running", "cancelled", "paused"]
 * nextStatuses("pending", { engine: "2.14.1" }); // ["running", "cancelled"]
 */
export function nextStatuses<const V extends string = NewestEngine>(
  from: RunStatusAt<V>,
  options?: OptionsAt<V>,
): readonly RunStatusAt<V>[] {
  return (lifecycleOf(options).next[from] ?? []) as readonly RunStatusAt<V>[];
}

/**
 * True when the engine's store may move a run from `from` to `to`: a move of the table, or,
 * from 2.52 on, a terminal status to itself (the store's idempotent no-op).
 * @example
 * canTransition("running", "completed"); // true
 * canTransition("completed", "running"); // false
 * canTransition("completed", "completed"); // true: a no-op at 2.52
 * canTransition("completed", "completed", { engine: "2.14" }); // false
 */
export function canTransition<const V extends string = NewestEngine>(
  from: RunStatusAt<V>,
  to: RunStatusAt<V>,
  options?: OptionsAt<V>,
): boolean {
  return allows(lifecycleOf(options), from, to);
}

/**
 * True for a status a run never leaves: completed, failed, cancelled, and from 2.52 warning.
 * @example
 * isTerminal("failed"); // true
 * isTerminal("retrying"); // false
 * isTerminal("warning", { engine: "2.52" }); // true
 */
export function isTerminal<const V extends string = NewestEngine>(
  status: RunStatusAt<V>,
  options?: OptionsAt<V>,
): boolean {
  return lifecycleOf(options).terminal.includes(status);
}

/**
 * An issue (code `illegal_transition`, path `/to`) when a run_status_changed event's
 * `from → to` is not a legal move of the engine version (the newest without `engine`); null
 * otherwise. Validation does not check this: the engine's reader accepts any pair, so it is a
 * separate, opt-in check.
 * @example
 * checkTransition({ from: "running", to: "completed" }); // null
 * checkTransition({ from: "completed", to: "running" });
 * // { path: "/to", code: "illegal_transition", message: "a run cannot move from completed to running; completed is terminal" }
 * checkTransition({ from: "running", to: "paused" }, { engine: "2.31.4" })?.code; // "illegal_transition"
 */
export function checkTransition<const V extends string = NewestEngine>(
  event: { readonly from: RunStatusAt<V>; readonly to: RunStatusAt<V> },
  options?: OptionsAt<V>,
): ValidationIssue | null {
  const lifecycle = lifecycleOf(options);
  const { from, to } = event;
  if (allows(lifecycle, from, to)) return null;
  const legal = lifecycle.next[from];
  const stranger = legal === undefined ? from : lifecycle.next[to] === undefined ? to : undefined;
  return illegalTransitionIssue(
    from,
    to,
    stranger !== undefined
      ? `${stranger} is not a run status of engine ${formatRange(options?.engine).range}`
      : legal!.length === 0
        ? `${from} is terminal`
        : `from ${from} it may move to ${legal!.join(", ")}`,
  );
}
