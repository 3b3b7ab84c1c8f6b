// A worker thread of the parallel reader (parallel.ts): validates each block of NDJSON lines
// it is sent with the same line splitter and EventChecker as the single-threaded reader, and
// sends back the counts and failures, numbered from the block's first line.
import { parentPort, workerData } from "node:worker_threads";
import { EventChecker } from "./checker.js";
import { LineSplitter } from "../../input/line-splitter.js";
import { lineHandler } from "../../input/line-handler.js";
import { Tally } from "./tally.js";
import type { BlockResult, BlockTask, Failure, Reporter, ValidateConfig } from "./types.js";

/**
 * Serves blocks until the main thread terminates it. Called by the CLI's entry point when
 * it runs as a worker.
 */
export function runWorker(): void {
  const config = workerData as ValidateConfig;
  const port = parentPort!;
  port.on("message", (task: BlockTask) => {
    const failures: Failure[] = [];
    const reporter: Reporter = { failure: (failure) => void failures.push(failure), ioError() {}, finish() {} };
    const tally = new Tally();
    // The pool is used only without --max-errors, which needs the failures in file order.
    const checker = new EventChecker(config, tally, reporter);
    const splitter = new LineSplitter(config.maxSize, lineHandler(checker, config.maxSize, { atStart: task.atStart }));
    if (task.head !== null) splitter.push(Buffer.from(task.head.buffer, task.head.byteOffset, task.head.byteLength));
    if (task.body !== null) splitter.push(Buffer.from(task.body, task.start, task.end - task.start));
    splitter.end();
    const result: BlockResult = {
      seq: task.seq,
      body: task.body,
      lines: splitter.currentLine - 1,
      failures,
      byType: tally.summary().byType,
    };
    port.postMessage(result, task.body === null ? [] : [task.body]); // the buffer goes back for reuse
  });
}
