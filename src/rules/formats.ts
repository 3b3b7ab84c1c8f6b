// The formats the schemas use, by name: a function of a string, or for a number's format
// (Ajv's shape of a format definition) its type and check. The validators of the full path
// (schema-validator.ts) check a format only on values of its type, as Ajv does.
import { isAssignee } from "./assignee.js";
import { isTimestamp } from "./timestamp.js";
import { isUint32 } from "./uint32.js";
import { isUint64 } from "./uint64.js";
import { isUuid } from "./uuid.js";

/**
 * Each format by its name in the schemas.
 * @example
 * formats.uuid("0b6e6bb1-6a4f-4b8f-9f5c-2b1d1c9d6b0e"); // true
 */
export const formats = {
  uuid: isUuid,
  "date-time": isTimestamp,
  uint64: { type: "number" as const, validate: isUint64 },
  uint32: { type: "number" as const, validate: isUint32 },
  assignee: isAssignee,
};
