// `ironflow-events validate [options] <path|glob|->...`: reads every source, checks every
// event, reports failures as they are found, then the summary; returns the exit code.
import type { Writable } from "node:stream";
import { EventChecker, type LifecycleMode } from "./checker.js";
import { colours } from "./colour.js";
import { Output } from "./output.js";
import { Progress } from "./progress.js";
import { readSource, SourceReadError } from "./read-events.js";
import { Tally, type Reporter } from "./report.js";
import { githubReporter } from "./reporters/github.js";
import { jsonReporter } from "./reporters/json.js";
import { textReporter } from "./reporters/text.js";
import { expandSources, type Source } from "./sources.js";

export type ReportFormat = "text" | "json" | "github";

export interface ValidateCommandOptions {
  paths: string[];
  format: ReportFormat;
  strict: boolean;
  lifecycle: LifecycleMode;
  maxErrors: number | undefined;
  maxSize: number;
  quiet: boolean;
}

/** Where the command writes, and what it knows of its environment (tests pass their own). */
export interface CommandIO {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  version: string;
}

const STDIN_NAME = "<stdin>";

/**
 * Exit code: 0 every event valid, 1 some event invalid, 2 a path could not be read (which
 * wins over 1).
 * @example
 * const code = await validateCommand({ paths: ["fixtures/"], format: "text", strict: false, lifecycle: "off", maxErrors: undefined, maxSize: 1048576, quiet: false }, io);
 */
export async function validateCommand(options: ValidateCommandOptions, io: CommandIO): Promise<number> {
  const { sources, errors } = expandSources(options.paths);
  const out = new Output(io.stdout);
  const reporter = makeReporter(options, io, out);
  const tally = new Tally();
  for (const error of errors) {
    tally.errors++;
    reporter.ioError(error);
  }

  const progress = Progress.create(io.stderr, totalSize(sources));
  const checker = new EventChecker(options, tally, reporter);
  if (progress !== undefined) {
    out.beforeWrite = () => progress.clear();
    checker.onProgress = (bytes) => progress.advance(bytes, tally.events);
  }
  checker.shouldStop = () => out.closed;

  for (const source of sources) {
    if (tally.stoppedEarly || out.closed) break;
    checker.file = source.kind === "stdin" ? STDIN_NAME : source.path;
    try {
      await readSource(source, checker, options.maxSize);
      tally.files++;
    } catch (error) {
      if (!(error instanceof SourceReadError)) throw error;
      tally.errors++;
      reporter.ioError({ file: error.file, message: error.reason });
    }
    await out.ready();
  }

  progress?.clear();
  const summary = tally.summary();
  const exitCode = summary.errors > 0 ? 2 : summary.invalid > 0 ? 1 : 0;
  reporter.finish(summary, exitCode);
  out.flush();
  await out.ready();
  return exitCode;
}

function makeReporter(options: ValidateCommandOptions, io: CommandIO, out: Output): Reporter {
  const { quiet, maxErrors } = options;
  switch (options.format) {
    case "json":
      return jsonReporter({
        out,
        quiet,
        toolVersion: io.version,
        options: {
          strict: options.strict,
          lifecycle: options.lifecycle,
          maxErrors: maxErrors ?? null,
          maxSize: options.maxSize,
        },
      });
    case "github":
      return githubReporter({ out, quiet, maxErrors, stdinName: STDIN_NAME });
    default:
      return textReporter({
        out,
        err: (line) => io.stderr.write(`${line}\n`),
        colours: colours(io.stdout.isTTY === true, io.env),
        quiet,
        maxErrors,
      });
  }
}

/** The total size of the input, when every source's size is known (not for a pipe). */
function totalSize(sources: Source[]): number | undefined {
  let total = 0;
  for (const source of sources) {
    if (source.kind === "stdin" || source.size === undefined) return undefined;
    total += source.size;
  }
  return total;
}
