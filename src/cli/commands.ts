// The commands of the development kit (send, serve, sample), as Commands that main.ts lists:
// each parses its arguments, shows its help, and runs.
import { parseSampleArgs, sampleCommand } from "./sample-command.js";
import { parseSendArgs, sendCommand } from "./send/send-command.js";
import { parseServeArgs, serveCommand } from "./serve/serve-command.js";
import type { Command, CommandIO } from "./types.js";
import { SAMPLE_USAGE, SEND_USAGE, SERVE_USAGE } from "./usage.js";

const help = (io: CommandIO, usage: string) => (io.stdout.write(`${usage}\n`), 0);

/** `ironflow-events send …`: posts events to a webhook receiver, as the engine does. */
export const send: Command = {
  synopsis: "send <url> <path|->...",
  summary: "post events to a webhook receiver, as the engine does",
  usage: SEND_USAGE,
  async run(args, io) {
    const options = parseSendArgs(args);
    return options === "help" ? help(io, SEND_USAGE) : sendCommand(options, io);
  },
};

/** `ironflow-events serve …`: a local stand-in for the engine's event stream. */
export const serve: Command = {
  synopsis: "serve [<path|->...] [--generate]",
  summary: "a local stand-in for the engine's event stream (SSE)",
  usage: SERVE_USAGE,
  async run(args, io) {
    const options = parseServeArgs(args);
    return options === "help" ? help(io, SERVE_USAGE) : serveCommand(options, io);
  },
};

/** `ironflow-events sample …`: valid events (NDJSON) from the testing kit. */
export const sample: Command = {
  synopsis: "sample <type|run> [-n N] [--seed S]",
  summary: "print valid events (NDJSON) for fixtures",
  usage: SAMPLE_USAGE,
  async run(args, io) {
    const options = parseSampleArgs(args);
    return options === "help" ? help(io, SAMPLE_USAGE) : sampleCommand(options, io);
  },
};
