// Cold start: how much longer `node` takes to start when it imports the package than when it
// runs nothing at all. Each figure is the median wall time of fresh child processes, the
// kinds taken in turn so that a busy machine weighs on all alike. The package's share is the
// median of the differences within each turn, not the difference of two medians: a turn's
// processes run a few milliseconds apart, so a burst of load elsewhere on the machine mostly
// shifts both sides of one difference.
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
  /** Median, over the turns, of the import's time minus the bare start's in the same turn. */
  importAboveBareMs: number;
  /** The same against the ESM loader started with nothing imported. */
  importAboveBareEsmMs: number;
  /**
   * On each child's own CPU clock (what it reports of itself as it ends), which other processes
   * on a shared machine do not inflate: median of the import minus the ESM loader started with
   * nothing imported, turn by turn. The package's own share of a cold start.
   */
  importAboveBareEsmCpuMs: number;
  /**
   * The `await import()` alone, on the child's CPU clock around it (node's own start left out,
   * and with it most of the noise of the figures above): median ms.
   */
  importAloneCpuMs: number;
}

/** Code a child runs last: it prints the CPU time it has used, in microseconds. */
const REPORT_CPU = "{const u=process.cpuUsage();process.stdout.write(String(u.user+u.system))}";

/**
 * Times `runs` cold starts of each kind.
 * @example
 * const { importAboveBareMs } = coldImport("dist/index.js", 30); // the package's share of a cold start
 */
export function coldImport(entry: string, runs: number): StartupTimes {
  const url = pathToFileURL(entry).href;
  const kinds = {
    bare: ["-e", REPORT_CPU],
    bareEsm: ["--input-type=module", "-e", REPORT_CPU],
    import: ["--input-type=module", "-e", `import ${JSON.stringify(url)};${REPORT_CPU}`],
    importAlone: ["--input-type=module", "-e", importAlone(url)],
  };
  const times: Record<keyof typeof kinds, number[]> = { bare: [], bareEsm: [], import: [], importAlone: [] };
  const cpu: Record<keyof typeof kinds, number[]> = { bare: [], bareEsm: [], import: [], importAlone: [] };
  for (let i = 0; i < runs; i++) {
    for (const [kind, args] of Object.entries(kinds) as [keyof typeof kinds, string[]][]) {
      const start = process.hrtime.bigint();
      const child = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (child.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${child.stderr}`);
      times[kind].push(ms);
      cpu[kind].push(Number(child.stdout) / 1000);
    }
  }
  const above = (base: number[]) => median(times.import.map((ms, i) => ms - base[i]!));
  return {
    bareMs: median(times.bare),
    bareEsmMs: median(times.bareEsm),
    importMs: median(times.import),
    importAboveBareMs: above(times.bare),
    importAboveBareEsmMs: above(times.bareEsm),
    importAboveBareEsmCpuMs: median(cpu.import.map((ms, i) => ms - cpu.bareEsm[i]!)),
    importAloneCpuMs: median(cpu.importAlone),
  };
}

/** Code a child runs: it imports `url` and prints the CPU time the import took, in microseconds. */
function importAlone(url: string): string {
  return `const u0=process.cpuUsage();await import(${JSON.stringify(url)});const u=process.cpuUsage(u0);process.stdout.write(String(u.user+u.system))`;
}
