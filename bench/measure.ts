// Timing, side by side: every candidate runs over the same corpus, in rounds that take the
// candidates in turn (rotating who goes first), so that a machine busy with something else
// slows them all alike and the ratios stay fair. A pass is timed on the process's CPU clock
// (user + system time, process.cpuUsage), not the wall clock: on a machine shared with other
// jobs, the time this process waits for a core is not its cost, and the wall clock counts it.
// Each round keeps the median of its passes; the figure kept is the median of the rounds.
export interface Candidate {
  name: string;
  /** Runs over the whole corpus once. */
  pass: () => void;
}

export interface Timing {
  name: string;
  /** Median nanoseconds of CPU time for one item of the corpus. */
  nsPerItem: number;
  /** Items per second of CPU time at that speed. */
  perSecond: number;
  /** Nanoseconds per item in each round, for ratios taken round by round. */
  rounds: number[];
}

export interface CompareOptions {
  /** Number of items one pass goes through (the corpus size). */
  items: number;
  rounds: number;
  /** Timed passes per candidate and round, after one pass that warms it up. */
  samples: number;
}

/**
 * Times each candidate's pass; the result is in the order given.
 * @example
 * const [parse] = await compare([{ name: "JSON.parse", pass: () => lines.forEach((l) => JSON.parse(l)) }], { items: lines.length, rounds: 5, samples: 5 });
 */
export async function compare(candidates: readonly Candidate[], options: CompareOptions): Promise<Timing[]> {
  const perRound: number[][] = candidates.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < candidates.length; k++) {
      const i = (k + round) % candidates.length;
      perRound[i]!.push(cpuNsPerPass(candidates[i]!.pass, options.samples) / options.items);
      await turn(); // let the event loop (and a pending collection's tasks) run between candidates
    }
  }
  return candidates.map((candidate, i) => {
    const nsPerItem = median(perRound[i]!);
    return { name: candidate.name, nsPerItem, perSecond: 1e9 / nsPerItem, rounds: perRound[i]! };
  });
}

/** The median CPU time of `samples` passes, in nanoseconds, after one pass that is not timed. */
export function cpuNsPerPass(pass: () => void, samples: number): number {
  pass(); // the first pass of a function is not its speed: it compiles
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const before = process.cpuUsage();
    pass();
    const spent = process.cpuUsage(before);
    times.push((spent.user + spent.system) * 1000);
  }
  return median(times);
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * How many times slower `a` is than `b`: the median of the two's ratio in each round, which a
 * machine that is busier in some rounds than in others disturbs less than a ratio of medians.
 * @example
 * ratio(parseEvent, jsonParse); // 1.3 when parseEvent takes 30% longer
 */
export function ratio(a: Timing, b: Timing): number {
  return median(a.rounds.map((ns, round) => ns / b.rounds[round]!));
}

/**
 * The middle value (the mean of the two middle ones for an even count).
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
