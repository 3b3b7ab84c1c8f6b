// Timing, side by side: every candidate runs over the same corpus, in rounds that take the
// candidates in turn (rotating who goes first), so that a machine busy with something else
// slows them all alike and the ratios stay fair. Each round is one mitata measurement; the
// figure kept is the median of the rounds' medians.
import { measure } from "mitata";

export interface Candidate {
  name: string;
  /** Runs over the whole corpus once. */
  pass: () => void;
}

export interface Timing {
  name: string;
  /** Median nanoseconds for one item of the corpus. */
  nsPerItem: number;
  /** Items per second at that speed. */
  perSecond: number;
  /** Nanoseconds per item in each round, for ratios taken round by round. */
  rounds: number[];
}

export interface CompareOptions {
  /** Number of items one pass goes through (the corpus size). */
  items: number;
  rounds: number;
  /** mitata samples per candidate and round (one sample is one pass). */
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
      const stats = await measure(candidates[i]!.pass, {
        min_samples: options.samples,
        max_samples: options.samples,
        min_cpu_time: 0,
        warmup_samples: 1,
        warmup_threshold: Infinity, // always warm up: the first pass of a function is not its speed
      });
      perRound[i]!.push(stats.p50 / options.items);
    }
  }
  return candidates.map((candidate, i) => {
    const nsPerItem = median(perRound[i]!);
    return { name: candidate.name, nsPerItem, perSecond: 1e9 / nsPerItem, rounds: perRound[i]! };
  });
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
