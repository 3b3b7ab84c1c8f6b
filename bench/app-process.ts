// A process that reads events as an app does, for the goals of issue 23: one corpus (the engine
// mix or the run stream), read by JSON.parse, by parseEvent with one engine format (the default,
// with no options, or the one named), and by the floor (JSON.parse + the exact UUID and timestamp
// checks alone), and nothing else. In validate.ts's own process every candidate shares the
// engine's JIT: parseEvent is also called there with `strict` and with each older format, which
// makes the calls inside it polymorphic, as no app that reads one engine's events makes them.
// validate.ts runs this file as a child
// (`node --import tsx bench/app-process.ts <entry> <mix|stream> <events> <rounds> [engine]`) and
// prints both figures; it prints JSON: the three timings, each as measure.ts's compare gives it.
import { pathToFileURL } from "node:url";
import { do_not_optimize } from "mitata";
import { engineMix, runStream } from "./corpus.js";
import { formatsOnly } from "./format-floor.js";
import { compare, type Timing } from "./measure.js";

/** What the child prints. */
export interface AppProcessTimings {
  parse: Timing;
  parseEvent: Timing;
  floor: Timing;
}

/** The corpora a child can read, as validate.ts makes them. */
const APP_CORPORA = { mix: engineMix, stream: runStream } as const;

async function main(): Promise<void> {
  const [entry, corpus, events, rounds, engine] = process.argv.slice(2);
  const make = APP_CORPORA[corpus as keyof typeof APP_CORPORA];
  if (entry === undefined || make === undefined || !(Number(events) > 0) || !(Number(rounds) > 0))
    throw new Error("usage: app-process.ts <dist/index.js> <mix|stream> <events> <rounds> [engine]");
  const { parseEvent } = (await import(pathToFileURL(entry).href)) as typeof import("../src/index.js");
  const lines = make(Number(events));
  const options = { engine };
  const each = (f: (line: string) => unknown) => () => {
    for (let i = 0; i < lines.length; i++) do_not_optimize(f(lines[i]!));
  };
  const [parse, read, floor] = await compare(
    [
      { name: "JSON.parse(text)", pass: each((line) => JSON.parse(line)) },
      engine === undefined
        ? { name: "parseEvent(text)", pass: each((line) => parseEvent(line)) }
        : { name: `parseEvent(text, engine ${engine})`, pass: each((line) => parseEvent(line, options)) },
      {
        name: "JSON.parse + format checks alone",
        pass: each((line) => {
          const value = JSON.parse(line) as Parameters<typeof formatsOnly>[0];
          return formatsOnly(value) ? value : null;
        }),
      },
    ],
    { items: lines.length, rounds: Number(rounds), samples: 3 },
  );
  const result: AppProcessTimings = { parse: parse!, parseEvent: read!, floor: floor! };
  process.stdout.write(JSON.stringify(result));
}

await main();
