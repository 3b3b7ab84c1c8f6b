// A command run to its end WITHOUT blocking the test's event loop, for the commands that take
// seconds. spawnSync would: vitest's worker then cannot answer the main process, and a call
// of it (onTaskUpdate) times out after 60 s on a loaded machine, failing a run whose tests passed.
import { spawn, type StdioOptions } from "node:child_process";

export interface ChildResult {
  status: number | null;
  /** The signal that ended it (SIGTERM after `timeout`), or null. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ChildOptions {
  cwd?: string;
  /** The whole environment of the child. */
  env?: NodeJS.ProcessEnv;
  /** Text for standard input, or an open file descriptor to read it from; nothing by default. */
  stdin?: string | number;
  /** Killed (SIGTERM) after this many milliseconds. */
  timeout?: number;
}

export function runChild(command: string, args: string[], options: ChildOptions = {}): Promise<ChildResult> {
  const stdin = options.stdin;
  const stdio: StdioOptions = [typeof stdin === "number" ? stdin : "pipe", "pipe", "pipe"];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio, timeout: options.timeout });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (status, signal) =>
      resolve({
        status,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
    if (child.stdin) {
      // A child that exits without reading all of its input must not fail the run with EPIPE.
      child.stdin.on("error", () => {});
      child.stdin.end(typeof stdin === "string" ? stdin : "");
    }
  });
}
