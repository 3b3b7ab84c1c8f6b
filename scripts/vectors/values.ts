// The values a near miss puts in a field, per kind, as JSON text (numbers spelled exactly). Each
// list holds the engine's own edge values, the spellings it reads but never writes, and wrong
// JSON types; the oracle says which of them the engine accepts.
import type { Kind } from "./formats.js";

const s = (value: string): string => JSON.stringify(value);

/** A string no engine-written event holds: 20,000 characters. */
export const LONG_STRING = "x".repeat(20_000);

const WRONG_TYPES = ["null", "true", "5", s("x"), "[]", "{}"];

const UUID = [
  s("00000000-0000-0000-0000-000000000000"),
  s("67E55044-10B1-426F-9247-BB680E5FE0C8"),
  s("67e5504410b1426f9247bb680e5fe0c8"),
  s("ffffffff-ffff-ffff-ffff-ffffffffffff"),
  s("urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8"),
  s("{67e55044-10b1-426f-9247-bb680e5fe0c8}"),
  s(" 67e55044-10b1-426f-9247-bb680e5fe0c8"),
  s(""),
  s("67e55044-10b1-426f-9247-bb680e5fe0c"),
  s("67e55044-10b1-426f-9247-bb680e5fe0c8\n"),
  s("67e55044-10b1-426f-9247-bb680e5fe0c8a"),
  s("67e55044_10b1_426f_9247_bb680e5fe0c8"),
  s("g7e55044-10b1-426f-9247-bb680e5fe0c8"),
  s("67e55044-10b1-426f-9247bb680e5fe0c8"),
  s("URN:UUID:67e55044-10b1-426f-9247-bb680e5fe0c8"),
  s("{67e5504410b1426f9247bb680e5fe0c8}"),
  "null",
  "5",
  "[]",
  "{}",
];

const DATE = [
  s("+2024-01-01T00:00:00Z"),
  s("0000-01-01T00:00:00Z"),
  s("1969-12-31T23:59:59.999Z"),
  s("2016-12-31T23:59:60Z"),
  s("2024-01-01 00:00:00Z"),
  s("2024-01-01T00:00:00+0100"),
  s("2024-01-01T00:00:00+01:00"),
  s("2024-01-01T00:00:00-23:59"),
  s("2024-01-01T00:00:00.000000000Z"),
  s("2024-01-01T00:00:00.1234567891Z"),
  s("2024-01-01T23:59:60Z"),
  s("2024-01-01t00:00:00z"),
  s("2024-02-29T00:00:00Z"),
  s("2024-1-01T00:00:00Z"),
  s(""),
  s("10000-01-01T00:00:00Z"),
  s("2023-02-29T00:00:00Z"),
  s("2024-01-01T00:00:00"),
  s("2024-01-01T00:00:00+24:00"),
  s("2024-01-01T00:00:00,5Z"),
  s("2024-01-01T00:00:00.Z"),
  s("2024-01-01T00:00:00Zjunk"),
  s("2024-01-01T00:00Z"),
  s("2024-01-01T24:00:00Z"),
  s("2024-02-30T00:00:00Z"),
  s("2024-13-01T00:00:00Z"),
  s("2024-01-01T00:00:00UTC"),
  "null",
  "1704067200",
  "[]",
];

const DEC = [
  s("0.42"),
  s("1_000"),
  s("1e3"),
  "-0.0",
  "-1e-7",
  "-3",
  "0.1234567890123456789012345678901",
  "1.5",
  "123456.789",
  "1e+21",
  "1e-400",
  "1e-7",
  "7.9e28",
  s(""),
  s("abc"),
  "-1e400",
  "-8e28",
  "1e400",
  "7.922816251426434e28",
  "79228162514264337593543950335",
  "-79228162514264337593543950335",
  "79228162514264333195497439232",
  "-79228162514264333195497439232",
  "7.9228162514264330e28",
  "79228162514264337593543950336",
  s("79228162514264337593543950335"),
  s("79228162514264337593543950336"),
  s("-79228162514264337593543950335"),
  "8e28",
  "null",
  "true",
  "[]",
  "{}",
];

const U64 = [
  "0",
  "18446744073709551615",
  "9007199254740991",
  "9007199254740993",
  s("5"),
  "-1",
  "1.5",
  "1e+300",
  "null",
  "true",
  "-0",
  "[]",
  "{}",
];

const U32 = [
  "0",
  "4294967295",
  "4294967296",
  "-1",
  "-0",
  "-0.0",
  "1.5",
  s("1"),
  "null",
  "true",
  "9007199254740993",
  "18446744073709551615",
  "18446744073709551616",
  "[]",
  "{}",
];

const F64 = [
  "0",
  "1",
  "100",
  "-1",
  "0.5",
  "-0.0",
  "-0",
  "1e400",
  "-1e400",
  "1e-400",
  "1.7976931348623157e308",
  "1.7976931348623158e308",
  "179769313486231589e291",
  "0.12345678901234567890123456789",
  "18446744073709551616",
  "123456789012345678901234567890e-30",
  "1E2",
  s("0.5"),
  "null",
  "true",
  "[]",
  "{}",
];

