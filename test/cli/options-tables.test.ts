// The options of send, serve, listen, schema and types are written once, in each command's table: parseArgs
// reads them from it, the help lists them from it, and docs/cli.md lists the same options.
import { describe, expect, it } from "vitest";
import type { Command } from "../../src/cli/command.js";
import { listen } from "../../src/cli/commands/listen/index.js";
import { schema } from "../../src/cli/commands/schema/index.js";
import { send } from "../../src/cli/commands/send/index.js";
import { serve } from "../../src/cli/commands/serve/index.js";
import { types } from "../../src/cli/commands/types/index.js";
import { documentedFlags, tableFlags } from "../support/cli-doc-tables.js";

const COMMANDS: [string, Command][] = [
  ["send", send as Command],
  ["serve", serve as Command],
  ["listen", listen as Command],
  ["schema", schema as Command],
  ["types", types as Command],
];

describe.each(COMMANDS)("the options of %s", (name, command) => {
  it("are the table of docs/cli.md", () => {
    const join = (rows: string[][]) => new Set(rows.map((flags) => flags.join(" ")));
    expect(join(documentedFlags(name))).toEqual(join(tableFlags(command.options)));
  });

  it("are each listed in its help", () => {
    for (const option of command.options)
      expect(command.help).toMatch(new RegExp(`\\n  (-${option.short}, )?--${option.flag}\\b`));
  });
});
