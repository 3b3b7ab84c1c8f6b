// A decoder for the WHATWG "text/event-stream" format (HTML Living Standard, "Server-sent
// events", section "Interpreting an event stream"): bytes in, complete messages out. It keeps
// no more than the current line and the current event, so a stream may run for days.

/**
 * One message of an event stream, as dispatched at a blank line.
 * @example
 * for (const message of decoder.push(chunk)) if (message.event === "log_line") console.log(message.data);
 */
export interface SseMessage {
  /** The `event:` field; `"message"` when the event gave none. */
  event: string;
  /** The `data:` lines joined with `\n`. Empty for an `oversized` message. */
  data: string;
  /** The last `id:` seen on this stream when the message was dispatched; `""` when none. */
  lastEventId: string;
  /**
   * True when the event's data outgrew `maxEventSize`: its data was dropped as it came in,
   * and the message only says that an event was there.
   */
  oversized?: true;
}

/**
 * Options of SseDecoder.
 * @example
 * const decoder = new SseDecoder({ maxEventSize: 1024 * 1024 });
 */
export interface SseDecoderOptions {
  /**
   * The most characters an event's data, and any one line of it, may hold. Past it the event's
   * data is dropped unread and the message is dispatched with `oversized: true`, so a server
   * that never ends an event cannot fill the memory. Default: no limit.
   */
  maxEventSize?: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Turns the bytes of one event stream (one HTTP response) into messages. Chunks may be cut
 * anywhere, even inside a UTF-8 character or between the CR and LF of a line end.
 *
 * Follows the standard: a leading BOM is skipped; lines end at CRLF, LF or CR; a line starting
 * with `:` is a comment (keep-alive); `event`, `data`, `id` and `retry` fields are read, with one
 * space after the colon removed, and other fields ignored; an event is dispatched only at a
 * blank line and only when it had data. What is left when the stream ends (an event cut off
 * by a dropped connection) is never dispatched. Bytes that are not UTF-8 read as U+FFFD.
 * @example
 * const decoder = new SseDecoder();
 * for await (const chunk of response.body) {
 *   for (const message of decoder.push(chunk)) console.log(message.event, message.data);
 * }
 * decoder.end(); // drops an event the connection cut in the middle
 */
export class SseDecoder {
  readonly #text = new TextDecoder("utf-8"); // not fatal: bad bytes become U+FFFD, as the standard says
  readonly #maxEventSize: number;
  /** The current line, not yet ended. */
  #line = "";
  /** The last chunk ended in CR: an LF at the start of the next belongs to the same line end. */
  #afterCR = false;
  /** The current line outgrew the limit: the rest of it, up to its end, is skipped. */
  #skippingLine = false;
  #data = "";
  #eventType = "";
  #idBuffer = "";
  #oversized = false;
  #lastEventId = "";
  #retry: number | undefined;

  constructor(options: SseDecoderOptions = {}) {
    const limit = options.maxEventSize;
    this.#maxEventSize = typeof limit === "number" && limit >= 0 ? limit : Number.POSITIVE_INFINITY;
  }

  /** The last event ID of the stream, as of the last dispatch (`""` when none was given). */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** The reconnection time the stream asked for with a `retry:` field, in milliseconds, if any. */
  get retry(): number | undefined {
    return this.#retry;
  }

  /** Decodes the next chunk of bytes; returns the messages it completes, in order. */
  push(chunk: Uint8Array): SseMessage[] {
    const out: SseMessage[] = [];
    this.#feed(this.#text.decode(chunk, { stream: true }), out);
    return out;
  }

  /**
   * The stream has ended: drops the unfinished line and event (the standard never dispatches
   * an event without its blank line) and makes the decoder ready for a new stream.
   */
  end(): void {
    this.#text.decode(); // flushes a cut-off character, which belongs to the dropped line anyway
    this.#line = "";
    this.#afterCR = false;
    this.#skippingLine = false;
    this.#data = "";
    this.#eventType = "";
    this.#idBuffer = "";
    this.#oversized = false;
  }

  #feed(text: string, out: SseMessage[]): void {
    let start = 0;
    if (this.#afterCR && text.length > 0) {
      this.#afterCR = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      const line = this.#line + text.slice(start, i);
      this.#line = "";
      if (this.#skippingLine) this.#skippingLine = false;
      else if (line.length > this.#maxEventSize)
        this.#spoil(); // the same whether it came in one chunk or many
      else this.#processLine(line, out);
      if (c === CR) {
        if (i + 1 === text.length) this.#afterCR = true;
        else if (text.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    if (start < text.length && !this.#skippingLine) this.#line += text.slice(start);
    if (this.#line.length + this.#data.length > this.#maxEventSize) {
      // Mid-line: the rest of this line is skipped when it comes, and the event is spoiled.
      this.#spoil();
      if (this.#line.length > 0) {
        this.#line = "";
        this.#skippingLine = true;
      }
    }
  }

  /** The current event is over the limit: its data is dropped, and it is dispatched as `oversized`. */
  #spoil(): void {
    this.#oversized = true;
    this.#data = "";
  }

  #processLine(line: string, out: SseMessage[]): void {
    if (line.length === 0) return this.#dispatch(out);
    if (line.charCodeAt(0) === 0x3a /* : */) return; // a comment: keep-alives look like this
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20 /* space */) value = value.slice(1);
    switch (field) {
      case "event":
        this.#eventType = value;
        break;
      case "data":
        if (this.#oversized) break;
        this.#data += value + "\n";
        if (this.#data.length > this.#maxEventSize) this.#spoil();
        break;
      case "id":
        if (!value.includes("\0")) this.#idBuffer = value;
        break;
      case "retry":
        if (/^[0-9]+$/.test(value)) this.#retry = Number(value);
        break;
      // Any other field is ignored, as the standard says.
    }
  }

  #dispatch(out: SseMessage[]): void {
    this.#lastEventId = this.#idBuffer;
    const event = this.#eventType === "" ? "message" : this.#eventType;
    this.#eventType = "";
    if (this.#oversized) {
      this.#oversized = false;
      out.push({ event, data: "", lastEventId: this.#lastEventId, oversized: true });
      return;
    }
    if (this.#data === "") return; // nothing to deliver: an event of only comments, `event:` or `id:`
    const data = this.#data.slice(0, -1); // the last data line's "\n" is not part of the data
    this.#data = "";
    out.push({ event, data, lastEventId: this.#lastEventId });
  }
}
