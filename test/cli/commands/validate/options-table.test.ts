// The options of `validate` are written once, in VALIDATE_OPTIONS: parseArgs reads them from
// it, the help lists them from it, and the documentation's table lists the same options.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readCommandLine } from "../../../../src/cli/arguments.js";
import { validate } from "../../../../src/cli/commands/validate/index.js";
import { VALIDATE_OPTIONS } from "../../../../src/cli/commands/validate/options.js";

const VALIDATE_USAGE = validate.help;
const parseValidateArgs = (args: string[]) => readCommandLine(validate, args);

const ROOT = resolve(import.meta.dirname, "../../../..");
const HEADING = "## Options of `validate`";
const PAGE = "docs/cli.md";

/** The flags in the first column of the table under HEADING in the CLI reference. */
function documentedFlags(): string[][] {
  const text = readFileSync(resolve(ROOT, PAGE), "utf8");
  expect(text.includes(`\n${HEADING}\n`), `${PAGE} has the heading ${HEADING}`).toBe(true);
  const section = text.slice(text.indexOf(`\n${HEADING}\n`) + HEADING.length + 2);
  const rows = section
    .split("\n")
    .filter((line, i, lines) => line.startsWith("|") && lines.slice(0, i).every((l) => l === "" || l.startsWith("|")));
  return rows.slice(2).map((row) => [...row.split("|")[1]!.matchAll(/`(--?[a-z-]+)/g)].map((match) => match[1]!));
}

describe("the options of validate", () => {
  it("are the table of the documentation, the help option aside", () => {
    const table = VALIDATE_OPTIONS.filter((option) => option.flag !== "help").map((option) =>
      [option.short === undefined ? [] : [`-${option.short}`], `--${option.flag}`].flat(),
    );
    expect(new Set(documentedFlags().map((flags) => flags.join(" ")))).toEqual(
      new Set(table.map((flags) => flags.join(" "))),
    );
  });

  it("are each listed in the help", () => {
    for (const option of VALIDATE_OPTIONS)
      expect(VALIDATE_USAGE).toMatch(new RegExp(`\\n  (-${option.short}, )?--${option.flag}\\b`));
  });

  it("each set their field of the config, and only the table's flags are accepted", () => {
    const config = parseValidateArgs([
      "-f",
      "json",
      "--strict",
      "--lifecycle=error",
      "--max-errors",
      "3",
      "--max-size",
      "2K",
      "-j",
      "2",
      "-q",
      "a.ndjson",
    ]);
    expect(config).toEqual({
      paths: ["a.ndjson"],
      format: "json",
      strict: true,
      lifecycle: "error",
      maxErrors: 3,
      maxSize: 2048,
      jobs: 2,
      quiet: true,
    });
    expect(parseValidateArgs(["a.ndjson"])).toEqual({
      paths: ["a.ndjson"],
      format: "text",
      strict: false,
      lifecycle: "off",
      maxErrors: undefined,
      maxSize: 1048576,
      jobs: undefined,
      quiet: false,
    });
    expect(() => parseValidateArgs(["--no-such-option", "a.ndjson"])).toThrow(/Unknown option '--no-such-option'/);
  });
});
