// Heap allocated per event on the success path, in a child process of its own (started by
// validate.ts with --expose-gc and a young generation large enough that no collection runs
// during a batch): collect, read heapUsed, run a batch, read heapUsed again. JSON.parse's
// own allocation (the event object and its strings) is measured alone and subtracted, and
// the validators are also measured on values parsed beforehand.
import { pathToFileURL } from "node:url";
import { engineMix } from "./corpus.js";
import { median } from "./measure.js";

type Api = typeof import("../src/index.js");

export interface HeapPerEvent {
  /** Bytes per event that JSON.parse(text) allocates. */
  jsonParse: number;
  /** parseEvent(text) minus JSON.parse(text): what this package adds, default and strict mode. */
  parseEventExtra: number;
  parseEventStrictExtra: number;
  /** validateEvent(value) on parsed values: the result object and nothing else, ideally. */
  validateEvent: number;
  /** parseEvent(value) and isEvent(value) on parsed values. */
  parseEventParsed: number;
  isEvent: number;
}

const BATCH = 20_000;
const BATCHES = 50; // 1,000,000 calls each

const gc = (globalThis as { gc?: () => void }).gc;

function bytesPerCall(items: readonly unknown[], call: (item: unknown) => unknown): number {
  if (!gc) throw new Error("bench/heap.ts needs node --expose-gc");
  const perBatch: number[] = [];
  let sink: unknown;
  for (let b = 0; b < BATCHES; b++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < BATCH; i++) sink = call(items[(b * BATCH + i) % items.length]);
    perBatch.push((process.memoryUsage().heapUsed - before) / BATCH);
  }
  if (sink === Symbol.iterator) console.log(sink); // keeps the calls from being optimized away
  return median(perBatch.slice(BATCHES / 5)); // the first batches include compiling the code
}

async function main(entry: string): Promise<void> {
  const api = (await import(pathToFileURL(entry).href)) as Api;
  const lines = engineMix(100_000);
  const values = lines.map((line) => JSON.parse(line) as unknown);
  const strict = { strict: true };
  const jsonParse = bytesPerCall(lines, (line) => JSON.parse(line as string));
  const result: HeapPerEvent = {
    jsonParse,
    parseEventExtra: bytesPerCall(lines, (line) => api.parseEvent(line as string)) - jsonParse,
    parseEventStrictExtra: bytesPerCall(lines, (line) => api.parseEvent(line as string, strict)) - jsonParse,
    validateEvent: bytesPerCall(values, (value) => api.validateEvent(value)),
    parseEventParsed: bytesPerCall(values, (value) => api.parseEvent(value)),
    isEvent: bytesPerCall(values, (value) => api.isEvent(value)),
  };
  process.stdout.write(JSON.stringify(result));
}

await main(process.argv[2] ?? "dist/index.js");
