// How `validate` runs: reads every source, checks every event, reports failures as they are
// found, then the summary; returns the exit code.
import { availableParallelism } from "node:os";
import { EventChecker } from "./checker.js";
import { colours } from "../../colour.js";
import { Output } from "../../output.js";
import { WorkerPool } from "./parallel.js";
import { Progress } from "./progress.js";
import { readSource, SourceReadError } from "../../input/read-source.js";
import { Tally } from "./tally.js";
import { githubReporter } from "./reporters/github.js";
import { jsonReporter } from "./reporters/json.js";
import { textReporter } from "./reporters/text.js";
import { expandSources, type Source } from "../../input/sources.js";
import type { CommandIO } from "../../command.js";
import type { Reporter, ValidateConfig } from "./types.js";

const STDIN_NAME = "<stdin>";

/**
 * Below this size, starting worker threads costs more than they save.
 */
const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/** Threads used by default: more rarely help, as reading and ordering stay on one thread. */
const DEFAULT_MAX_JOBS = 4;

/**
 * Exit code: 0 every event valid, 1 some event invalid, 2 a path could not be read (which
 * wins over 1).
 */
export async function validateCommand(options: ValidateConfig, io: CommandIO): Promise<number> {
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
        pool = new WorkerPool(jobs, io.workerEntry!, options);
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

function makeReporter(config: ValidateConfig, io: CommandIO, out: Output): Reporter {
  switch (config.format) {
    case "json":
      return jsonReporter({ out, toolVersion: io.version, config });
    case "github":
      return githubReporter({ out, config, stdinName: STDIN_NAME });
    default:
      return textReporter({
        out,
        err: (line) => io.stderr.write(`${line}\n`),
        colours: colours(io.stdout.isTTY === true, io.env),
        config,
      });
  }
}

/** How many threads to validate large NDJSON files with; 1 for none. */
function jobCount(options: ValidateConfig, io: CommandIO): number {
  // --max-errors must stop at exactly the Nth failure in file order: one thread does that simply.
  if (io.workerEntry === undefined || options.maxErrors !== undefined) return 1;
  return options.jobs ?? Math.min(availableParallelism(), DEFAULT_MAX_JOBS);
}

/** Threads for an NDJSON file of known size: a large one, or any when --jobs asks for them. */
function usePool(source: Source, options: ValidateConfig): boolean {
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
