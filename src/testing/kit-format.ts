// The engine format the testing kit makes events of: the seed (engine 2.14.x–2.19.x), whose
// events every later engine reads alike (the formats only add, with defaults). Until the kit
// takes an `engine` option of its own, this is its one setting, and its types follow it.
import { resolveFormat } from "../engine/index.js";
import type { EventAt, EventOf, EventTypeAt } from "../event.js";

/** The engine version whose events the kit makes. */
export const KIT_ENGINE = "2.14";

/** The event types the kit makes, in the engine's order. */
export const KIT_EVENT_TYPES = resolveFormat(KIT_ENGINE).eventTypes as readonly KitEventType[];

/** An event the kit makes. */
export type KitEvent = EventAt<typeof KIT_ENGINE>;

/** The event types the kit makes. */
export type KitEventType = EventTypeAt<typeof KIT_ENGINE>;

/** The variant of type T the kit makes. */
export type KitEventOf<T extends KitEventType> = EventOf<T, typeof KIT_ENGINE>;

/** The run statuses of the kit's events. */
export type KitRunStatus = KitEventOf<"run_status_changed">["to"];
