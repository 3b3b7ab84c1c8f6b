// The options of `validate` are written once, in VALIDATE_OPTIONS: parseArgs reads them from
// it, the help lists them from it, and the documentation's table lists the same options.
import { describe, expect, it } from "vitest";
import { readCommandLine } from "../../../../src/cli/arguments.js";
import { validate } from "../../../../src/cli/commands/validate/index.js";
import { VALIDATE_OPTIONS } from "../../../../src/cli/commands/validate/options.js";
import { documentedFlags, tableFlags } from "../../../support/cli-doc-tables.js";

const VALIDATE_USAGE = validate.help;
const parseValidateArgs = (args: string[]) => readCommandLine(validate, args);

describe("the options of validate", () => {
  it("are the table of the documentation, the help option aside", () => {
    const table = tableFlags(VALIDATE_OPTIONS.filter((option) => option.flag !== "help"));
    expect(new Set(documentedFlags("validate").map((flags) => flags.join(" ")))).toEqual(
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
      "--engine",
      "v2.31",
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
      engine: "v2.31",
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
      engine: undefined,
      lifecycle: "off",
      maxErrors: undefined,
      maxSize: 1048576,
      jobs: undefined,
      quiet: false,
    });
    expect(() => parseValidateArgs(["--no-such-option", "a.ndjson"])).toThrow(/Unknown option '--no-such-option'/);
    // --engine: the one resolver's refusal, as a usage error.
    expect(() => parseValidateArgs(["--engine", "2.45", "a.ndjson"])).toThrow(
      '--engine: engine "2.45" is not modelled; modelled: 2.14.x–2.19.x, 2.20.x–2.40.x, 2.52.x',
    );
  });
});
