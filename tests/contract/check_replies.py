#!/usr/bin/env python3
"""The contract check: real replies of the queue-server against assets/openapi.json.

The server tests record what the real server answered (tests/support/reply_recorder.hpp, with
LOKET_RECORD_REPLIES=<folder>): every exchange (method, path, status, content type, body) and
every event read from the stream. This script validates each against the schema the OpenAPI
file gives for that route and status (events: against the schema of their type), with a real
JSON Schema validator, and fails listing every mismatch. It also fails when a documented route
was never answered with a 2xx, when an event type the server records (its one list,
shared/include/protocol/loket/event_names.hpp) has no schema or no recorded example, and when a schema
a real reply reached says only "type: object" (a schema that allows anything proves nothing).

The OpenAPI 3.0 schemas are read as the contract, strictly:
- `nullable: true` becomes JSON Schema's null type;
- an object schema with properties admits no others unless it says `additionalProperties`;
- every property an object schema names is required unless the schema lists `required` itself
  (then that list says which are), so a field the clients read cannot silently go missing;
- `allOf` of objects is merged into one object, so the two rules above see all its properties.

    check_replies.py reset FOLDER
    check_replies.py check --spec openapi.json --replies FOLDER --event-types event_names.hpp
"""
import argparse
import copy
import glob
import json
import os
import re
import shutil
import sys
from collections import defaultdict

import jsonschema

API_PREFIX = "/api/v1"


# --- OpenAPI 3.0 schema -> JSON Schema (draft 7) ---------------------------------------------

class Converter:
    def __init__(self, spec):
        self.spec = spec
        self.cache = {}

    def resolve(self, ref):
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref are read: {ref}")
        node = self.spec
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def convert(self, node, stack=()):
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            ref = node["$ref"]
            if ref in stack:
                raise ValueError(f"recursive schema {' -> '.join(stack + (ref,))}")
            if ref not in self.cache:
                self.cache[ref] = self.convert(self.resolve(ref), stack + (ref,))
            return copy.deepcopy(self.cache[ref])
        out = {}
        for key, value in node.items():
            if key in ("nullable", "discriminator", "example", "xml", "externalDocs", "deprecated") \
                    or key.startswith("x-"):
                continue
            if key == "properties":
                out[key] = {name: self.convert(sub, stack) for name, sub in value.items()}
            elif key in ("items", "not") or (key == "additionalProperties" and isinstance(value, dict)):
                out[key] = self.convert(value, stack)
            elif key in ("allOf", "anyOf", "oneOf"):
                out[key] = [self.convert(sub, stack) for sub in value]
            else:
                out[key] = copy.deepcopy(value)
        if "allOf" in out and all(is_object_schema(s) for s in out["allOf"]):
            out = merge_all_of(out)
        if is_object_schema(out) and "properties" in out:
            out.setdefault("additionalProperties", False)
            out.setdefault("required", sorted(out["properties"]))
        if out.get("type") == "object" and not any(
                k in out for k in ("properties", "additionalProperties", "allOf", "anyOf", "oneOf")):
            out["bareObject"] = True
        if node.get("nullable"):
            if "type" in out and "allOf" not in out and "anyOf" not in out and "oneOf" not in out:
                out["type"] = [out["type"], "null"] if isinstance(out["type"], str) \
                    else list(out["type"]) + ["null"]
                if "enum" in out and None not in out["enum"]:
                    out["enum"] = out["enum"] + [None]
            else:
                out = {"anyOf": [out, {"type": "null"}]}
        return out


def is_object_schema(schema):
    return isinstance(schema, dict) and (schema.get("type") == "object" or "properties" in schema) \
        and not any(k in schema for k in ("anyOf", "oneOf"))


def merge_all_of(schema):
    merged = {k: v for k, v in schema.items() if k != "allOf"}
    merged["type"] = "object"
    properties = dict(merged.get("properties", {}))
    required = set(merged.get("required", []))
    extra = merged.get("additionalProperties")
    for part in schema["allOf"]:
        if "allOf" in part:
            part = merge_all_of(part)
        for name, sub in part.get("properties", {}).items():
            properties[name] = sub if name not in properties else {"allOf": [properties[name], sub]}
        required |= set(part.get("required", []))
        if isinstance(part.get("additionalProperties"), dict):
            extra = part["additionalProperties"]
        for key in ("description", "title"):
            if key in part and key not in merged:
                merged[key] = part[key]
    if properties:
        merged["properties"] = properties
    merged["required"] = sorted(required)
    if isinstance(extra, dict):
        merged["additionalProperties"] = extra
    else:
        merged.pop("additionalProperties", None)
    return merged


