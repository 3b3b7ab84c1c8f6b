// How `send` runs: checks every event, then posts each to a webhook receiver as the engine does,
// printing one line per event with how it went. The inputs are read as they are sent (twice:
// once to check, once to send), so any size of input takes bounded memory. Standard output
// closed early (`| head -1`) stops the printing, not the sending: every event is still
// delivered, and the summary still goes to stderr.
import { DEFAULT_MAX_SIZE } from "../../../validate.js";
import type { Format } from "../../../engine/index.js";
import type { CommandIO } from "../../command.js";
import { deliver } from "../../delivery/deliver.js";
import { describeOutcome, lostInRedirect } from "../../delivery/outcome.js";
import { sourceName, streamEventInputs } from "../../input/event-inputs.js";
import { expandSources, type Source } from "../../input/sources.js";
import { spoolStdin } from "../../input/spool-stdin.js";
import { Output } from "../../output.js";
import { pace } from "../../pace.js";
import { resolveSecret, WEBHOOK_SECRET_ENV } from "../../secret-options.js";

/**
 * The options of `send`, checked.
 * @example
 * const options = readCommandLine(send, ["http://127.0.0.1:3000/hooks", "runs.ndjson", "--secret-file", "secret.txt"]);
 */
export interface SendOptions {
  url: string;
  paths: string[];
  /** --secret, --secret-file: with neither, IRONFLOW_WEBHOOK_SECRET. */
  secret: string | undefined;
  secretFile: string | undefined;
  attempts: number;
  retryDelayMs: number;
  timeoutMs: number;
  /** Events per second at most; Infinity for as fast as the receiver answers. */
  rate: number;
  /** --engine: the version the events are checked as, and its format. */
  engine: { version: string | undefined; format: Format };
  types: string[] | undefined;
  dryRun: boolean;
  validate: boolean;
}

/**
 * Sends every event (of the chosen types) in order, one line each. Exit code: 0 every event
 * delivered (or, with --dry-run, every event valid), 1 some delivery failed, 2 an input could
 * not be read or held an invalid event (then nothing is sent).
 * @example
 * process.exitCode = await sendCommand(readCommandLine(send, argv) as SendOptions, io);
 */
export async function sendCommand(options: SendOptions, io: CommandIO): Promise<number> {
  const secret = resolveSecret(
    "secret",
    WEBHOOK_SECRET_ENV,
    { value: options.secret, fromFile: options.secretFile },
    io.env,
  );
  const out = new Output(io.stdout);
  const err = new Output(io.stderr);
  const expanded = expandSources(options.paths);
  let problems = 0;
  const problem = (message: string) => {
    problems++;
    err.line(`ironflow-events send: ${message}`);
  };
  for (const error of expanded.errors) problem(`${error.file}: ${error.message}`);
  const spooled = await spoolStdin(expanded.sources);
  const nameOf = (source: Source) => (spooled.isStdin(source) ? "<stdin>" : sourceName(source));
  try {
    // Every event is checked before any is sent: a file that breaks halfway sends nothing.
    let events = 0;
    await streamEventInputs(
      spooled.sources,
      nameOf,
      DEFAULT_MAX_SIZE,
      options.validate,
      { event: () => void events++, problem },
      options.engine.version,
    );
    if (problems > 0) {
      err.line(`ironflow-events send: nothing sent (${problems} problem${problems === 1 ? "" : "s"})`);
      return 2;
    }

    const delivery = {
      secret,
      attempts: options.attempts,
      retryDelayMs: options.retryDelayMs,
      timeoutMs: options.timeoutMs,
    };
    const start = performance.now();
    let chosen = 0;
    let failed = 0;
    let redirectedToGet = 0;
    await streamEventInputs(spooled.sources, nameOf, DEFAULT_MAX_SIZE, false, {
      problem, // only if an input changed since it was checked
      event: async (event) => {
        if (options.types !== undefined && !options.types.includes(event.type ?? "")) return;
        await pace(start, chosen++, options.rate);
        const label = `${event.where}  ${event.type ?? "(no type)"}`;
        if (options.dryRun) {
          out.line(
            `${label}  would POST ${Buffer.byteLength(event.text)} bytes${secret === undefined ? "" : ", signed"}`,
          );
        } else {
          const outcome = await deliver(options.url, event.text, delivery);
          if (!outcome.ok) failed++;
          if (lostInRedirect(outcome)) redirectedToGet++;
          out.line(`${label}  ${describeOutcome(outcome)}`);
        }
        await out.ready(); // a slow reader of the output holds the sending back, not the memory
      },
    });
    const skipped = events - chosen;
    const plural = (n: number) => `${n} event${n === 1 ? "" : "s"}`;
    const summary = options.dryRun
      ? `${plural(chosen)} to send (dry run: nothing sent)`
      : `${chosen - failed} of ${plural(chosen)} delivered`;
    const redirected =
      redirectedToGet > 0
        ? `; ${redirectedToGet} of them only as a GET without a body, after a redirect (the event did not arrive)`
        : "";
    err.line(`${summary}${redirected}${skipped > 0 ? `; ${skipped} left out by --types` : ""}`);
    return problems > 0 ? 2 : failed > 0 ? 1 : 0;
  } finally {
    spooled.remove();
  }
}
