// What a throw carried: the one way tests look into an error that parseEvent (or anything else
// that refuses by throwing) threw. No vitest here, so the fuzz runner can use it too: a wrong
// error is rethrown as it was, which fails the test with its own message and stack.
import { EventValidationError, type ValidationIssue } from "../../src/index.js";

/** What thrownBy returns when nothing was thrown. */
export const NOTHING = Symbol("nothing thrown");

/** What `run` threw, or NOTHING. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return NOTHING;
}

type ErrorClass<E> = abstract new (...args: never[]) => E;

/** The error of class `type` (by default EventValidationError) that `run` threw; anything else thrown is rethrown, and throwing nothing fails. */
export function refusalBy<E = EventValidationError>(
  run: () => unknown,
  type: ErrorClass<E> = EventValidationError as unknown as ErrorClass<E>,
): E {
  const thrown = thrownBy(run);
  if (thrown === NOTHING) throw new Error(`expected a ${type.name}, but nothing was thrown`);
  if (!(thrown instanceof type)) throw thrown;
  return thrown;
}

/** The same for a promise: the error of class `type` it rejected with. */
export async function rejectionOf<E>(promise: Promise<unknown>, type: ErrorClass<E>): Promise<E> {
  let rejection: unknown = NOTHING;
  await promise.catch((error: unknown) => (rejection = error));
  if (rejection === NOTHING) throw new Error(`expected a ${type.name}, but the promise resolved`);
  if (!(rejection instanceof type)) throw rejection;
  return rejection;
}

/** The issues of the EventValidationError `run` threw; anything else thrown is rethrown, and throwing nothing fails. */
export function issuesThrownBy(run: () => unknown): ValidationIssue[] {
  return refusalBy(run).issues;
}

/** The EventValidationError `run` threw, or undefined where it returned (for tests in which accepting is one of the answers); anything else thrown is rethrown. */
export function refusalIfAny(run: () => unknown): EventValidationError | undefined {
  const thrown = thrownBy(run);
  if (thrown === NOTHING) return undefined;
  if (!(thrown instanceof EventValidationError)) throw thrown;
  return thrown;
}
