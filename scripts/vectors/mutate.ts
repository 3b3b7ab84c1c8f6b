// The near misses: engine-written events with ONE thing changed, each named by its class
// (`case`). Every class is made at least once per format, then classes are drawn at random
// until the format's count is reached. Which of them the engine accepts is the oracle's to say.
import { mulberry32 } from "../../src/testing/random.js";
import type { Field, FormatShape, Kind } from "./formats.js";
import {
  appendMembers,
  arrayItems,
  arrayText,
  editAt,
  hasDuplicateKey,
  keyOf,
  objectMembers,
  objectText,
  valueAt,
  type Step,
} from "./json-text.js";
import { EXTRA_VALUES, hiddenIntegerSpellings, typeMisspellings, valuesOf, WRONG_TYPES } from "./values.js";

/** An input before the oracle has judged it. */
export interface Candidate {
  json: string;
  case: string;
  /** It differs from an accepted input only in what JSON.parse erases. */
  same_after_json_parse?: true;
}

/** An engine-written event to change. */
export interface Base {
  type: string;
  text: string;
}

type Random = () => number;

interface Task {
  case: string;
  /** The event types it applies to. */
  types: readonly string[];
  /** Which bases of those types it can use (all when absent). */
  usable?: (base: Base) => boolean;
  /** The input, or the input and the class it turned out to be. */
  make: (base: Base, random: Random) => string | { json: string; case: string };
  hidden?: true;
}

/** Bases longer than this are used only when a type has no shorter one: the files stay small. */
const SHORT_BASE = 1500;

/** The class name of a field kind in `set:<kind>` (the 2.14 names where they exist). */
function kindCase(kind: Kind): string {
  if (kind === "opt_str") return "str";
  if (kind === "opt_uuid") return "uuid";
  if (kind === "opt_date") return "date";
  return kind;
}

/** hiddenIntegerSpellings gives at most this many spellings of one value. */
const MOST_HIDDEN_SPELLINGS = 9;

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/** The values a field of `kind` is set to: the kind's own list and every wrong JSON type. */
function setValues(kind: Kind, statuses: readonly string[]): string[] {
  return unique([...valuesOf(kind, statuses), ...WRONG_TYPES]);
}

const pick = <T>(random: Random, from: readonly T[]): T => from[Math.floor(random() * from.length)]!;

/** The tasks that change the field at `path` (relative to the event) of `field`'s kind. */
function fieldTasks(
  prefix: string,
  types: readonly string[],
  field: Field,
  path: (base: Base, random: Random) => Step[],
  statuses: readonly string[],
  usable?: (base: Base) => boolean,
): Task[] {
  const tasks: Task[] = [];
  const at = (base: Base, random: Random) => [...path(base, random), field.name];
  tasks.push({
    case: `${prefix}drop:${field.name}`,
    types,
    usable,
    make: (base, random) => editAt(base.text, at(base, random), () => undefined),
  });
  for (const value of setValues(field.kind, statuses)) {
    const task: Task = {
      case: `${prefix}set:${kindCase(field.kind)}`,
      types,
      usable,
      make: (base, random) => editAt(base.text, at(base, random), () => value),
    };
    tasks.push(hasDuplicateKey(value) ? { ...task, hidden: true } : task);
  }
  if (field.kind === "u64" || field.kind === "u32") {
    const kind = field.kind;
    for (let i = 0; i < MOST_HIDDEN_SPELLINGS; i++)
      tasks.push({
        case: `${prefix}floatsyntax`,
        types,
        usable,
        hidden: true,
        make: (base, random) => {
          let spelling = "";
          const json = editAt(base.text, at(base, random), (raw) => {
            const spellings = hiddenIntegerSpellings(raw!, kind);
            spelling = spellings[i % spellings.length]!;
            return spelling;
          });
          // digits only: an integer past 2^53 that JSON.parse rounds onto a valid one
          return { json, case: `${prefix}${/^[0-9]+$/.test(spelling) ? kind : "floatsyntax"}` };
        },
      });
  }
  tasks.push({
    case: `${prefix}dupkey`,
    types,
    usable,
    hidden: true,
    make: (base, random) => {
      const where = path(base, random);
      const value = valueAt(base.text, [...where, field.name])!;
      return appendMembers(base.text, where, [{ rawKey: JSON.stringify(field.name), value }]);
    },
  });
  return tasks;
}