def bare_object(validator, value, instance, schema):
    if value and validator.is_type(instance, "object"):
        yield jsonschema.ValidationError(
            "the schema says only 'type: object' (it allows anything): name the properties")


Validator = jsonschema.validators.extend(jsonschema.Draft7Validator, {"bareObject": bare_object})


def errors_of(schema, instance):
    """(JSON pointer, message) of every mismatch, descending into anyOf/oneOf."""
    validator = Validator(schema, format_checker=jsonschema.FormatChecker())
    found = []
    for error in validator.iter_errors(instance):
        while error.context and error.validator in ("anyOf", "oneOf"):
            error = jsonschema.exceptions.best_match(error.context)
        pointer = "/" + "/".join(str(p) for p in error.absolute_path)
        found.append((pointer, error.message, "/".join(str(p) for p in error.absolute_schema_path)))
    return found


# --- routes -----------------------------------------------------------------------------------

def route_table(spec):
    routes = []
    for template, methods in spec["paths"].items():
        names = re.findall(r"\{[^}]+\}", template)
        pattern = "^" + "".join(
            "[^/]+" if re.fullmatch(r"\{[^}]+\}", part) else re.escape(part)
            for part in re.split(r"(\{[^}]+\})", template)) + "$"
        for method, operation in methods.items():
            if method in ("get", "put", "post", "patch", "delete"):
                routes.append((len(names), method.upper(), template, re.compile(pattern), operation))
    routes.sort(key=lambda r: r[0])  # a literal segment wins over a parameter
    return routes


def find_route(routes, method, path):
    for _, m, template, pattern, operation in routes:
        if m == method and pattern.match(path):
            return template, operation
    return None, None


def event_types_of(header):
    with open(header, encoding="utf-8") as f:
        text = f.read()
    # Each type is named once, as a constant of namespace protocol::event.
    types = re.findall(r'std::string_view [a-z_]+ = "([a-z_]+\.[a-z_]+)";', text)
    if not types:
        raise SystemExit(f"{header}: no event name constants")
    return types


# --- the check --------------------------------------------------------------------------------

