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
  /** The stream's last event ID as of this message (see SseDecoder.lastEventId); `""` when none. */
  lastEventId: string;
  /**
   * True when the event outgrew `maxEventSize`: its data was dropped as it came in, and the
   * message only says that an event was there.
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
   * The most characters an event's data (its `data:` values joined with `\n`), and any one
   * `data`, `event`, `id` or `retry` line, may hold. Past it the event's data is dropped unread
   * and the message is dispatched with `oversized: true`, so a server that never ends an event
   * cannot fill the memory. Comments and fields the standard ignores are skipped as they stream
   * in, whatever their length: they are neither kept nor counted. Default: no limit.
   */
  maxEventSize?: number;
  /**
   * The longest `id:` value kept, in bytes of UTF-8. A longer one is ignored, as the standard
   * ignores one holding U+0000: the last event ID stays what it was. A client sends the last
   * event ID back as a request header, and a header of some kilobytes makes servers and proxies
   * refuse the request (431, or 400) on every reconnect. Default: no limit, as the standard says.
   */
  maxIdLength?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;

/** The fields the standard reads; a line naming any other is ignored. */
const FIELDS = ["data", "event", "id", "retry"] as const;
type Field = (typeof FIELDS)[number];

/**
 * Turns the bytes of an event stream into messages. Chunks may be cut anywhere, even inside a
 * UTF-8 character or between the CR and LF of a line end.
 *
 * Follows the standard: a leading BOM is skipped; lines end at CRLF, LF or CR; a line starting
 * with `:` is a comment (keep-alive); `event`, `data`, `id` and `retry` fields are read, with one
 * space after the colon removed, and other fields ignored; an event is dispatched only at a
 * blank line and only when it had data. Bytes that are not UTF-8 read as U+FFFD.
 *
 * The last event ID is the standard's "last event ID buffer": an `id:` field sets it (unless
 * its value holds U+0000), and the blank line that ends its block makes it the stream's
 * lastEventId, whether or not that block had data. It holds until another `id:` field changes
 * it, across end(): one decoder, reused for each connection of a reconnecting client, knows
 * the `Last-Event-ID` to send, as an EventSource does. So does `retry`, the reconnection time.
 * @example
 * const decoder = new SseDecoder();
 * for await (const chunk of response.body) {
 *   for (const message of decoder.push(chunk)) console.log(message.event, message.data);
 * }
 * decoder.end(); // drops an event the connection cut in the middle
 * const headers = decoder.lastEventId === "" ? {} : { "Last-Event-ID": decoder.lastEventId };
 */
export class SseDecoder {
  readonly #text = new TextDecoder("utf-8"); // not fatal: bad bytes become U+FFFD, as the standard says
  readonly #maxEventSize: number;
  readonly #maxIdLength: number;
  /** The current line, not yet ended: only ever the start of a field the standard reads. */
  #line = "";
  /** The last chunk ended in CR: an LF at the start of the next belongs to the same line end. */
  #afterCR = false;
  /** The current line is ignored (a comment, another field) or over the limit: the rest of it, up to its end, is skipped. */
  #skippingLine = false;
  #data = "";
  #eventType = "";
  /** The standard's last event ID buffer: set by `id:`, made the lastEventId at a blank line. */
  #idBuffer = "";
  #oversized = false;
  #lastEventId = "";
  #retry: number | undefined;

  constructor(options: SseDecoderOptions = {}) {
    const limit = options.maxEventSize;
    this.#maxEventSize = typeof limit === "number" && limit >= 0 ? limit : Number.POSITIVE_INFINITY;
    const idLimit = options.maxIdLength;
    this.#maxIdLength = typeof idLimit === "number" && idLimit >= 0 ? idLimit : Number.POSITIVE_INFINITY;
  }

