// Cold start: how much longer `node` takes to start when it imports the package than when it
// runs nothing at all. Each figure is the median wall time of fresh child processes, the two
// kinds taken in turn so that a busy machine weighs on both alike.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { median } from "./measure.js";

export interface StartupTimes {
  /** Median ms of `node -e ""`. */
  bareMs: number;
  /** Median ms of `node --input-type=module -e ""` (the ESM loader started, nothing imported). */
  bareEsmMs: number;
  /** Median ms of `node --input-type=module -e "import '<entry>'"`. */
  importMs: number;
}

/**
 * Times `runs` cold starts of each kind.
 * @example
 * const { importMs, bareMs } = coldImport("dist/index.js", 20); // importMs - bareMs: the package's share
 */
export function coldImport(entry: string, runs: number): StartupTimes {
  const url = pathToFileURL(entry).href;
  const kinds = {
    bare: ["-e", ""],
    bareEsm: ["--input-type=module", "-e", ""],
    import: ["--input-type=module", "-e", `import ${JSON.stringify(url)};`],
  };
  const times: Record<keyof typeof kinds, number[]> = { bare: [], bareEsm: [], import: [] };
  for (let i = 0; i < runs; i++) {
    for (const [kind, args] of Object.entries(kinds) as [keyof typeof kinds, string[]][]) {
      const start = process.hrtime.bigint();
      const child = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (child.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${child.stderr}`);
      times[kind].push(ms);
    }
  }
  return { bareMs: median(times.bare), bareEsmMs: median(times.bareEsm), importMs: median(times.import) };
}
