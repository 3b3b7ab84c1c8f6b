// The format of an `engine` option given to a function that reads many events later (a webhook
// handler, a stream): resolved when the function is called or the handler made, so that an
// unmodelled version is a TypeError at start-up, naming the function, and not an error per event.
import type { Format } from "./formats.js";
import { resolveFormat } from "./versions.js";

/**
 * resolveFormat, with `caller` starting the TypeError's message.
 * @example
 * const format = formatFor(options.engine, "streamEvents"); // TypeError "streamEvents: engine "2.45.0" is not modelled; ..."
 */
export function formatFor(engine: unknown, caller: string): Format {
  try {
    return resolveFormat(engine);
  } catch (error) {
    throw new TypeError(`${caller}: ${(error as Error).message}`);
  }
}
