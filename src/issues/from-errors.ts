// Turns the generated validators' Ajv errors into ValidationIssues: one per offending
// value, with a stable code and a message that says what was expected and what was found.
import type { AjvError } from "../../generated/validators.js";
import { rangeOfType, type DefaultPlan, type Format } from "../engine/index.js";
import { escapePointer, type EngineJsonViolation } from "../rules/index.js";
import type { ValidationIssue } from "../types.js";
import {
  additionalPropertyIssue,
  invalidUnicodeIssue,
  MISMATCH_CODES,
  mismatchIssue,
  nonFiniteIssue,
  notAnEventIssue,
  notJsonDataIssue,
  requiredIssue,
  tooDeepIssue,
  unknownEventTypeIssue,
  type MismatchCode,
} from "./make.js";

/** Ajv keyword -> issue code, for errors at a known field. */
const CODES: Record<string, MismatchCode> = {
  type: "type",
  anyOf: "type",
  const: "type",
  enum: "enum",
  format: "format",
  pattern: "format",
  minimum: "range",
  maximum: "range",
  exclusiveMinimum: "range",
  exclusiveMaximum: "range",
};

/**
 * The issues of a value that a generated validator of `format` refused, from its `errors`;
 * never empty. When Ajv reports several errors for one value, the code of the most basic one
 * wins (the order of MISMATCH_CODES), except that the `type` error of one alternative of an
 * `anyOf` (an assignee, or null) does not hide what is wrong with the value of the other, nor
 * adds an issue of its own to what is wrong inside an object that the other takes.
 */
export function issuesFromErrors(errors: readonly AjvError[], input: unknown, format: Format): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const byPath = new Map<string, ValidationIssue>();
  const engineJsonPaths = new Set<string>();
  const type = eventTypeOf(input, format);
  for (const error of errors) {
    switch (error.keyword) {
      case "discriminator":
        issues.push(tagIssue(input, format));
        break;
      case "required": {
        const field = error.params.missingProperty as string;
        if (type === undefined) break; // reported by the discriminator
        const path = `${error.instancePath}/${escapePointer(field)}`;
        if (isDefaulted(format.defaults[type], path)) break;
        issues.push(requiredIssue(path, expectationAt(format, type, path) ?? "a value"));
        break;
      }
      case "additionalProperties": {
        const field = error.params.additionalProperty as string;
        const owner =
          type === undefined ? "this event" : error.instancePath === "" ? type : `the ${type} at ${error.instancePath}`;
        issues.push(additionalPropertyIssue(`${error.instancePath}/${escapePointer(field)}`, owner));
        break;
      }
      case "x-engine-json":
        // These come first (the keyword sits at the variant's root) and say most precisely
        // what is wrong; a type or range error Ajv adds for the same value is left out.
        for (const violation of error.params.violations as EngineJsonViolation[]) {
          engineJsonPaths.add(violation.path);
          issues.push(engineJsonIssue(violation));
        }
        break;
      default: {
        const path = error.instancePath;
        if (engineJsonPaths.has(path)) break;
        const code = CODES[error.keyword] ?? "type";
        // An object (or array) that one alternative takes, with something wrong inside: the
        // issue inside says it; the other alternative's type error (null) would only add noise.
        if (isAlternative(error) && issues.some((issue) => issue.path.startsWith(`${path}/`))) break;
        const existing = byPath.get(path);
        if (existing) {
          if (
            !(code === "type" && isAlternative(error)) &&
            MISMATCH_CODES.indexOf(code) < MISMATCH_CODES.indexOf(existing.code as MismatchCode)
          )
            existing.code = code;
          break;
        }
        const issue = fieldIssue(path, code, type, input, format);
        byPath.set(path, issue);
        issues.push(issue);
      }
    }
  }
  if (issues.length === 0) issues.push(notAnEventIssue()); // never expected: a safety net
  return issues;
}

/** An error of one alternative of an `anyOf`, or of the `anyOf` itself. */
function isAlternative(error: AjvError): boolean {
  return error.keyword === "anyOf" || error.schemaPath.includes("/anyOf/");
}

function eventTypeOf(input: unknown, format: Format): string | undefined {
  if (input === null || typeof input !== "object") return undefined;
  const type = (input as { type?: unknown }).type;
  return (format.eventTypes as readonly unknown[]).includes(type) ? (type as string) : undefined;
}

function tagIssue(input: unknown, format: Format): ValidationIssue {
  const tag = (input as { type?: unknown }).type;
  if (tag === undefined)
    return requiredIssue("/type", `every event names its variant, one of ${format.eventTypes.join(", ")}`);
  if (typeof tag !== "string") return mismatchIssue("/type", "type", "a string naming the event type", tag);
  return unknownEventTypeIssue(tag, format, suggestion(tag, format), rangeOfType(tag));
}

/** A known type that differs from `tag` only in case, spacing, or - versus _ (RunCreated, run-created, " run_created"). */
function suggestion(tag: string, format: Format): string | undefined {
  const simple = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");
  return format.eventTypes.find((known) => simple(known) === simple(tag));
}

function fieldIssue(
  path: string,
  code: MismatchCode,
  type: string | undefined,
  input: unknown,
  format: Format,
): ValidationIssue {
  const expected = type === undefined ? undefined : expectationAt(format, type, path);
  return mismatchIssue(path, code, expected, valueAt(input, path));
}

/** The words for what belongs at `path` (a JSON Pointer into an event of `type`), if the schemas have any. */
function expectationAt(format: Format, type: string, path: string): string | undefined {
  const steps = pointerSteps(path);
  if (steps.length === 1) return format.expectations[type]?.[steps[0]!];
  // Nested: by the path with `*` for an array index or a map key ("windows/*/utilization"):
  // each step is the name itself where the table has it, else `*`.
  const nested = format.nestedExpectations[type];
  if (nested === undefined) return undefined;
  const keys = Object.keys(nested);
  const pattern = [steps[0]!];
  for (const step of steps.slice(1)) {
    const named = [...pattern, step].join("/");
    pattern.push(keys.some((key) => key === named || key.startsWith(`${named}/`)) ? step : "*");
  }
  return nested[pattern.join("/")];
}

/** True when the field at `path` has a default in `plan` (the engine reads it absent). */
function isDefaulted(plan: DefaultPlan | undefined, path: string): boolean {
  const steps = pointerSteps(path);
  let at = plan;
  for (let i = 0; i < steps.length - 1 && at !== undefined; i++)
    at = /^(0|[1-9]\d*)$/.test(steps[i]!) ? at.items : at.nested?.[steps[i]!];
  return at?.fields !== undefined && steps.at(-1)! in at.fields;
}

/** The value at `path` (a JSON Pointer) in `input`, undefined where there is none. */
function valueAt(input: unknown, path: string): unknown {
  let at = input;
  for (const step of pointerSteps(path)) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[step];
  }
  return at;
}

/** The unescaped steps of a JSON Pointer: "/a~1b/0" is ["a/b", "0"]. */
function pointerSteps(path: string): string[] {
  return path === ""
    ? []
    : path
        .slice(1)
        .split("/")
        .map((step) => step.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function engineJsonIssue({ path, rule, found }: EngineJsonViolation): ValidationIssue {
  switch (rule) {
    case "invalid_unicode":
      return invalidUnicodeIssue(path, found as string);
    case "non_finite":
      return nonFiniteIssue(path, found);
    case "too_deep":
      return tooDeepIssue(path);
    default:
      return notJsonDataIssue(path, found);
  }
}
