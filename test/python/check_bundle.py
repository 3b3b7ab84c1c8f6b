#!/usr/bin/python3
"""Checks one engine format's bundled JSON Schema (generated/formats/<format>/schema.json,
shipped as schemas/bundles/engine-<format>.json) against that format's vectors with
Debian's python3-jsonschema (4.10.x), unchanged, as a non-TypeScript consumer would.

    /usr/bin/python3 test/python/check_bundle.py <vectors dir> <schema.json>

Shows that
- every event the engine wrote is accepted (engine-events.ndjson, and verdict rows with
  case "valid");
- every input the engine rejects is rejected too, except inputs that break one of the
  rules beyond the schema that JSON Schema cannot state; this script detects those
  itself and counts them per rule:
    lone_surrogate  a lone surrogate in any string or key, at any depth;
    too_deep        containers nested deeper than 127 levels (root included);
    negative_zero   an unsigned integer field (u64, u32: the bundle says which, at any
                    depth) written as a negative zero (`-0`, `-0.0`): Python reads it as 0;
    non_finite      a number the engine's float reader finds out of range (`1e400`) anywhere;
    float_reading   a number the engine's float reader (serde_json without float_roundtrip:
                    not correctly rounded) reads as another double than Python does, where
                    the schema, given the engine's doubles, rejects the event too (a cost
                    spelled just below 2^96 that the engine reads as 2^96).
Rows marked same_after_json_parse are left out (no validator of parsed values can tell
them apart; Python's jsonschema also calls 1.0 an integer).

Exits 1 on any false accept or false reject, printing the offending rows.
"""

import json
import math
import os
import sys
from collections import Counter
from importlib import metadata

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed: run `apt-get install -y python3-jsonschema`", file=sys.stderr)
    sys.exit(2)

MAX_DEPTH = 127  # serde_json's recursion limit: 127 nested containers pass, 128 fail
RULES = ("lone_surrogate", "too_deep", "negative_zero", "non_finite", "float_reading")
RULE_TITLES = {
    "lone_surrogate": "lone surrogate in a string or key",
    "too_deep": "containers nested deeper than 127",
    "negative_zero": "-0 written for an unsigned integer field",
    "non_finite": "number out of double range (1e400)",
    "float_reading": "number the engine reads as another double",
}
U64_MAX = 2**64 - 1
I64_MIN = -(2**63)
I32_MAX, I32_MIN = 2**31 - 1, -(2**31)
SHOW = 20  # offending rows printed per kind


class NegativeZeroInt(int):
    """An integer literal written `-0`, which serde_json reads as a float (not a u64)."""


class NegativeZeroFloat(float):
    """A float literal with value zero and a minus sign (`-0.0`, `-0e0`)."""


class EngineInt(int):
    """An integer literal beyond u64/i64, which serde_json reads as a double: `engine` is that
    double, or None where it finds the number out of range."""

    engine = None


class EngineFloat(float):
    """A float literal that serde_json reads otherwise than Python: `engine` is its double, or
    None where it finds the number out of range."""

    engine = None


def parse_int(text):
    value = int(text)
    if value == 0 and text.startswith("-"):
        return NegativeZeroInt(0)
    if value > U64_MAX or value < I64_MIN:
        wrapped = EngineInt(value)
        wrapped.engine = serde_number(text)
        return wrapped
    return value


def parse_float(text):
    value = float(text)
    if value == 0 and text.startswith("-"):
        return NegativeZeroFloat(value)
    engine = serde_number(text)
    if engine is not None and engine == value:
        return value
    wrapped = EngineFloat(value)
    wrapped.engine = engine
    return wrapped


POW10 = [float(f"1e{n}") for n in range(309)]  # Rust's literals 1e0..1e308, correctly rounded