const STR = [
  s(""),
  s("\u0000"),
  s("ok "),
  s(LONG_STRING),
  s("surrogate:\ud800"),
  s("\udc00"),
  s("😀"),
  "null",
  "5",
  "true",
  "[]",
  "{}",
];

const STRS = ["[]", s("a"), "null", "[1]", '["a"]', '["a",null]', '[""]', '["\\ud800"]', '["a","a"]', "{}", '[["a"]]'];

const STATUS_MISSPELLINGS = [
  "PENDING",
  "Pending",
  "awaiting-approval",
  "awaitingApproval",
  "",
  "queued",
  "Warning",
  "SLEEPING",
  "pause",
  "paused ",
  "warn",
  "sleep",
];

const STREAM = [
  s(""),
  s("STDOUT"),
  s("Stdout"),
  s("out"),
  "0",
  "null",
  s("stdout "),
  '{"stdout":null}',
  '{"stderr":{}}',
  '["stdout"]',
];

const KIND = [
  s(""),
  s("Shell"),
  s("custom"),
  s(LONG_STRING),
  "1",
  '["shell"]',
  "null",
  '{"custom":"gitlab"}',
  s("\ud800"),
];

const LABELS = [
  "{}",
  "null",
  "5",
  s("x"),
  "[]",
  '[["a","b"]]',
  '{"a":1}',
  '{"a":null}',
  '{"a":true}',
  '{"a":["x"]}',
  '{"a":{"b":"c"}}',
  '{"a":"1","a":"2"}',
  '{"\\ud800":"x"}',
  '{"a":"\\udfff"}',
  '{"":""}',
  '{"env":"prod","team":"core","region":"eu","tier":"1","a.b/c":"x","日本":"語"}',
  `{${s(LONG_STRING)}:"x"}`,
  '{"a":"\\u0000"}',
];

const REQUIREMENT = [
  "null",
  "{}",
  '{"required_approvers":2}',
  '{"reason":null,"required_approvers":1,"approver_groups":[]}',
  '{"reason":"two keys","required_approvers":2,"approver_groups":["sre","platform"]}',
  '{"rule_index":0,"condition":"amount > 1000","required_approvers":2,"approver_groups":["finance"],"evaluated":[{"index":0,"condition":"amount > 1000","matched":true}]}',
  '{"rule_index":1,"condition":"env == \\"prod\\"","approver_groups":["sre"],"evaluated":[{"index":0,"condition":"x","matched":false},{"index":1,"condition":"env == \\"prod\\"","matched":true}]}',
  '{"reason":"x","approver_groups":[]}',
  "[null,2,[]]",
  '["why",1,["sre"]]',
  "[2]",
  "[]",
  s("x"),
  "5",
  "true",
  '{"required_approvers":2,"required_approvers":3}',
  '{"Required_approvers":2}',
  '{"required_approvers":{"value":2}}',
];

const ASSIGNEE = [
  s("user:x"),
  s("group:x"),
  s("user:"),
  s("USER:x"),
  s("users:x"),
  s("user: x"),
  s("group:"),
  s(":x"),
  s("user:x:y"),
  s("User:x"),
  s(" user:x"),
  s("user:x "),
  s("group:user:x"),
  s("user"),
  s(""),
  s("x"),
  s("user:\ud800"),
  s("group:日本"),
  s("team:x"),
  "null",
  "5",
  "true",
  "[]",
  '{"user":"x"}',
  '["user","x"]',
];

const WINDOWS = [
  "[]",
  "null",
  "{}",
  s("x"),
  "[null]",
  "[5]",
  "[[]]",
  '[{"account_id":"67e55044-10b1-426f-9247-bb680e5fe0c8","window":"five_hour","utilization":0.5,"status":"allowed","observed_at":"2024-01-01T00:00:00Z"}]',
  '[{"account_id":"67e55044-10b1-426f-9247-bb680e5fe0c8","window":"five_hour","utilization":0.5,"resets_at":null,"status":"allowed","model_scope":null,"observed_at":"2024-01-01T00:00:00Z"}]',
  '[["67e55044-10b1-426f-9247-bb680e5fe0c8","five_hour",0.5,null,"allowed",null,"2024-01-01T00:00:00Z"]]',
  '{"0":{"account_id":"67e55044-10b1-426f-9247-bb680e5fe0c8","window":"five_hour","utilization":0.5,"status":"allowed","observed_at":"2024-01-01T00:00:00Z"}}',
];

