#!/usr/bin/python3
"""Checks the bundled JSON Schema (generated/schema.json) against the engine's vectors
with Debian's python3-jsonschema (4.10.x), unchanged, as a non-TypeScript consumer would.

    /usr/bin/python3 test/python/check_bundle.py <vectors dir> <schema.json>

Shows that
- every event the engine wrote is accepted (engine-events.ndjson, and verdict rows with
  case "valid");
- every input the engine rejects is rejected too, except inputs that break one of the
  rules beyond the schema that JSON Schema cannot state; this script detects those
  itself and counts them per rule:
    lone_surrogate  a lone surrogate in any string or key, at any depth;
    too_deep        containers nested deeper than 127 levels (root included);
    negative_zero   duration_ms written as a negative zero (`-0`): Python reads it as 0;
    non_finite      a number beyond double range (`1e400`) anywhere.
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
RULES = ("lone_surrogate", "too_deep", "negative_zero", "non_finite")
RULE_TITLES = {
    "lone_surrogate": "lone surrogate in a string or key",
    "too_deep": "containers nested deeper than 127",
    "negative_zero": "-0 written for duration_ms",
    "non_finite": "number out of double range (1e400)",
}
SHOW = 20  # offending rows printed per kind


class NegativeZeroInt(int):
    """An integer literal written `-0`, which serde_json reads as a float (not a u64)."""


class NegativeZeroFloat(float):
    """A float literal with value zero and a minus sign (`-0.0`, `-0e0`)."""


def parse_int(text):
    value = int(text)
    return NegativeZeroInt(0) if value == 0 and text.startswith("-") else value


def parse_float(text):
    value = float(text)
    return NegativeZeroFloat(value) if value == 0 and text.startswith("-") else value


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


def rule_violations(value):
    """The rules beyond the schema that `value` breaks (a set of RULES names)."""
    found = set()
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if has_lone_surrogate(item):
                found.add("lone_surrogate")
        elif isinstance(item, bool) or item is None:
            pass
        elif isinstance(item, float):
            if not math.isfinite(item):
                found.add("non_finite")
        elif isinstance(item, int):
            try:
                float(item)  # a 400-digit integer literal: exact in Python, out of range for f64
            except OverflowError:
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
    if isinstance(value, dict) and isinstance(value.get("duration_ms"), (NegativeZeroInt, NegativeZeroFloat)):
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
            violations = rule_violations(value)
        except ValueError:
            value, accepted, violations = None, False, set()
        if row["engine"] == "rejects":
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
