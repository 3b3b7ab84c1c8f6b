// The built command line tool as a long-running child process (serve, send), for tests that
// talk to it over HTTP while it runs: spawnSync would block the test's own servers.
import { spawn, type ChildProcess } from "node:child_process";
import { CLI, ensureBuilt, NO_SECRETS, ROOT } from "./cli-harness.js";

export interface CliProcess {
  child: ChildProcess;
  /** Standard output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first line of standard output (serve's URL). */
  firstLine(): Promise<string>;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `ironflow-events <args>`; it is killed after `timeoutMs` whatever happens. */
export function startCli(
  args: string[],
  options: { stdin?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): CliProcess {
  ensureBuilt();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    // The secrets' variables of the machine running the tests must not sign or authorize anything here.
    env: { ...process.env, NO_COLOR: "1", ...NO_SECRETS, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (text: string) => (out += text));
  child.stderr!.setEncoding("utf8").on("data", (text: string) => (err += text));
  child.stdin!.end(options.stdin ?? "");
  const killer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(killer);
      resolve(code);
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    firstLine: () =>
      new Promise((resolve, reject) => {
        const check = () => {
          const end = out.indexOf("\n");
          if (end !== -1) {
            child.stdout!.off("data", check);
            resolve(out.slice(0, end));
          }
        };
        child.stdout!.on("data", check);
        check();
        void exited.then((code) => reject(new Error(`exited (${code}) before a line: ${err}`)));
      }),
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