/** The tasks of the nested objects of 2.52: a `requirement` object, a `windows` item. */
function nestedTasks(shape: FormatShape): Task[] {
  const tasks: Task[] = [];
  const { requirement, window } = shape.nested;
  if (requirement !== undefined) {
    const types = Object.entries(shape.variants)
      .filter(([, fields]) => fields.some((x) => x.kind === "requirement"))
      .map(([type]) => type);
    const usable = (base: Base) => valueAt(base.text, ["requirement"])!.startsWith("{");
    const path = () => ["requirement"];
    for (const field of requirement)
      tasks.push(...fieldTasks("requirement.", types, field, path, shape.statuses, usable));
    for (const value of EXTRA_VALUES)
      tasks.push({
        case: "requirement.extra",
        types,
        usable,
        make: (base) => appendMembers(base.text, ["requirement"], [{ rawKey: '"extra_field"', value }]),
      });
    tasks.push({
      case: "requirement.notobject",
      types,
      usable,
      make: (base) => editAt(base.text, ["requirement"], (raw) => arrayText(objectMembers(raw!).map((m) => m.value))),
    });
  }
  if (window !== undefined) {
    const type = "provider_account.usage_updated";
    const usable = (base: Base) => arrayItems(valueAt(base.text, ["windows"])!).length > 0;
    const path = (base: Base, random: Random): Step[] => [
      "windows",
      Math.floor(random() * arrayItems(valueAt(base.text, ["windows"])!).length),
    ];
    for (const field of window) tasks.push(...fieldTasks("windows[].", [type], field, path, shape.statuses, usable));
    for (const value of EXTRA_VALUES)
      tasks.push({
        case: "windows[].extra",
        types: [type],
        usable,
        make: (base, random) => appendMembers(base.text, path(base, random), [{ rawKey: '"extra_field"', value }]),
      });
    tasks.push({
      case: "windows[].notobject",
      types: [type],
      usable,
      make: (base, random) =>
        editAt(base.text, path(base, random), (raw) => arrayText(objectMembers(raw!).map((m) => m.value))),
    });
    tasks.push({
      case: "windows[].duplicate_item",
      types: [type],
      usable,
      make: (base) => editAt(base.text, ["windows"], (raw) => arrayText([...arrayItems(raw!), arrayItems(raw!)[0]!])),
    });
  }
  return tasks;
}

/** The tasks that change the event as a whole: its `type`, its shape, extra and duplicate keys. */
function eventTasks(type: string): Task[] {
  const types = [type];
  const tasks: Task[] = [];
  tasks.push({ case: "notype", types, make: (base) => editAt(base.text, ["type"], () => undefined) });
  for (const name of [...typeMisspellings(type).map((t) => JSON.stringify(t)), "1", "null", "true", "{}", "[]"])
    tasks.push({ case: "type", types, make: (base) => editAt(base.text, ["type"], () => name) });
  tasks.push({
    case: "type:last",
    types,
    make: (base) => {
      const members = objectMembers(base.text);
      return objectText([...members.filter((m) => keyOf(m) !== "type"), ...members.filter((m) => keyOf(m) === "type")]);
    },
  });
  tasks.push({
    case: "notobject",
    types,
    make: (base) => arrayText(objectMembers(base.text).map((m) => m.value)),
  });
  for (const value of EXTRA_VALUES)
    tasks.push({
      case: "extra",
      types,
      make: (base) => appendMembers(base.text, [], [{ rawKey: '"extra_field"', value }]),
    });
  for (const rawKey of ['"Type"', '""', '"\\u0000"', '"__proto__"'])
    tasks.push({ case: "extra", types, make: (base) => appendMembers(base.text, [], [{ rawKey, value: "1" }]) });
  tasks.push({
    case: "dupkey",
    types,
    hidden: true,
    make: (base) => appendMembers(base.text, [], [{ rawKey: '"\\u0074ype"', value: JSON.stringify(type) }]),
  });
  return tasks;
}

/** The inputs that are not an object at all: one each, on any base. */
function rootTasks(types: readonly string[]): Task[] {
  return ['"x"', "1", "[]", "null", "true", "{}", `"${"x".repeat(10)}"`].map((value) => ({
    case: "notobject",
    types,
    make: () => value,
  }));
}

/** Every task of a format. */
export function tasksOf(shape: FormatShape): Task[] {
  const tasks: Task[] = [];
  const types = Object.keys(shape.variants);
  for (const [type, fields] of Object.entries(shape.variants)) {
    tasks.push(...eventTasks(type));
    for (const field of fields) tasks.push(...fieldTasks("", [type], field, () => [], shape.statuses));
  }
  tasks.push(...nestedTasks(shape), ...rootTasks(types));
  return tasks;
}

/**
 * The near misses of a format: every task once, then a class and one of its tasks drawn at
 * random until `count`, each on a random base of its types (a short one where there is any).
 */
export function nearMisses(shape: FormatShape, bases: readonly Base[], count: number, seed: number): Candidate[] {
  const random = mulberry32(seed);
  const tasks = tasksOf(shape);
  const byType = new Map<string, Base[]>();
  for (const base of bases) byType.set(base.type, [...(byType.get(base.type) ?? []), base]);
  const basesFor = (task: Task): Base[] => {
    const all = task.types.flatMap((type) => byType.get(type) ?? []).filter((b) => task.usable?.(b) ?? true);
    const short = all.filter((b) => b.text.length <= SHORT_BASE);
    return short.length > 0 ? short : all;
  };
  const out: Candidate[] = [];
  const run = (task: Task) => {
    const candidates = basesFor(task);
    if (candidates.length === 0) throw new Error(`no base for ${task.case} (${task.types.join(", ")})`);
    const base = pick(random, candidates);
    const made = task.make(base, random);
    const { json, case: name } = typeof made === "string" ? { json: made, case: task.case } : made;
    if (/[\n\r]/.test(json)) throw new Error(`a raw line break in ${name}: ${json.slice(0, 200)}`);
    out.push(task.hidden ? { json, case: name, same_after_json_parse: true } : { json, case: name });
  };
  for (const task of tasks) run(task);
  // the rest drawn class by class, so that a class of few values gets as many rows as one of many
  const byCase = new Map<string, Task[]>();
  for (const task of tasks) byCase.set(task.case, [...(byCase.get(task.case) ?? []), task]);
  const classes = [...byCase.values()];
  while (out.length < count) run(pick(random, pick(random, classes)));
  return out;
}
