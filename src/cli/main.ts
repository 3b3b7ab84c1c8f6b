// The `ironflow-events` command line tool: picks the command, parses its options, runs it.
import { ENGINE_VERSION } from "../index.js";
import { DEFAULT_MAX_SIZE } from "../validate.js";
import { hint, parse, UsageError } from "./args.js";
import { schemaCommand } from "./schema-command.js";
import { typesLines } from "./types-command.js";
import { sampleMain, sendMain, serveMain } from "./commands.js";
import {
  MAIN_USAGE,
  SAMPLE_USAGE,
  SCHEMA_USAGE,
  SEND_USAGE,
  SERVE_USAGE,
  TYPES_USAGE,
  VALIDATE_USAGE,
} from "./usage.js";
import { validateCommand, type CommandIO, type ReportFormat, type ValidateCommandOptions } from "./validate-command.js";

declare const __PACKAGE_VERSION__: string | undefined;

/**
 * The package version, set by the build (tsup); "dev" when run from source.
 * @example
 * console.log(`ironflow-events ${VERSION}`);
 */
export const VERSION = typeof __PACKAGE_VERSION__ === "string" ? __PACKAGE_VERSION__ : "dev";

/**
 * The largest --max-size: a line is decoded into one string, and V8 strings end at about
 * 512 M characters; 256 MiB also keeps a single event's memory sane.
 * @example
 * MAX_MAX_SIZE; // 268435456
 */
export const MAX_MAX_SIZE = 256 * 1024 * 1024;

/** The most threads --jobs accepts. */
const MAX_JOBS = 64;

const VALIDATE_HINT = hint("validate");

/**
 * Runs the command line `argv` (without "node" and the script) and returns the exit code.
 * @example
 * process.exitCode = await main(["validate", "fixtures/"]);
 */
export async function main(argv: string[], io: Partial<CommandIO> = {}): Promise<number> {
  const full: CommandIO = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    version: io.version ?? VERSION,
    workerEntry: io.workerEntry,
  };
  const out = (text: string) => void full.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  const err = (text: string) => void full.stderr.write(`${text}\n`);
  try {
    return await run(argv, full, out, err);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`ironflow-events: ${error.message}\n${error.help}`);
      return 2;
    }
    throw error;
  }
}

async function run(
  argv: string[],
  io: CommandIO,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "validate": {
      const options = parseValidateArgs(rest);
      if (options === "help") {
        out(VALIDATE_USAGE);
        return 0;
      }
      return validateCommand(options, io);
    }
    case "schema": {
      const { values, positionals } = parse(rest, {}, hint("schema"));
      if (values.help) {
        out(SCHEMA_USAGE);
        return 0;
      }
      if (positionals.length > 1) throw new UsageError("schema takes at most one event type", hint("schema"));
      return schemaCommand(positionals[0], (text) => void io.stdout.write(text), err);
    }
    case "types": {
      const { values, positionals } = parse(rest, {}, hint("types"));
      if (values.help) {
        out(TYPES_USAGE);
        return 0;
      }
      if (positionals.length > 0) throw new UsageError("types takes no arguments", hint("types"));
      out(typesLines().join("\n"));
      return 0;
    }
    case "send":
      return sendMain(rest, io);
    case "serve":
      return serveMain(rest, io);
    case "sample":
      return sampleMain(rest, io);
    case "help": {
      const usage = {
        validate: VALIDATE_USAGE,
        schema: SCHEMA_USAGE,
        types: TYPES_USAGE,
        send: SEND_USAGE,
        serve: SERVE_USAGE,
        sample: SAMPLE_USAGE,
      }[rest[0] ?? ""];
      out(usage ?? MAIN_USAGE);
      return 0;
    }
    case "-h":
    case "--help":
      out(MAIN_USAGE);
      return 0;
    case "--version":
    case "-v":
      out(`ironflow-events ${io.version} (engine ${ENGINE_VERSION})`);
      return 0;
    case undefined:
      throw new UsageError("no command given", `\n${MAIN_USAGE}`);
    default:
      throw new UsageError(
        command.startsWith("-")
          ? `unknown option "${command}" (options follow the command)`
          : `unknown command "${command}"`,
        'Run "ironflow-events --help" for the commands.',
      );
  }
}

const FORMATS: readonly ReportFormat[] = ["text", "json", "github"];

/**
 * The options of `validate`, checked; "help" for --help.
 * @example
 * parseValidateArgs(["--format", "json", "--max-errors", "5", "a.ndjson"]);
 */
export function parseValidateArgs(args: string[]): ValidateCommandOptions | "help" {
  // `--lifecycle` takes an optional value: bare, it means warnings. parseArgs knows no
  // optional values, so the bare form is spelled out before it looks.
  const end = args.indexOf("--");
  const spelled = args.map((arg, i) => (arg === "--lifecycle" && (end === -1 || i < end) ? "--lifecycle=warn" : arg));
  const { values, positionals } = parse(
    spelled,
    {
      format: { type: "string", short: "f" },
      strict: { type: "boolean" },
      lifecycle: { type: "string" },
      "max-errors": { type: "string" },
      "max-size": { type: "string" },
      quiet: { type: "boolean", short: "q" },
      jobs: { type: "string", short: "j" },
    },
    VALIDATE_HINT,
  );
  if (values.help) return "help";
  const format = (values.format ?? "text") as ReportFormat;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be text, json or github, got "${String(values.format)}"`, VALIDATE_HINT);
  const lifecycle = String(values.lifecycle ?? "off");
  if (lifecycle !== "off" && lifecycle !== "warn" && lifecycle !== "error")
    throw new UsageError(
      `--lifecycle takes warn or error (--lifecycle=error), got "${String(lifecycle)}"`,
      VALIDATE_HINT,
    );
  let maxErrors: number | undefined;
  if (values["max-errors"] !== undefined) {
    const text = String(values["max-errors"]);
    maxErrors = /^[0-9]+$/.test(text) ? Number(text) : NaN;
    if (!(maxErrors >= 1) || !Number.isSafeInteger(maxErrors))
      throw new UsageError(`--max-errors takes a whole number of at least 1, got "${text}"`, VALIDATE_HINT);
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    const text = String(values.jobs);
    jobs = /^[0-9]+$/.test(text) ? Number(text) : NaN;
    if (!(jobs >= 1 && jobs <= MAX_JOBS))
      throw new UsageError(`--jobs takes a number of threads from 1 to ${MAX_JOBS}, got "${text}"`, VALIDATE_HINT);
  }
  const maxSize = values["max-size"] === undefined ? DEFAULT_MAX_SIZE : parseSize(String(values["max-size"]));
  if (positionals.length === 0)
    throw new UsageError("no input given: name files, directories or globs, or - for standard input", VALIDATE_HINT);
  return {
    paths: positionals,
    format,
    strict: values.strict === true,
    lifecycle,
    maxErrors,
    maxSize,
    quiet: values.quiet === true,
    jobs,
  };
}

/** "1048576", "512K", "1M", "1MiB", "2G": bytes (K, M, G are powers of 1024). */
function parseSize(text: string): number {
  const match = /^([0-9]+)(?:([kmg])(?:i?b)?)?$/i.exec(text);
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match?.[2] ?? "").toLowerCase()] ?? 1;
  const size = match ? Number(match[1]) * unit : NaN;
  if (!(size >= 1) || size > MAX_MAX_SIZE)
    throw new UsageError(
      `--max-size takes a number of bytes from 1 to ${MAX_MAX_SIZE} (256M), optionally with K, M or G, got "${text}"`,
      VALIDATE_HINT,
    );
  return size;
}
