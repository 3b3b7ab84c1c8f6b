// Reading JSON text as the engine's reader (serde_json) does, for the text path: what a text
// says that the value `JSON.parse` made of it hides (the pre-check, then the full scan), and
// where and why a text is not JSON at all. Every issue it reports is written by src/issues/.
export { needsTextScan } from "./needs-scan.js";
export { textIssues } from "./scan.js";
export { jsonLineIssue, jsonTextIssue, notUtf8Issue } from "./syntax-error.js";