def check(spec_path, folder, header):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    converter = Converter(spec)
    routes = route_table(spec)
    failures = defaultdict(list)  # (where, schema path) -> examples
    exercised = set()
    exchanges = events_seen = 0
    event_examples = defaultdict(int)

    lines = []
    for name in sorted(glob.glob(os.path.join(folder, "*.jsonl"))):
        with open(name, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                try:
                    lines.append(json.loads(line))
                except json.JSONDecodeError as e:
                    failures[(f"{os.path.basename(name)}:{number}", "")].append(f"not JSON: {e}")
    if not lines:
        raise SystemExit(f"no replies recorded in {folder}: run the server tests with "
                         "LOKET_RECORD_REPLIES set (ctest does)")

    event_schema = spec["components"]["schemas"].get("Event", {})
    mapping = event_schema.get("discriminator", {}).get("mapping", {})
    error_schema = converter.convert({"$ref": "#/components/schemas/Error"})
    event_validators = {}
    reply_schemas = {}

    for line in lines:
        if "event" in line:
            events_seen += 1
            kind = line["event"]
            data = line["data"]
            where = f"event {kind}"
            if kind not in mapping:
                failures[(where, "")].append("no schema for this event type (Event's discriminator)")
                continue
            if not isinstance(data, dict) or data.get("type") != kind:
                failures[(where, "")].append(f"data is not an event of this type: {str(data)[:120]}")
                continue
            event_examples[kind] += 1
            if kind not in event_validators:
                event_validators[kind] = converter.convert({"$ref": mapping[kind]})
            for pointer, message, schema_path in errors_of(event_validators[kind], data):
                failures[(where, schema_path)].append(f"{pointer}: {message}")
            continue

        exchanges += 1
        method, full_path, status = line["method"], line["path"], line["status"]
        path = full_path.split("?", 1)[0]
        if not path.startswith(API_PREFIX):
            continue
        template, operation = find_route(routes, method, path[len(API_PREFIX):])
        if template is None:
            # The router's own refusal of what no route serves (hostile-input tests): an Error.
            if status in (404, 405) and "body" in line:
                for pointer, message, schema_path in errors_of(error_schema, line["body"]):
                    failures[("unrouted 404/405", schema_path)].append(f"{pointer}: {message}")
            else:
                failures[(f"{method} {path}", "")].append(f"{status}: not a documented route")
            continue
        where = f"{method} {template} {status}"
        responses = operation.get("responses", {})
        response = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") \
            or responses.get("default")
        if response is None:
            failures[(where, "")].append(f"status {status} is not documented ({full_path})")
            continue
        if 200 <= status < 300:
            exercised.add((method, template))
        content = response.get("content", {})
        media = line.get("content_type", "").split(";")[0].strip()
        has_body = "body" in line or line.get("text")
        if not content:
            if has_body:
                failures[(where, "")].append(f"a body came ({media}) where none is documented")
            continue
        if media not in content:
            failures[(where, "")].append(
                f"content type {media or '(none)'}, documented: {', '.join(content)}")
            continue
        if media != "application/json":
            continue  # CSV, XLSX, metrics text: the media type is what the contract names
        if "body" not in line:
            failures[(where, "")].append(f"not JSON: {line.get('text', '')[:80]!r}")
            continue
        schema = content[media].get("schema")
        if schema is None:
            failures[(where, "")].append("no schema for a JSON reply")
            continue
        key = (method, template, str(status), media)
        if key not in reply_schemas:
            reply_schemas[key] = converter.convert(schema)
        for pointer, message, schema_path in errors_of(reply_schemas[key], line["body"]):
            failures[(where, schema_path)].append(f"{pointer}: {message} ({full_path})")

    # Coverage: every documented route answered with a 2xx at least once.
    if events_seen:
        exercised.add(("GET", "/events"))
    for _, method, template, _, operation in routes:
        if any(s.startswith("2") for s in operation.get("responses", {})) and \
                (method, template) not in exercised:
            failures[(f"{method} {template}", "")].append("never answered with a 2xx in the tests")

    # Events: the server's list, the schemas and the recorded examples agree.
    listed = event_types_of(header)
    for kind in listed:
        if kind not in mapping:
            failures[(f"event {kind}", "")].append("listed in event_names.hpp but has no schema")
        elif kind not in event_examples:
            failures[(f"event {kind}", "")].append("no example recorded from the stream")
    for kind in mapping:
        if kind not in listed:
            failures[(f"event {kind}", "")].append("has a schema but the server does not list it")
    try:
        jsonschema.Draft7Validator.check_schema(
            {k: v for k, v in converter.convert(event_schema).items()})
    except jsonschema.SchemaError as e:
        failures[("Event schema", "")].append(str(e.message))

    for (where, schema_path), examples in sorted(failures.items()):
        more = f" (and {len(examples) - 1} more like it)" if len(examples) > 1 else ""
        at = f" [schema {schema_path}]" if schema_path else ""
        print(f"FAIL {where}{at}: {examples[0]}{more}")
    print(f"{exchanges} replies and {events_seen} events checked against {spec_path}; "
          f"{len(exercised)} routes answered with a 2xx, {len(event_examples)} event types seen"
          + (f"; {len(failures)} mismatches" if failures else ""))
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    reset = sub.add_parser("reset", help="empty the recording folder before the tests run")
    reset.add_argument("folder")
    run = sub.add_parser("check")
    run.add_argument("--spec", required=True)
    run.add_argument("--replies", required=True)
    run.add_argument("--event-types", required=True)
    args = parser.parse_args()
    if args.command == "reset":
        shutil.rmtree(args.folder, ignore_errors=True)
        os.makedirs(args.folder)
        return 0
    return check(args.spec, args.replies, args.event_types)


if __name__ == "__main__":
    sys.exit(main())
