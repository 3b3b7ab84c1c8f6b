// A whole JSON document (a .json file, or standard input that starts like one): one event, or
// an array of events, each handed to the sink with the line it starts on.
import { isUtf8 } from "node:buffer";
import { jsonTextIssue, notUtf8Issue } from "../../engine-text/index.js";
import { arrayElementLines, firstLine } from "./array-lines.js";
import type { EventSink } from "./event-sink.js";

/** A whole JSON document: one event, or an array of events. */
export function readDocument(bytes: Buffer, sink: EventSink): void {
  let text = bytes.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.indexOf("\ufffd") !== -1 && !isUtf8(bytes)) {
    const issue = notUtf8Issue(text);
    sink.failure(issue, issue.line ?? 1);
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const issue = jsonTextIssue(text);
    sink.failure(issue, issue.line ?? 1);
    return;
  }
  if (!Array.isArray(value)) {
    sink.value(value, firstLine(text), undefined, text);
    return;
  }
  const lines = arrayElementLines(text, value.length);
  for (let index = 0; index < value.length; index++) if (!sink.value(value[index], lines[index] ?? 1, index)) return;
}
