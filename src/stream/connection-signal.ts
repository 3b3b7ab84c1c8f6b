// The signal of one connection of streamEvents: it aborts when the caller's signal does, through
// one listener on the caller's signal that is removed when the connection is done. fetch (undici,
// in Node) adds listeners of its own to the signal it is given and lets them go only when the
// request is garbage-collected: given the caller's signal, which lives as long as the iteration,
// they piled up by one per reconnect (MaxListenersExceededWarning after ten).

export class ConnectionSignal {
  readonly #controller = new AbortController();
  readonly #outer: AbortSignal | undefined;
  readonly #forward = () => this.#controller.abort(this.#outer?.reason);

  constructor(outer: AbortSignal | undefined) {
    this.#outer = outer;
    if (outer?.aborted) this.#forward();
    else outer?.addEventListener("abort", this.#forward, { once: true });
  }

  /** What the connection's requests and reads watch. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The connection is done: the listener on the caller's signal goes, and whatever still watches this one stops. */
  release(): void {
    this.#outer?.removeEventListener("abort", this.#forward);
    this.#controller.abort();
  }
}
