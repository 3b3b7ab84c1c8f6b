// `Event` is two things under one name: the union of the variants (a type) and the table of
// type constants (a value). Both are declared here and nowhere else, so that a declaration
// bundle holds a single `Event`: two declarations of the name (the generated union and this
// one) would be renamed `Event$1`, `Event$2` in dist/index.d.ts, and editors and compiler
// messages would show those names.
import { Event as EVENT_CONSTANTS } from "../generated/constants.js";
import type { EngineFormatOf, EngineFormats, EventTypeMap, NewestEngine } from "../generated/types.js";
import type { EventType } from "./types.js";

/**
 * The event type constants, as the engine names them (`Event.RUN_CREATED` is `"run_created"`),
 * and `Event.ALL`, every type in the engine's order. The name is also the type of any event.
 * @example
 * if (event.type === Event.RUN_FAILED) console.error(event.error);
 * for (const type of Event.ALL) subscribe(type);
 */
export const Event = EVENT_CONSTANTS;

/**
 * Any event of the newest engine modelled: the union of its variants, told apart by `type`
 * (EventAt for another engine version).
 * The name is also the value holding the type constants.
 * @example
 * function onEvent(event: Event) {
 *   if (event.type === Event.LOG_LINE) console.log(event.line); // event: LogLine
 * }
 */
export type Event = EventTypeMap[EventType];

/**
 * Any event of engine version `V` (a version string such as "2.31.4", "2.31" or "v2.31.4"):
 * the union of that version's variants. Without `V`, the newest's (Event). For a `string`
 * that is not a literal, the union of every modelled version's events; for a version the
 * package does not model, `never`.
 * @example
 * function onOldEvent(event: EventAt<"2.14">) {
 *   if (event.type === "run_failed") console.log(event.error); // no labels before 2.20
 * }
 */
export type EventAt<V extends string = NewestEngine> = FormatEvent<EngineFormatOf<V>>;

/**
 * A format's Event union; the newest's is Event itself (src/event.ts), so that compiler
 * messages and hovers name it Event, as the declaration bundle keeps that one name.
 */
type FormatEvent<F extends keyof EngineFormats> =
  F extends EngineFormatOf<NewestEngine> ? Event : EngineFormats[F]["event"];

/**
 * The event types of engine version `V` (EventType for the newest).
 * @example
 * const seed: EventTypeAt<"2.14.1">[] = ["run_created", "log_line"]; // "run_budget_exceeded" would not compile
 */
export type EventTypeAt<V extends string = NewestEngine> = EventAt<V>["type"];

/**
 * The variant of type `T` of engine version `V` (of the newest without `V`).
 * @example
 * function onFailure(event: EventOf<"run_failed">) {
 *   console.log(event.error ?? "no reason given", event.labels);
 * }
 * function onSeedFailure(event: EventOf<"run_failed", "2.14">) {
 *   console.log(event.error); // event.labels would not compile: 2.14 has none
 * }
 */
export type EventOf<T extends EventTypeAt<V>, V extends string = NewestEngine> = V extends NewestEngine
  ? EventTypeMap[T & EventType] // by the map, as before there were versions: generic code keeps its types
  : VariantOf<EngineFormatOf<V>, T>;

/** The variant of type T in format F (each format of a union of them). */
type VariantOf<F, T> = F extends keyof EngineFormats
  ? T extends keyof EngineFormats[F]["map"]
    ? EngineFormats[F]["map"][T]
    : never
  : never;

/**
 * The run statuses of engine version `V` (RunStatus, the newest's ten, without `V`): what
 * run_status_changed's `from` and `to` hold at that version, and what the lifecycle helpers take.
 * @example
 * const seed: RunStatusAt<"2.14.1">[] = ["pending", "running"]; // "paused" would not compile
 */
export type RunStatusAt<V extends string = NewestEngine> = EngineFormats[EngineFormatOf<V>]["runStatus"];
