// The one source of randomness of the testing kit: a small seeded generator, so that the same
// seed gives the same events on every run and every platform (Math.random cannot be seeded).

/**
 * mulberry32: numbers in [0, 1) from a 32-bit seed; the same seed gives the same sequence.
 * @example
 * const next = mulberry32(42);
 * next(); // the same first number on every run
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The largest seed the makers take: seeds are 32-bit unsigned integers, from 0.
 * @example
 * const seed = Math.floor(Math.random() * (MAX_SEED + 1));
 */
export const MAX_SEED = 0xffffffff;

/**
 * `seed` checked (an integer from 0 to MAX_SEED), or a fresh random seed when it is undefined.
 * `caller` starts the message of the TypeError thrown for anything else.
 */
export function seedOf(seed: unknown, caller: string): number {
  if (seed === undefined) return Math.floor(Math.random() * (MAX_SEED + 1));
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw new TypeError(`${caller}: seed must be an integer from 0 to ${MAX_SEED}, got ${String(seed)}`);
  return seed;
}

/** Draws from a seeded sequence: numbers, integers, choices. */
export class Random {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A hex string of `digits` random digits. */
  hex(digits: number): string {
    let out = "";
    for (let i = 0; i < digits; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** A seed for a nested maker, drawn from this sequence. */
  seed(): number {
    return Math.floor(this.next() * (MAX_SEED + 1));
  }
}
