// What happens to each NDJSON line the splitter cuts: blank lines skipped, bytes that are not
// UTF-8 refused, the rest handed to the sink as text.
import { isUtf8 } from "node:buffer";
import { notUtf8Issue } from "../../engine-text/index.js";
import { tooLargeIssue } from "../../issues/index.js";
import type { LineHandler } from "./line-splitter.js";
import { isSpace } from "./sniff-layout.js";
import type { EventSink } from "./event-sink.js";

/**
 * NDJSON lines to the sink: blank lines skipped, a byte order mark dropped from line 1 when
 * `atStart` (the lines are the start of the file, not a block from its middle).
 */
export function lineHandler(sink: EventSink, maxSize: number, { atStart }: { atStart: boolean }): LineHandler {
  return {
    line(bytes, start, end, lineNumber) {
      if (end === start) return true;
      const first = bytes[start]!;
      if (first === 0x20 || first === 0x09 || first === 0x0d) {
        let i = start + 1;
        while (i < end && isSpace(bytes[i]!)) i++;
        if (i === end) return true; // only spaces
      }
      let text = bytes.toString(undefined, start, end); // undefined: UTF-8, without looking the encoding up
      if (lineNumber === 1 && atStart && text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        if (text.trim() === "") return true;
      }
      // Invalid UTF-8 decodes to U+FFFD; only then is it worth checking the bytes.
      if (text.indexOf("\ufffd") !== -1 && !isUtf8(bytes.subarray(start, end)))
        return sink.failure(notUtf8Issue(text, lineNumber), lineNumber);
      return sink.text(text, lineNumber);
    },
    tooLarge(size, lineNumber) {
      return sink.failure(tooLargeIssue(maxSize, "--max-size", { bytes: size, exact: true }, "line"), lineNumber);
    },
  };
}
