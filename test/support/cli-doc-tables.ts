// The options tables of docs/cli.md ("## Options of `<command>`"), read for the tests that check
// them against the commands' own tables of options.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { OptionRow } from "../../src/cli/command.js";
import { REPO } from "./doc-blocks.js";

const PAGE = "docs/cli.md";

/** The flags in the first column of the table under "## Options of `<command>`", one list per row. */
export function documentedFlags(command: string): string[][] {
  const heading = `## Options of \`${command}\``;
  const text = readFileSync(resolve(REPO, PAGE), "utf8");
  if (!text.includes(`\n${heading}\n`)) throw new Error(`${PAGE} has no heading ${heading}`);
  const section = text.slice(text.indexOf(`\n${heading}\n`) + heading.length + 2);
  const start = section.indexOf("\n|") + 1;
  const rows = section.slice(start).split("\n");
  const table = rows.slice(
    0,
    rows.findIndex((line) => !line.startsWith("|")),
  );
  return table.slice(2).map((row) => [...row.split("|")[1]!.matchAll(/`(--?[a-z-]+)/g)].map((match) => match[1]!));
}

/** The flags of a command's table of options, one list per row (`-p --port`), `--help` aside. */
export function tableFlags(options: readonly OptionRow[]): string[][] {
  return options.map((option) => [option.short === undefined ? [] : [`-${option.short}`], `--${option.flag}`].flat());
}
