// The commands of the development kit (send, serve, sample): each parses its arguments,
// shows its help, and runs; main.ts dispatches to them in one line each.
import { sampleCommand, parseSampleArgs } from "./sample-command.js";
import { parseSendArgs, sendCommand } from "./send/send-command.js";
import { parseServeArgs, serveCommand } from "./serve/serve-command.js";
import { SAMPLE_USAGE, SEND_USAGE, SERVE_USAGE } from "./usage.js";
import type { CommandIO } from "./validate-command.js";

const help = (io: CommandIO, usage: string) => (io.stdout.write(`${usage}\n`), 0);

/**
 * `ironflow-events send …`; throws UsageError for a mistake in `args`.
 * @example
 * process.exitCode = await sendMain(["http://127.0.0.1:3000/hooks", "runs.ndjson"], io);
 */
export async function sendMain(args: string[], io: CommandIO): Promise<number> {
  const options = parseSendArgs(args);
  return options === "help" ? help(io, SEND_USAGE) : sendCommand(options, io);
}

/**
 * `ironflow-events serve …`; throws UsageError for a mistake in `args`.
 * @example
 * process.exitCode = await serveMain(["--generate"], io);
 */
export async function serveMain(args: string[], io: CommandIO): Promise<number> {
  const options = parseServeArgs(args);
  return options === "help" ? help(io, SERVE_USAGE) : serveCommand(options, io);
}

/**
 * `ironflow-events sample …`; throws UsageError for a mistake in `args`.
 * @example
 * process.exitCode = await sampleMain(["log_line", "-n", "5"], io);
 */
export async function sampleMain(args: string[], io: CommandIO): Promise<number> {
  const options = parseSampleArgs(args);
  return options === "help" ? help(io, SAMPLE_USAGE) : sampleCommand(options, io);
}