const UUIDS = [
  "[]",
  "null",
  "{}",
  s("67e55044-10b1-426f-9247-bb680e5fe0c8"),
  '["67e55044-10b1-426f-9247-bb680e5fe0c8"]',
  '["00000000-0000-0000-0000-000000000000"]',
  '["67E55044-10B1-426F-9247-BB680E5FE0C8"]',
  '["{67e55044-10b1-426f-9247-bb680e5fe0c8}"]',
  '["urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8"]',
  '["67e5504410b1426f9247bb680e5fe0c8"]',
  '["67e55044-10b1-426f-9247-bb680e5fe0c"]',
  '["67e55044-10b1-426f-9247-bb680e5fe0c8","67e55044-10b1-426f-9247-bb680e5fe0c8"]',
  '[""]',
  "[1]",
  "[null]",
  '[["67e55044-10b1-426f-9247-bb680e5fe0c8"]]',
];

/** The values of an enum with some spellings of its own and those every enum gets. */
function enumValues(values: string[], misspellings: string[]): string[] {
  const first = values[0]!;
  return [
    ...values.map(s),
    ...misspellings.map(s),
    s(first.toUpperCase()),
    s(first[0]!.toUpperCase() + first.slice(1)),
    s(`${first} `),
    s(""),
    "null",
    "1",
    `{${s(first)}:null}`,
    `{${s(first)}:{}}`,
    `[${s(first)}]`,
  ];
}

/** Every value a near miss puts in a field of `kind`; `statuses` are the format's RunStatus values. */
export function valuesOf(kind: Kind, statuses: readonly string[]): string[] {
  switch (kind) {
    case "uuid":
      return UUID;
    case "opt_uuid":
      return UUID;
    case "str":
    case "opt_str":
      return STR;
    case "strs":
      return STRS;
    case "date":
    case "opt_date":
      return DATE;
    case "dec":
      return DEC;
    case "u64":
      return U64;
    case "u32":
      return U32;
    case "f64":
      return F64;
    case "status":
      return [
        ...["warning", "sleeping", "paused", ...statuses].map(s),
        ...STATUS_MISSPELLINGS.map(s),
        "1",
        "null",
        '{"pending":null}',
        '{"running":{}}',
        '{"paused":null}',
        '{"pending":1}',
        '["pending"]',
      ];
    case "stream":
      return STREAM;
    case "kind":
      return KIND;
    case "labels":
      return LABELS;
    case "requirement":
      return REQUIREMENT;
    case "assignee":
      return ASSIGNEE;
    case "windows":
      return WINDOWS;
    case "uuids":
      return UUIDS;
    case "change":
      return enumValues(
        ["created", "updated", "deleted", "token_replaced"],
        ["token-replaced", "tokenReplaced", "replaced"],
      );
    case "miss_reason":
      return enumValues(
        ["outside_window", "catchup_max", "superseded", "catchup_skip", "overlap"],
        ["outside-window", "catchup", "Overlap", "skipped"],
      );
    case "window_status":
      return enumValues(
        ["allowed", "allowed_warning", "rejected"],
        ["allowed-warning", "warning", "denied", "Allowed"],
      );
  }
}

/** Wrong JSON types, for the fields whose kind list does not hold them all. */
export { WRONG_TYPES };

/** The values every extra (unknown) field is given. */
export const EXTRA_VALUES = ['"x"', "1", "null", "{}", '{"a":[1,{"b":null}]}', "[]", "1e400", '"\\ud800"'];

/** The spellings of an unsigned integer that JSON.parse reads as another, valid one. */
export function hiddenIntegerSpellings(raw: string, kind: "u64" | "u32"): string[] {
  const out = [`${raw}.0`, `${raw}e0`, `${raw}E+0`];
  if (raw === "0") out.push("0e5", "0.0e0");
  if (/^[1-9][0-9]*$/.test(raw) && raw.length > 1 && /0$/.test(raw)) out.push(`${raw.slice(0, -1)}e1`);
  if (kind === "u64") out.push("18446744073709551616", "18446744073709551617", "1e3", "9007199254740993.0");
  else out.push("1e2", "1E0", "4294967295.0");
  return out;
}

/** The names a misspelt `type` takes, from the event's own. */
export function typeMisspellings(type: string): string[] {
  const pascal = type
    .split(/[._]/)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
  const out = [
    ` ${type}`,
    `${type} `,
    type.toUpperCase(),
    pascal,
    type.replace(/_/g, "-"),
    "",
    "workflow_paused",
    `${type}s`,
  ];
  if (type.includes(".")) {
    const [head, tail] = type.split(".") as [string, string];
    out.push(
      type.replace(".", "_"),
      head[0]!.toUpperCase() + type.slice(1),
      `${head}.`,
      `.${tail}`,
      head,
      `${head}..${tail}`,
      `${head}.${tail[0]!.toUpperCase()}${tail.slice(1)}`,
      `${type}.x`,
      type.replace(".", "/"),
      type.replace(/_/g, "-"),
    );
  } else if (/_/.test(type)) {
    out.push(type.replace("_", "."));
  }
  return [...new Set(out)];
}
