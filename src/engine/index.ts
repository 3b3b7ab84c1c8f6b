// Which engine format reads an event: the one owner of "which format". The format table, the
// resolution of an `engine` option, and the public list of what is modelled.
export { FORMATS, NEWEST } from "./formats.js";
export type { DefaultPlan, Filling, Format, FormatValidator, IntegerKey, NumberField } from "./formats.js";
export { resolveFormat } from "./versions.js";
export { formatIndex, formatRange, formatTable, rangeOfType } from "./version-table.js";
export type { FormatTable } from "./version-table.js";
export { formatFor } from "./for-caller.js";
export { ENGINE_FORMATS, ENGINE_VERSION } from "./engine-formats.js";
export type { EngineFormatInfo } from "./engine-formats.js";