  /**
   * The last event ID: the value of the last `id:` field whose block ended with a blank line
   * (`""` when none, or after an empty `id:`). A reconnecting client sends it as `Last-Event-ID`.
   */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** The reconnection time the stream asked for with its last valid `retry:` field, in milliseconds, if any. */
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
   * an event without its blank line), with an `id:` of that event, and makes the decoder ready
   * for the next stream. lastEventId and retry stay, as the standard keeps them for the next
   * connection.
   */
  end(): void {
    this.#text.decode(); // flushes a cut-off character (it belongs to the dropped line) and re-arms the BOM check
    this.#line = "";
    this.#afterCR = false;
    this.#skippingLine = false;
    this.#data = "";
    this.#eventType = "";
    this.#idBuffer = this.#lastEventId;
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
      if (this.#skippingLine) this.#skippingLine = false;
      else this.#processLine(this.#line + text.slice(start, i), out);
      this.#line = "";
      if (c === CR) {
        if (i + 1 === text.length) this.#afterCR = true;
        else if (text.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    if (start < text.length && !this.#skippingLine) {
      this.#line += text.slice(start);
      this.#checkOpenLine();
    }
  }

  /**
   * Decides, as soon as its start shows it, what becomes of a line not yet ended: an ignored one
   * is skipped from here on, unkept; a field over the limit spoils the event and is skipped too.
   * The same verdict as at the line's end, so it does not depend on where chunks are cut.
   */
  #checkOpenLine(): void {
    const field = fieldOf(this.#line, false);
    if (field === undefined) return; // "da", "ret": the start of a field, too short to tell
    if (field === null) this.#skip();
    else if (this.#overLimit(field, this.#line)) {
      this.#spoil();
      this.#skip();
    }
  }

  #skip(): void {
    this.#line = "";
    this.#skippingLine = true;
  }

  /**
   * Whether a line of `field` (perhaps only its start) breaks the limit: the line itself is
   * longer, or, for data, the event's data with this line's value added would be.
   */
  #overLimit(field: Field, line: string): boolean {
    if (line.length > this.#maxEventSize) return true;
    return field === "data" && this.#data.length + valueOf(line).length > this.#maxEventSize;
  }

  /** The current event is over the limit: its data is dropped, and it is dispatched as `oversized`. */
  #spoil(): void {
    this.#oversized = true;
    this.#data = "";
  }

  #processLine(line: string, out: SseMessage[]): void {
    if (line.length === 0) return this.#dispatch(out);
    const field = fieldOf(line, true);
    if (field === null || field === undefined) return; // a comment (keep-alives look like this) or another field
    if (this.#overLimit(field, line)) return this.#spoil();
    const value = valueOf(line);
    switch (field) {
      case "event":
        this.#eventType = value;
        break;
      case "data":
        if (!this.#oversized) this.#data += value + "\n";
        break;
      case "id":
        if (!value.includes("\0") && utf8Length(value, this.#maxIdLength) <= this.#maxIdLength) this.#idBuffer = value;
        break;
      case "retry":
        if (/^[0-9]+$/.test(value)) this.#retry = Number(value);
        break;
    }
  }

  #dispatch(out: SseMessage[]): void {
    this.#lastEventId = this.#idBuffer; // even for a block without data: `id: 7` then a blank line moves it
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

/**
 * The field a line names, when the standard reads it, or `null` for a line it ignores (a
 * comment, any other field name). For the start of a line not yet `ended`, `undefined` while
 * it is too short to tell: "data" may go on as "data:", or as "datum" (ignored).
 */
function fieldOf(line: string, ended: boolean): Field | null | undefined {
  if (line.charCodeAt(0) === COLON) return null;
  for (const field of FIELDS) {
    if (line.startsWith(field)) {
      if (line.length === field.length) return ended ? field : undefined; // "data" alone: the field, with an empty value
      if (line.charCodeAt(field.length) === COLON) return field;
    } else if (!ended && field.startsWith(line)) return undefined;
  }
  return null;
}

/**
 * The length of `text` in bytes of UTF-8, counted no further than past `limit`: a value of a
 * megabyte is known to be too long after its first kilobyte.
 */
function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return text.length; // every character is one byte or more
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair: one character of four bytes
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The value of a field line: after the first colon, less one space; `""` without a colon. */
function valueOf(line: string): string {
  const colon = line.indexOf(":");
  if (colon === -1) return "";
  return line.charCodeAt(colon + 1) === SPACE ? line.slice(colon + 2) : line.slice(colon + 1);
}
