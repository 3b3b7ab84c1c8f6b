// The fenced code blocks of the project's documentation (README.md, CONTRIBUTING.md, docs/*.md),
// for the tests that compile or run them: an example that no test reads drifts from the code.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const REPO = fileURLToPath(new URL("../..", import.meta.url));

/** One fenced block: its file, the line of its opening fence, its language and its text. */
export interface DocBlock {
  file: string;
  line: number;
  lang: string;
  code: string;
}

/** The documentation files, relative to the root: README.md, CONTRIBUTING.md and docs/*.md. */
export function docFiles(): string[] {
  const docs = readdirSync(join(REPO, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", "CONTRIBUTING.md", ...docs];
}

/** Every fenced block of one documentation file (``` or ~~~ fences, with their info string). */
export function docBlocks(file: string): DocBlock[] {
  const lines = readFileSync(join(REPO, file), "utf8").split("\n");
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```|~~~)\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent = "", fence = "```", lang = ""] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trimStart().startsWith(fence); j++) body.push(lines[j]!.slice(indent.length));
    blocks.push({ file, line: i + 1, lang: lang.toLowerCase(), code: body.join("\n") });
    i = j;
  }
  return blocks;
}

/** Every block of the given languages across all documentation files. */
export function allDocBlocks(langs: string[]): DocBlock[] {
  return docFiles().flatMap((file) => docBlocks(file).filter((block) => langs.includes(block.lang)));
}
