#!/usr/bin/env python3
"""The catalog's JSON Schema (docs/catalog.schema.json) is a valid schema, accepts every
catalog file in assets/catalog, and refuses the mistakes an office's editor could make by
hand (an unknown field, a unit that is not one, an empty step list). The server's own reader
checks more (docs/catalog.md); the schema is what other tools can check without Loket."""
import copy
import glob
import json
import os
import sys

import jsonschema

source = sys.argv[1]
with open(os.path.join(source, "docs", "catalog.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)

failures = []
files = sorted(glob.glob(os.path.join(source, "assets", "catalog", "*.json")))
if len(files) < 5:
    failures.append(f"expected the five seed permits, found {len(files)} files")
for path in files:
    with open(path, encoding="utf-8") as f:
        permit = json.load(f)
    for error in validator.iter_errors(permit):
        failures.append(f"{os.path.basename(path)}: {list(error.path)}: {error.message}")

with open(os.path.join(source, "assets", "catalog", "kaltim-ikot.json"), encoding="utf-8") as f:
    good = json.load(f)
mistakes = {
    "unknown field": lambda p: p.update({"biaya": "gratis"}),
    "unit that is not one": lambda p: p["service_time"].update({"unit": "minggu"}),
    "no steps": lambda p: p.update({"steps": []}),
    "id not a slug": lambda p: p.update({"id": "Kaltim IKOT"}),
    "empty cost": lambda p: p.update({"cost": ""}),
    "step without activity": lambda p: p["steps"][0].pop("activity"),
}
for what, spoil in mistakes.items():
    permit = copy.deepcopy(good)
    spoil(permit)
    if validator.is_valid(permit):
        failures.append(f"the schema accepts a permit with {what}")

for failure in failures:
    print("FAIL:", failure)
print(f"{len(files)} catalog files checked, {len(mistakes)} mistakes refused" if not failures
      else f"{len(failures)} failures")
sys.exit(1 if failures else 0)
