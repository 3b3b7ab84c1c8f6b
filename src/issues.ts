// Turns the generated validators' Ajv errors into ValidationIssues: one per offending
// value, with a stable code and a message that says what was expected and what was found.
import { DEFAULTS, EVENT_TYPES, EXPECTATIONS } from "../generated/constants.js";
import type { AjvError } from "../generated/validators.js";
import { describeValue } from "./describe.js";
import { escapePointer, MAX_NESTING_DEPTH, type EngineJsonViolation } from "./rules/index.js";
import type { EventType, IssueCode, ValidationIssue } from "./types.js";

/** Ajv keyword -> issue code, for errors at a known field. */
const CODES: Record<string, IssueCode> = {
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

/** When Ajv reports several errors for one value, the code of the most basic one wins. */
const PRIORITY: IssueCode[] = ["type", "range", "enum", "format"];

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
        issues.push({
          path: `${error.instancePath}/${escapePointer(field)}`,
          code: "required",
          message: `is required: ${EXPECTATIONS[type][field] ?? "a value"}`,
        });
        break;
      }
      case "additionalProperties": {
        const field = error.params.additionalProperty as string;
        issues.push({
          path: `${error.instancePath}/${escapePointer(field)}`,
          code: "additional_property",
          message: `is not a field of ${type ?? "this event"} (strict mode refuses fields the schema does not name)`,
        });
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
          if (PRIORITY.indexOf(code) < PRIORITY.indexOf(existing.code)) existing.code = code;
          break;
        }
        const issue = fieldIssue(path, code, type, input);
        byPath.set(path, issue);
        issues.push(issue);
      }
    }
  }
  if (issues.length === 0) issues.push({ path: "", code: "type", message: "is not a valid event" }); // never expected: a safety net
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
    return {
      path: "/type",
      code: "required",
      message: `is required: every event names its variant, one of ${EVENT_TYPES.join(", ")}`,
    };
  if (typeof tag !== "string")
    return {
      path: "/type",
      code: "type",
      message: `must be a string naming the event type, got ${describeValue(tag)}`,
    };
  const hint = suggestion(tag);
  return {
    path: "/type",
    code: "unknown_event_type",
    message: `names no known event type, got ${describeValue(tag)}${hint ? `; did you mean "${hint}"?` : ""} (known: ${EVENT_TYPES.join(", ")})`,
  };
}

/** A known type that differs from `tag` only in case, spacing, or - versus _ (RunCreated, run-created, " run_created"). */
function suggestion(tag: string): string | undefined {
  const simple = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");
  return EVENT_TYPES.find((known) => simple(known) === simple(tag));
}

function fieldIssue(path: string, code: IssueCode, type: EventType | undefined, input: unknown): ValidationIssue {
  const field = path.split("/")[1] ?? "";
  const expected = type === undefined ? undefined : EXPECTATIONS[type][field];
  const value = path === "" ? input : (input as Record<string, unknown>)[field];
  if (path === "")
    return {
      path,
      code,
      message: `must be a JSON object (an event), got ${describeValue(value)}`,
    };
  return {
    path,
    code,
    message: `must be ${expected ?? "valid"}, got ${describeValue(value)}`,
  };
}

function engineJsonIssue({ path, rule, found }: EngineJsonViolation): ValidationIssue {
  switch (rule) {
    case "invalid_unicode":
      return {
        path,
        code: "invalid_unicode",
        message: `must be valid Unicode, but holds a lone surrogate at index ${lonePosition(found as string)}: ${describeValue(found)}`,
      };
    case "non_finite":
      return {
        path,
        code: "range",
        message: `must be a finite number, got ${describeValue(found)}`,
      };
    case "too_deep":
      return {
        path,
        code: "too_deep",
        message: `nests deeper than ${MAX_NESTING_DEPTH} levels, the most the engine reads`,
      };
    default:
      return {
        path,
        code: "type",
        message: `must be JSON data (a string, number, boolean, null, array or plain object), got ${describeValue(found)}`,
      };
  }
}

function lonePosition(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}
