// Turns the generated validators' Ajv errors into ValidationIssues: one per offending
// value, with a stable code and a message that says what was expected and what was found.
import { DEFAULTS, EVENT_TYPES, EXPECTATIONS } from "../../generated/constants.js";
import type { AjvError } from "../../generated/validators.js";
import { escapePointer, type EngineJsonViolation } from "../rules/index.js";
import type { EventType, ValidationIssue } from "../types.js";
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
 * The issues of a value that a generated validator refused, from its `errors`; never empty.
 * When Ajv reports several errors for one value, the code of the most basic one wins (the
 * order of MISMATCH_CODES).
 */
export function issuesFromErrors(errors: readonly AjvError[], input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const byPath = new Map<string, ValidationIssue>();
  const engineJsonPaths = new Set<string>();
  const type = eventTypeOf(input);
  for (const error of errors) {
    switch (error.keyword) {
      case "discriminator":
        issues.push(tagIssue(input));
        break;
      case "required": {
        const field = error.params.missingProperty as string;
        if (type === undefined) break; // reported by the discriminator
        if (field in (DEFAULTS[type] ?? {})) break;
        issues.push(
          requiredIssue(`${error.instancePath}/${escapePointer(field)}`, EXPECTATIONS[type][field] ?? "a value"),
        );
        break;
      }
      case "additionalProperties": {
        const field = error.params.additionalProperty as string;
        issues.push(additionalPropertyIssue(`${error.instancePath}/${escapePointer(field)}`, type ?? "this event"));
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
        const existing = byPath.get(path);
        if (existing) {
          if (MISMATCH_CODES.indexOf(code) < MISMATCH_CODES.indexOf(existing.code as MismatchCode))
            existing.code = code;
          break;
        }
        const issue = fieldIssue(path, code, type, input);
        byPath.set(path, issue);
        issues.push(issue);
      }
    }
  }
  if (issues.length === 0) issues.push(notAnEventIssue()); // never expected: a safety net
  return issues;
}

function eventTypeOf(input: unknown): EventType | undefined {
  if (input === null || typeof input !== "object") return undefined;
  const type = (input as { type?: unknown }).type;
  return (EVENT_TYPES as readonly unknown[]).includes(type) ? (type as EventType) : undefined;
}

function tagIssue(input: unknown): ValidationIssue {
  const tag = (input as { type?: unknown }).type;
  if (tag === undefined)
    return requiredIssue("/type", `every event names its variant, one of ${EVENT_TYPES.join(", ")}`);
  if (typeof tag !== "string") return mismatchIssue("/type", "type", "a string naming the event type", tag);
  return unknownEventTypeIssue(tag, suggestion(tag));
}

/** A known type that differs from `tag` only in case, spacing, or - versus _ (RunCreated, run-created, " run_created"). */
function suggestion(tag: string): string | undefined {
  const simple = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");
  return EVENT_TYPES.find((known) => simple(known) === simple(tag));
}

function fieldIssue(path: string, code: MismatchCode, type: EventType | undefined, input: unknown): ValidationIssue {
  const field = path.split("/")[1] ?? "";
  const expected = type === undefined ? undefined : EXPECTATIONS[type][field];
  const value = path === "" ? input : (input as Record<string, unknown>)[field];
  return mismatchIssue(path, code, expected, value);
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
