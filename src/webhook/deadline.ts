// The end of one webhook request's time: its timeout, or the client going away, whichever comes
// first. Plain callbacks, and an AbortSignal only when a handler is given one: in Node an
// AbortSignal (an EventTarget) costs more to make and to listen to than the rest of a request's
// bookkeeping together.

/** What a request's signal says when the time is up, as AbortSignal.timeout says it. */
function timeUp(timeout: number): Error {
  return errorNamed("TimeoutError", `the webhook took longer than ${timeout} ms (timeout)`);
}

/** What a request's signal says when the client went away. */
export function clientLeft(): Error {
  return errorNamed("AbortError", "the client went away before the answer");
}

/** A DOMException where there is one (every runtime of the package has it), else an Error of that name. */
function errorNamed(name: string, message: string): Error {
  if (typeof DOMException === "function") return new DOMException(message, name);
  return Object.assign(new Error(message), { name });
}

export class Deadline {
  #reason: Error | undefined;
  #listeners: (() => void)[] = [];
  #controller: AbortController | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;

  /** Starts the clock: it ends after `timeout` ms unless end() or dispose() comes first. */
  constructor(timeout: number) {
    this.#timer = setTimeout(() => this.end(timeUp(timeout)), timeout);
  }

  /** Why the time ended (a TimeoutError, or an AbortError when the client left); undefined while it runs. */
  get reason(): Error | undefined {
    return this.#reason;
  }

  /** Ends the time now (the client left); later calls change nothing. */
  end(reason: Error): void {
    if (this.#reason !== undefined) return;
    this.#reason = reason;
    clearTimeout(this.#timer);
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener();
  }

  /** Calls `listener` when the time ends (at once if it has); returns the function that forgets it. */
  onEnd(listener: () => void): () => void {
    if (this.#reason !== undefined) {
      listener();
      return () => {};
    }
    this.#listeners.push(listener);
    return () => {
      const at = this.#listeners.indexOf(listener);
      if (at !== -1) this.#listeners.splice(at, 1);
    };
  }

  /** A signal that aborts, with `reason`, when the time ends: made on first use. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#reason !== undefined) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** The request is answered: the clock stops, and nothing more is called. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#listeners = [];
  }
}