def serde_number(text):
    """The double serde_json 1.0.149 (no float_roundtrip) reads for the JSON number `text`, or
    None for its "number out of range". A port of parse_integer, parse_decimal, parse_exponent,
    parse_long_integer and f64_from_parts of its src/de.rs (src/engine-text/serde-float.ts
    is the package's): it keeps the digits that fit a u64, drops the rest (only counting
    them), then multiplies or divides by one power of ten of its table."""
    i, positive = 0, True
    if text[0] == "-":
        positive, i = False, 1

    def is_digit(at):
        return at < len(text) and "0" <= text[at] <= "9"

    def overflows(significand, digit):
        return significand >= U64_MAX // 10 and (significand > U64_MAX // 10 or digit > U64_MAX % 10)

    def from_parts(significand, exponent):
        f = float(significand)  # u64 as f64: to nearest, ties to even, as Rust's `as`
        while True:
            pow10 = POW10[abs(exponent)] if exponent != I32_MIN and abs(exponent) <= 308 else None
            if pow10 is not None:
                if exponent >= 0:
                    f *= pow10
                    if math.isinf(f):
                        return None
                else:
                    f /= pow10
                break
            if f == 0:
                break
            if exponent >= 0:
                return None
            f /= 1e308
            exponent += 308
        return f if positive else -f

    def parse_exponent(at, significand, starting):
        at += 1  # e or E
        positive_exponent = True
        if text[at] in "+-":
            positive_exponent = text[at] == "+"
            at += 1
        exponent = 0
        while is_digit(at):
            digit = int(text[at])
            at += 1
            if exponent >= I32_MAX // 10 and (exponent > I32_MAX // 10 or digit > I32_MAX % 10):
                if significand != 0 and positive_exponent:
                    return None
                return 0.0 if positive else -0.0
            exponent = exponent * 10 + digit
        final = starting + exponent if positive_exponent else starting - exponent
        return from_parts(significand, max(I32_MIN, min(I32_MAX, final)))

    def after_digits(at, significand, exponent):
        if at < len(text) and text[at] in "eE":
            return parse_exponent(at, significand, exponent)
        return from_parts(significand, exponent)

    def parse_decimal(at, significand, exponent):
        at += 1  # the point
        while is_digit(at):
            digit = int(text[at])
            if overflows(significand, digit):
                while is_digit(at):  # the significand is full: the rest is dropped, not rounded
                    at += 1
                break
            significand = significand * 10 + digit
            exponent -= 1
            at += 1
        return after_digits(at, significand, exponent)

    significand = int(text[i])
    i += 1
    if significand != 0:
        while is_digit(i):
            digit = int(text[i])
            if overflows(significand, digit):  # parse_long_integer: digits only raise the exponent
                exponent = 0
                while is_digit(i):
                    i += 1
                    exponent += 1
                if i < len(text) and text[i] == ".":
                    return parse_decimal(i, significand, exponent)
                return after_digits(i, significand, exponent)
            significand = significand * 10 + digit
            i += 1
    if i < len(text) and text[i] == ".":
        return parse_decimal(i, significand, 0)
    if i < len(text) and text[i] in "eE":
        return parse_exponent(i, significand, 0)
    return float(significand) if positive else -float(significand)


def parse_constant(name):
    # Python's json reads NaN, Infinity and -Infinity; JSON (and the engine) does not.
    raise ValueError(f"{name} is not JSON")


def load_json(text):
    """The value of `text` as Python's json reads it (raw literals noted), or raises ValueError."""
    try:
        return json.loads(text, parse_int=parse_int, parse_float=parse_float, parse_constant=parse_constant)
    except RecursionError as error:
        raise ValueError("nested too deep for Python's json") from error


def has_lone_surrogate(s):
    # Python's json joins an escaped pair into one code point and keeps a lone one as is.
    try:
        s.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def unsigned_paths(schema):
    """Per event type, the paths of its unsigned integer fields (a definition of type integer:
    u64, u32, duration-ms), at any depth ("[]" for an array's items), read from the bundle."""
    defs = schema.get("$defs", {})

    def is_integer_def(name):
        return defs.get(name, {}).get("type") == "integer"

    def walk(node, path, found, seen):
        if isinstance(node, list):
            for child in node:
                walk(child, path, found, seen)
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            name = ref[len("#/$defs/"):]
            if is_integer_def(name):
                found.add(path)
            elif name not in seen:
                walk(defs.get(name), path, found, seen | {name})
        if node.get("type") == "integer":
            found.add(path)
        for key, child in node.get("properties", {}).items():
            walk(child, path + (key,), found, seen)
        if "items" in node:
            walk(node["items"], path + ("[]",), found, seen)
        for keyword in ("anyOf", "oneOf", "allOf"):
            walk(node.get(keyword, []), path, found, seen)

    paths = {}
    for name, variant in defs.items():
        event_type = variant.get("properties", {}).get("type", {}).get("const")
        if event_type is not None:
            found = set()
            walk(variant, (), found, {name})
            paths[event_type] = found
    return paths


