// The run lifecycle of each engine format, for the testing kit, behind the API the lifecycle
// module takes per format (`nextStatuses(from, { engine })`, `canTransition(from, to, { engine })`,
// `isTerminal(status, { engine })`). src/lifecycle.ts does not take `engine` yet (branch
// i21-lifecycle makes it generated per format); until it does, the seed's table there serves the
// formats of 7 statuses, and the moves of engine 2.52 are stated here. When it lands, this file
// goes and the kit imports the same three names from ../lifecycle.js.
//
// 2.52's moves: the store's RunStatus documentation as ironflow-sdk 0.2.2 re-exports it
// (docs/engine-versions.md and the research notes name the source): pending → running,
// cancelled, paused; running → pending (lease expired), completed, failed, warning, retrying,
// cancelled, awaiting_approval, sleeping, paused; retrying → running, failed, cancelled, paused;
// awaiting_approval → running, pending (requeued for a worker), failed, cancelled, paused;
// sleeping → pending (timer elapsed or signal received), cancelled, paused; paused → pending,
// running, retrying, sleeping, awaiting_approval (resume), failed, cancelled. Terminal:
// completed, failed, warning, cancelled, each of which may "move" to itself (a no-op).
import * as seed from "../lifecycle.js";
import type { RunStatus } from "../types.js";
import { kitFormat } from "./kit-format.js";

type Moves = Readonly<Record<string, readonly string[]>>;

const MOVES_2_52: Moves = {
  pending: ["running", "cancelled", "paused"],
  running: [
    "pending",
    "completed",
    "failed",
    "warning",
    "retrying",
    "cancelled",
    "awaiting_approval",
    "sleeping",
    "paused",
  ],
  retrying: ["running", "failed", "cancelled", "paused"],
  awaiting_approval: ["running", "pending", "failed", "cancelled", "paused"],
  sleeping: ["pending", "cancelled", "paused"],
  paused: ["pending", "running", "retrying", "sleeping", "awaiting_approval", "failed", "cancelled"],
  completed: ["completed"],
  failed: ["failed"],
  warning: ["warning"],
  cancelled: ["cancelled"],
};

const TERMINAL_2_52: readonly string[] = ["completed", "failed", "warning", "cancelled"];

/** The statuses a run of `engine` may move to from `from`, in the engine's order (a terminal one: itself, where the format allows it). */
export function nextStatuses(from: string, options?: { engine?: string }): readonly string[] {
  const format = kitFormat(options?.engine, "nextStatuses");
  if (!format.runStatuses.includes(from)) return [];
  if (format.runStatuses.includes("paused")) return MOVES_2_52[from] ?? [];
  return seed.nextStatuses(from as RunStatus);
}

/** True when a run of `engine` may move from `from` to `to`. */
export function canTransition(from: string, to: string, options?: { engine?: string }): boolean {
  return nextStatuses(from, options).includes(to);
}

/** True for a status a run of `engine` never leaves. */
export function isTerminal(status: string, options?: { engine?: string }): boolean {
  const format = kitFormat(options?.engine, "isTerminal");
  if (format.runStatuses.includes("paused")) return TERMINAL_2_52.includes(status);
  return seed.isTerminal(status as RunStatus);
}
