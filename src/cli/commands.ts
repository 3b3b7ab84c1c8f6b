// The commands of the development kit (send, serve, sample), as Commands that main.ts lists:
// each parses its arguments, shows its help on --help, and runs.
import { parseSampleArgs, sampleCommand } from "./commands/sample/index.js";
import { parseSendArgs, sendCommand } from "./commands/send/index.js";
import { parseServeArgs, serveCommand } from "./commands/serve/index.js";
import type { Command, CommandIO } from "./command.js";
import { SAMPLE_USAGE, SEND_USAGE, SERVE_USAGE } from "./usage.js";

/** A Command from its parser (which gives "help" for --help and throws UsageError) and its run. */
function command<Options>(
  about: Omit<Command, "run">,
  parse: (args: string[]) => Options | "help",
  run: (options: Options, io: CommandIO) => Promise<number> | number,
): Command {
  return {
    ...about,
    async run(args, io) {
      const options = parse(args);
      if (options !== "help") return run(options, io);
      io.stdout.write(`${about.usage}\n`);
      return 0;
    },
  };
}

/** `ironflow-events send …`: posts events to a webhook receiver, as the engine does. */
export const send = command(
  {
    synopsis: "send <url> <path|->...",
    summary: "post events to a webhook receiver, as the engine does",
    usage: SEND_USAGE,
  },
  parseSendArgs,
  sendCommand,
);

/** `ironflow-events serve …`: a local stand-in for the engine's event stream. */
export const serve = command(
  {
    synopsis: "serve [<path|->...] [--generate]",
    summary: "a local stand-in for the engine's event stream (SSE)",
    usage: SERVE_USAGE,
  },
  parseServeArgs,
  serveCommand,
);

/** `ironflow-events sample …`: valid events (NDJSON) from the testing kit. */
export const sample = command(
  {
    synopsis: "sample <type|run> [-n N] [--seed S]",
    summary: "print valid events (NDJSON) for fixtures",
    usage: SAMPLE_USAGE,
  },
  parseSampleArgs,
  sampleCommand,
);
