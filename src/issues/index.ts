// Issues: the list of codes, one constructor per code, and the reading of validator errors.
// Every producer of a ValidationIssue imports from here.
export { ISSUE_CODES } from "./codes.js";
export * from "./make.js";
export { issuesFromErrors } from "./from-errors.js";
export { typeIsUnknown } from "./unknown-type.js";
