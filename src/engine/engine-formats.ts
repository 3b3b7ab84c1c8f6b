// The public face of the formats: ENGINE_VERSION (the newest engine version modelled, the
// default everywhere) and ENGINE_FORMATS (every modelled range, with its event types and run
// statuses), for code that shows or checks which engine versions it can read.
import { ENGINE_VERSION } from "../../generated/constants.js";
import type { EngineFormats } from "../../generated/types.js";
import { FORMATS } from "./formats.js";

export { ENGINE_VERSION };

/**
 * One range of engine versions that write the same events: what ENGINE_FORMATS lists.
 * @example
 * const newest: EngineFormatInfo = ENGINE_FORMATS[ENGINE_FORMATS.length - 1]!;
 * console.log(newest.range, newest.eventTypes.length); // 2.52.x 20
 */
export interface EngineFormatInfo<F extends keyof EngineFormats = keyof EngineFormats> {
  /** The format's id: the first MAJOR.MINOR of its range, also a valid `engine` option. */
  readonly format: F;
  /** The first and last MAJOR.MINOR of the range (every patch of each). */
  readonly first: string;
  readonly last: string;
  /** The range as people write it: "2.20.x–2.40.x". */
  readonly range: string;
  /** Its event types, in the engine's order. */
  readonly eventTypes: readonly EngineFormats[F]["event"]["type"][];
  /** Its run statuses, in the schema's order. */
  readonly runStatuses: readonly EngineFormats[F]["runStatus"][];
}

/**
 * Every range of engine versions the package models, oldest first: `engine` takes any version
 * in one of them ("2.31.4", "2.31", "v2.31.4"); any other is a TypeError naming these ranges.
 * @example
 * ENGINE_FORMATS.map((f) => f.range); // ["2.14.x–2.19.x", "2.20.x–2.40.x", "2.52.x"]
 */
export const ENGINE_FORMATS: readonly EngineFormatInfo[] = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ FORMATS.map(({ format, first, last, range, eventTypes, runStatuses }) =>
    Object.freeze({ format, first, last, range, eventTypes, runStatuses }),
  ),
) as readonly EngineFormatInfo[];
