// Standard input copied to a temporary file, for a command that reads its events twice (`send`
// checks every event before it sends any): a pipe can be read once, and holding it in memory
// would cost its whole size. The copy streams, so any size of input takes bounded memory.
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { Source } from "./sources.js";

/**
 * `sources` with standard input replaced by a file holding what it gave, and `remove` to
 * delete that file; the same sources and a `remove` that does nothing when stdin is not among them.
 * @example
 * const spooled = await spoolStdin(sources);
 * try { await check(spooled.sources); await send(spooled.sources); } finally { spooled.remove(); }
 */
export async function spoolStdin(
  sources: readonly Source[],
): Promise<{ sources: Source[]; isStdin: (source: Source) => boolean; remove: () => void }> {
  if (!sources.some((source) => source.kind === "stdin"))
    return { sources: [...sources], isStdin: () => false, remove: () => {} };
  const dir = mkdtempSync(join(tmpdir(), "ironflow-events-stdin-"));
  const path = join(dir, "stdin");
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await pipeline(process.stdin, createWriteStream(path));
  } catch (error) {
    remove();
    throw error;
  }
  const spooled: Source = { kind: "file", path, layout: "sniff", size: statSync(path).size };
  return {
    sources: sources.map((source) => (source.kind === "stdin" ? spooled : source)),
    isStdin: (source) => source === spooled,
    remove,
  };
}
