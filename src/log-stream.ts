import { LOG_STREAMS } from "../generated/constants.js";
import type { LogStream } from "./types.js";

/**
 * Reads a LogStream from its wire name, exactly (lower case), as the engine's `FromStr` does.
 * @throws Error `unknown log stream: <s>` for anything else.
 * @example
 * parseLogStream("stderr"); // "stderr"
 * parseLogStream("STDERR"); // throws Error("unknown log stream: STDERR")
 */
export function parseLogStream(s: string): LogStream {
  if ((LOG_STREAMS as readonly string[]).includes(s)) return s as LogStream;
  throw new Error(`unknown log stream: ${s}`);
}
