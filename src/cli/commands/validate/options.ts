// The options of `validate`, written once: each row gives the flag, its help text and how its
// value is read. The parseArgs spec, the Options section of `validate --help` and the config
// (ValidateConfig in types.ts) follow from this table; a test holds docs/cli.md's table to it.
import { DEFAULT_MAX_SIZE } from "../../../validate.js";
import { option, UsageError } from "../../arguments.js";
import { engineOption } from "../../common-options.js";

/**
 * The report formats of --format.
 * @example
 * REPORT_FORMATS.includes("github"); // true
 */
const REPORT_FORMATS = ["text", "json", "github"] as const;

/**
 * --lifecycle: off, illegal run status moves as warnings, or as errors.
 * @example
 * LIFECYCLE_MODES[1]; // "warn", what a bare --lifecycle means
 */
const LIFECYCLE_MODES = ["off", "warn", "error"] as const;

/**
 * The largest --max-size: a line is decoded into one string, and V8 strings end at about
 * 512 M characters; 256 MiB also keeps a single event's memory sane.
 * @example
 * MAX_MAX_SIZE; // 268435456
 */
const MAX_MAX_SIZE = 256 * 1024 * 1024;

/**
 * --engine as serve, send and listen read it (the one resolver, exit 2 with its message), kept
 * as the version string: the config travels to the worker threads by structured clone, and a
 * resolved format holds functions. Each checker resolves the string again (cached).
 */
const ENGINE = engineOption([
  "the engine version the events are checked as (2.31.4, 2.31), and",
  "--lifecycle's table; default the newest modelled",
]);

/** The most threads --jobs accepts. */
const MAX_JOBS = 64;

/**
 * The options of `validate`, in the order of the help.
 * @example
 * VALIDATE_OPTIONS.map((option) => `--${option.flag}`); // ["--format", "--strict", …]
 */
export const VALIDATE_OPTIONS = [
  option({
    flag: "format",
    short: "f",
    key: "format",
    value: "<format>",
    help: [
      "text (default), json (one machine-readable report) or",
      "github (GitHub Actions annotations on the pull request)",
    ],
    read: (given) => {
      const format = String(given ?? "text");
      if (!(REPORT_FORMATS as readonly string[]).includes(format))
        throw new UsageError(`--format must be text, json or github, got "${format}"`);
      return format as (typeof REPORT_FORMATS)[number];
    },
  }),
  option({ flag: "strict", key: "strict", help: ["unknown properties are errors"], read: (given) => given === true }),
  option({ ...ENGINE, read: (given) => ENGINE.read(given).version }),
  option({
    flag: "lifecycle",
    key: "lifecycle",
    value: "[=warn|error]",
    bare: "warn",
    help: [
      "also check each run_status_changed from -> to against the run",
      "lifecycle: an illegal move is a warning (exit code unchanged),",
      "or with =error makes the event invalid",
    ],
    read: (given) => {
      const lifecycle = String(given ?? "off");
      if (!(LIFECYCLE_MODES as readonly string[]).includes(lifecycle))
        throw new UsageError(`--lifecycle takes warn or error (--lifecycle=error), got "${lifecycle}"`);
      return lifecycle as (typeof LIFECYCLE_MODES)[number];
    },
  }),
  option({
    flag: "max-errors",
    key: "maxErrors",
    value: "<N>",
    help: ["stop reading after N invalid events"],
    read: (given) => {
      if (given === undefined) return undefined;
      const text = String(given);
      const maxErrors = /^[0-9]+$/.test(text) ? Number(text) : NaN;
      if (!(maxErrors >= 1) || !Number.isSafeInteger(maxErrors))
        throw new UsageError(`--max-errors takes a whole number of at least 1, got "${text}"`);
      return maxErrors;
    },
  }),
  option({
    flag: "max-size",
    key: "maxSize",
    value: "<bytes>",
    help: [
      "the largest line, file or document read (default 1M = 1048576;",
      "suffixes K, M, G; at most 256M): a larger one fails as",
      "too_large and is skipped without being held in memory",
    ],
    read: (given) => (given === undefined ? DEFAULT_MAX_SIZE : parseSize(String(given))),
  }),
  option({
    flag: "jobs",
    short: "j",
    key: "jobs",
    value: "<N>",
    help: [
      "threads for NDJSON files: by default one per CPU (up to 4) for",
      "files over 16 MiB; --jobs 1 reads everything on one thread",
    ],
    read: (given) => {
      if (given === undefined) return undefined;
      const text = String(given);
      const jobs = /^[0-9]+$/.test(text) ? Number(text) : NaN;
      if (!(jobs >= 1 && jobs <= MAX_JOBS))
        throw new UsageError(`--jobs takes a number of threads from 1 to ${MAX_JOBS}, got "${text}"`);
      return jobs;
    },
  }),
  option({
    flag: "quiet",
    short: "q",
    key: "quiet",
    help: ["print the summary only"],
    read: (given) => given === true,
  }),
] as const;

/** "1048576", "512K", "1M", "1MiB", "2G": bytes (K, M, G are powers of 1024). */
function parseSize(text: string): number {
  const match = /^([0-9]+)(?:([kmg])(?:i?b)?)?$/i.exec(text);
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match?.[2] ?? "").toLowerCase()] ?? 1;
  const size = match ? Number(match[1]) * unit : NaN;
  if (!(size >= 1) || size > MAX_MAX_SIZE)
    throw new UsageError(
      `--max-size takes a number of bytes from 1 to ${MAX_MAX_SIZE} (256M), optionally with K, M or G, got "${text}"`,
    );
  return size;
}