def values_at(value, path):
    if not path:
        yield value
    elif path[0] == "[]":
        if isinstance(value, list):
            for item in value:
                yield from values_at(item, path[1:])
    elif isinstance(value, dict) and path[0] in value:
        yield from values_at(value[path[0]], path[1:])


def engine_value(value):
    """`value` with each number the engine reads otherwise replaced by the engine's double."""
    if isinstance(value, (EngineInt, EngineFloat)) and value.engine is not None:
        return value.engine
    if isinstance(value, list):
        return [engine_value(item) for item in value]
    if isinstance(value, dict):
        return {key: engine_value(item) for key, item in value.items()}
    return value


def misread(value):
    """Whether the engine reads some number of `value` as another (finite) double than Python."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (EngineInt, EngineFloat)) and item.engine is not None:
            return True
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return False


def rule_violations(value, unsigned):
    """The rules beyond the schema that `value` breaks (a set of RULES names; float_reading
    is the caller's, which needs the validator)."""
    found = set()
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if has_lone_surrogate(item):
                found.add("lone_surrogate")
        elif isinstance(item, bool) or item is None:
            pass
        elif isinstance(item, (int, float)):
            # 1e400 or a 400-digit integer: Python reads inf or an exact integer, the engine refuses.
            if isinstance(item, (EngineInt, EngineFloat)) and item.engine is None:
                found.add("non_finite")
        elif isinstance(item, (list, dict)):
            if depth > MAX_DEPTH:
                found.add("too_deep")
                continue
            if isinstance(item, dict):
                for key, child in item.items():
                    if has_lone_surrogate(key):
                        found.add("lone_surrogate")
                    stack.append((child, depth + 1))
            else:
                stack.extend((child, depth + 1) for child in item)
    if isinstance(value, dict) and isinstance(value.get("type"), str):
        for path in unsigned.get(value["type"], ()):
            if any(isinstance(item, (NegativeZeroInt, NegativeZeroFloat)) for item in values_at(value, path)):
                found.add("negative_zero")
    return found


def read_ndjson(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def show(text, limit=150):
    return text[:limit].encode("unicode_escape", "backslashreplace").decode("ascii", "replace")[: limit * 2]


def main(argv):
    if len(argv) != 3:
        print(f"usage: {argv[0]} <vectors dir> <schema.json>", file=sys.stderr)
        return 2
    vectors_dir, schema_path = argv[1], argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)

    Validator = jsonschema.Draft202012Validator
    Validator.check_schema(schema)
    format_checker = getattr(Validator, "FORMAT_CHECKER", None) or jsonschema.draft202012_format_checker
    validator = Validator(schema, format_checker=format_checker)
    unsigned = unsigned_paths(schema)
    checked_formats = sorted(format_checker.checkers)
    print(f"check_bundle: {schema_path} with jsonschema {metadata.version('jsonschema')} (Draft202012Validator)")
    print(f"formats checked: {', '.join(checked_formats)}")
    if "date-time" not in checked_formats:
        print("date-time: no checker here (needs rfc3339-validator); the schema's pattern states the timestamp in full")

    def schema_accepts(value):
        return validator.is_valid(value)

    failures = False

    # 1. engine-events.ndjson: everything the engine wrote.
    events = read_ndjson(os.path.join(vectors_dir, "engine-events.ndjson"))
    events_rejected = []
    for line in events:
        try:
            ok = schema_accepts(load_json(line))
        except ValueError as error:
            ok = False
            line = f"{line} (json: {error})"
        if not ok:
            events_rejected.append(line)

    # 2. engine-verdicts.ndjson
    rows = [json.loads(line) for line in read_ndjson(os.path.join(vectors_dir, "engine-verdicts.ndjson"))]
    skipped = sum(1 for row in rows if row.get("same_after_json_parse"))
    rows = [row for row in rows if not row.get("same_after_json_parse")]
    valid_total = valid_accepted = 0
    false_accepts, false_rejects, rules_on_accepted = [], [], []
    by_rule = Counter()
    excused = 0
    stricter = Counter()
    agree_accept = agree_reject = 0
    for row in rows:
        text = row["json"]
        try:
            value = load_json(text)
            accepted = schema_accepts(value)
            violations = rule_violations(value, unsigned)
        except ValueError:
            value, accepted, violations = None, False, set()
        if row["engine"] == "rejects":
            if accepted and not violations and misread(value) and not validator.is_valid(engine_value(value)):
                violations = {"float_reading"}
            if not accepted:
                agree_reject += 1
            elif violations:
                excused += 1
                by_rule.update(violations)
            else:
                false_accepts.append(row)
            continue
        if violations:
            rules_on_accepted.append((row, violations))
        if row["case"] == "valid":
            valid_total += 1
            valid_accepted += accepted
            if not accepted:
                false_rejects.append(row)
        if accepted:
            agree_accept += 1
        elif row["case"] != "valid":
            stricter[row["case"]] += 1

    print(f"engine-written events accepted: {len(events) - len(events_rejected)}/{len(events)} (engine-events.ndjson)")
    print(f"engine-written verdict rows (case valid) accepted: {valid_accepted}/{valid_total}")
    print(f"verdict rows checked: {len(rows)} ({skipped} same_after_json_parse rows left out)")
    print(f"agree: both accept {agree_accept}, both reject {agree_reject}")
    print(f"false accepts: {len(false_accepts)}")
    print(f"accepted by the schema, rejected by a documented rule beyond it: {excused}")
    for rule in RULES:
        print(f"  {RULE_TITLES[rule]}: {by_rule[rule]}")
    print(f"false rejects of valid rows: {len(false_rejects)}")
    print(f"stricter than the engine: {sum(stricter.values())}")
    for case, count in sorted(stricter.items()):
        print(f"  {case}: {count}")
    print(f"rules beyond the schema firing on engine-accepted rows: {len(rules_on_accepted)}")

    if events_rejected:
        failures = True
        print(f"\nFAIL: engine-written events rejected: {len(events_rejected)}")
        for line in events_rejected[:SHOW]:
            print(f"  {show(line)}  -> {first_error(validator, line)}")
    if false_accepts:
        failures = True
        print(f"\nFAIL: false accepts (engine rejects, schema accepts, no rule beyond the schema applies): {len(false_accepts)}")
        for row in false_accepts[:SHOW]:
            print(f"  [{row['case']} | engine: {row.get('engine_error', '')[:60]}] {show(row['json'])}")
    if false_rejects:
        failures = True
        print(f"\nFAIL: false rejects of valid rows: {len(false_rejects)}")
        for row in false_rejects[:SHOW]:
            print(f"  [{row['case']}] {show(row['json'])}  -> {first_error(validator, row['json'])}")
    if rules_on_accepted:
        failures = True
        print(f"\nFAIL: a rule beyond the schema fires on rows the engine accepts: {len(rules_on_accepted)}")
        for row, violations in rules_on_accepted[:SHOW]:
            print(f"  [{row['case']} | {', '.join(sorted(violations))}] {show(row['json'])}")
    print("\nresult:", "FAIL" if failures else "ok")
    return 1 if failures else 0


def first_error(validator, text):
    try:
        value = load_json(text)
    except ValueError as error:
        return f"not JSON for Python: {error}"
    error = jsonschema.exceptions.best_match(validator.iter_errors(value))
    if error is None:
        return "no error"
    return f"{'/' + '/'.join(map(str, error.absolute_path))}: {show(error.message, 200)}"


if __name__ == "__main__":
    sys.exit(main(sys.argv))
