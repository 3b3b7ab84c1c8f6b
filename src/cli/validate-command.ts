// `ironflow-events validate [options] <path|glob|->...`: reads every source, checks every
// event, reports failures as they are found, then the summary; returns the exit code.
import type { Writable } from "node:stream";
import { EventChecker, type LifecycleMode } from "./checker.js";
import { colours } from "./colour.js";
import { Output } from "./output.js";
import { Progress } from "./progress.js";
import { availableParallelism } from "node:os";
import { WorkerPool } from "./parallel.js";
import { readSource, SourceReadError } from "./read-events.js";
import { Tally, type Reporter } from "./report.js";
import { githubReporter } from "./reporters/github.js";
import { jsonReporter } from "./reporters/json.js";
import { textReporter } from "./reporters/text.js";
import { expandSources, type Source } from "./sources.js";

/**
 * The report formats of --format.
 * @example
 * const format: ReportFormat = "github";
 */
export type ReportFormat = "text" | "json" | "github";

/**
 * The options of `validate`, as parseValidateArgs gives them.
 * @example
 * const options = parseValidateArgs(["--strict", "fixtures/"]);
 */
export interface ValidateCommandOptions {
  paths: string[];
  format: ReportFormat;
  strict: boolean;
  lifecycle: LifecycleMode;
  maxErrors: number | undefined;
  maxSize: number;
  quiet: boolean;
  /** Threads for large NDJSON files: undefined chooses (see usePool), 1 reads in one thread. */
  jobs: number | undefined;
}

/**
 * Where the command writes, and what it knows of its environment (tests pass their own).
 * @example
 * const io: CommandIO = { stdout: process.stdout, stderr: process.stderr, env: process.env, version: "0.1.0" };
 */
export interface CommandIO {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  version: string;
  /** The CLI's entry module, which runs as a worker thread too; without it, no threads. */
  workerEntry?: URL;
}

const STDIN_NAME = "<stdin>";

/**
 * Below this size, starting worker threads costs more than they save.
 * @example
 * const threaded = size >= PARALLEL_MIN_BYTES;
 */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/** Threads used by default: more rarely help, as reading and ordering stay on one thread. */
const DEFAULT_MAX_JOBS = 4;

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

  const jobs = jobCount(options, io);
  let pool: WorkerPool | undefined;
  try {
    for (const source of sources) {
      if (tally.stoppedEarly || out.closed) break;
      checker.file = source.kind === "stdin" ? STDIN_NAME : source.path;
      if (pool === undefined && jobs > 1 && usePool(source, options))
        pool = new WorkerPool(jobs, io.workerEntry!, {
          strict: options.strict,
          lifecycle: options.lifecycle,
          maxSize: options.maxSize,
        });
      try {
        await readSource(source, checker, options.maxSize, usePool(source, options) ? pool : undefined);
        tally.files++;
      } catch (error) {
        if (!(error instanceof SourceReadError)) throw error;
        tally.errors++;
        reporter.ioError({ file: error.file, message: error.reason });
      }
      await out.ready();
    }
  } finally {
    await pool?.close();
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

/** How many threads to validate large NDJSON files with; 1 for none. */
function jobCount(options: ValidateCommandOptions, io: CommandIO): number {
  // --max-errors must stop at exactly the Nth failure in file order: one thread does that simply.
  if (io.workerEntry === undefined || options.maxErrors !== undefined) return 1;
  return options.jobs ?? Math.min(availableParallelism(), DEFAULT_MAX_JOBS);
}

/** Threads for an NDJSON file of known size: a large one, or any when --jobs asks for them. */
function usePool(source: Source, options: ValidateCommandOptions): boolean {
  if (source.kind !== "file" || source.layout !== "ndjson" || source.size === undefined) return false;
  return options.jobs !== undefined || source.size >= PARALLEL_MIN_BYTES;
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
