#!/usr/bin/env python3
"""Contract check: calls a Pipedrive-compatible server and validates every response body against the response
schema of the matching operation in Pipedrive's own OpenAPI specs.

  v2 calls (/api/v2/...)      openapi-v2.yaml
  v1 calls (/api/v1, /v1)     openapi-v1.yaml when it has the path and method, else
                              openapi-v1-2026-01-14-with-deprecated.yaml
  /oauth/...                  openapi-v1.yaml

Full run (discovers real ids by listing first, then reads, creates, updates and deletes; every call of the seed's
117 actions in v1, their v2 replacements, the sub-endpoints, every *Fields endpoint, /users/me and OAuth):

  python3 Tests/Contract/check.py --base-url http://127.0.0.1:PORT --token TOKEN

One call:

  python3 Tests/Contract/check.py --base-url U --token T GET /api/v1/deals
  python3 Tests/Contract/check.py --base-url U --token T POST /api/v2/deals --json '{"title":"x"}'
  python3 Tests/Contract/check.py --base-url U --token T GET /api/v1/recents --query since_timestamp='2020-01-01 00:00:00'

Prints one line per call (PASS, FAIL or SKIP, with the spec operation used) and the schema errors of failures;
exits 1 when anything failed or was skipped. Needs PyYAML and openapi-schema-validator.
"""
import argparse
import base64
import functools
import json
import pathlib
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

import yaml
from jsonschema import validators
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

PACKAGE_ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_SPEC_DIR = PACKAGE_ROOT / "spec" / "pipedrive-openapi"
SPEC_FILES = {
    "v1": "openapi-v1.yaml",
    "v1-deprecated": "openapi-v1-2026-01-14-with-deprecated.yaml",
    "v2": "openapi-v2.yaml",
}
# Seed paths Pipedrive retired under another name (see spec/docs/seed-endpoints-today.md): validated against it.
ALIASES = {"/teams": "/legacyTeams"}
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


# --- Where Pipedrive's spec contradicts itself -----------------------------------------------------------------------
# Each exception is narrow (one kind of error at one kind of location), says why, and is counted in the summary.
#
# Not an exception but worth knowing: several v1 schemas (e.g. GET /deals, /dealFields) declare start, limit and
# more_items_in_collection flat under additional_data while their examples and the docs nest them under
# additional_data.pagination. The schemas do not forbid extra keys, so the nested form (which the sandbox serves)
# validates as it is.

# The field types the 2026-01-14 v1 spec lists for *reading* fields (GET /dealFields etc.); today's v1 spec
# reuses the shorter list of types that can be *created*, which real fields such as `stage` or `int` are not in.
V1_READ_FIELD_TYPES = {
    "boolean", "double", "int", "json", "date", "daterange", "time", "timerange", "text", "varchar", "varchar_auto",
    "varchar_options", "address", "enum", "monetary", "phone", "set", "activity", "deal", "lead", "org", "people",
    "pipeline", "product", "project", "stage", "user", "billing_frequency", "picture", "price_list",
    "projects_board", "projects_phase", "status", "visible_to",
}


def known_spec_defect(version, error):
    """The name of the exception that excuses this error, or None."""
    where = list(error.absolute_path)
    last = where[-1] if where else None
    # 1. D-pag: "next_cursor is null on the last page", while the v2 schemas declare it a non-nullable string.
    if last == "next_cursor" and where[:1] == ["additional_data"] and error.instance is None:
        return "null next_cursor on the last page"
    # 2. Optional properties that are null: see LenientValidator below (applied while validating, so that it also
    #    holds inside anyOf alternatives).
    # 3. v1 field types when reading fields (see V1_READ_FIELD_TYPES).
    if last == "field_type" and error.validator == "enum" and error.instance in V1_READ_FIELD_TYPES:
        return "a v1 field type the 2026-01-14 spec lists for reading"
    # 4. Search results (v1 and v2 /deals/search, /products/search) declare item.value and item.code integers,
    #    while GET /deals declares a deal's value a number and GET /products a product's code a string.
    if where[:2] == ["data", "items"] and where[3:4] == ["item"] and len(where) == 5 and error.validator == "type" \
            and ((last == "value" and isinstance(error.instance, (int, float)))
                 or (last == "code" and isinstance(error.instance, str))):
        return "a search item's value or code typed as on the entity itself"
    # 5. v1 deals and persons: GET /deals, GET /deals/{id} and GET /persons declare user_id, creator_user_id,
    #    person_id and org_id as expanded objects ({..., "value": <id>}), while newer schemas of the same v1 rows
    #    (GET /pipelines/{id}/deals, GET /recents) declare the bare integer id.
    if version == "v1" and last in ("user_id", "creator_user_id", "person_id", "org_id", "owner_id") \
            and error.validator == "type" and error.validator_value == "integer" \
            and isinstance(error.instance, dict) and isinstance(error.instance.get("value"), int):
        return "a v1 related id expanded to its object, as GET /deals declares"
    # 6. v1 visible_to is a digit string ("1", "3", "5", "7") on every v1 entity (see pipedrive-api.md §11), but
    #    a few v1 schemas (e.g. GET /recents for products) declare an integer.
    if version == "v1" and last == "visible_to" and error.validator == "type" and error.validator_value == "integer" \
            and error.instance in ("1", "3", "5", "7"):
        return "a v1 visible_to digit string where an integer is declared"
    # 7. v1 *Fields lists: real accounts list the parts of a composite field (the currency of a monetary field, the
    #    parts of an address) as sub-field entries whose id is null; GET /dealFields declares `id` nullable "in case of
    #    subfields", GET /productFields does not.
    if version == "v1" and where[:1] == ["data"] and len(where) == 3 and last == "id" and error.instance is None \
            and "field" in str(error.schema.get("description", "")).lower():
        return "a v1 sub-field entry's null id"
    # 8. v1 *Fields lists: real accounts answer a conditional mandatory_flag as an object ({"status": "=lost"},
    #    {"person_id": "<=0"}), while the spec declares a boolean.
    if version == "v1" and last == "mandatory_flag" and error.validator == "type" and isinstance(error.instance, dict):
        return "a v1 conditional mandatory_flag object"
    return None


# 2. Nullability: Pipedrive's response schemas mark few properties nullable and almost never list required ones,
#    while the API returns null for every unset value: v2 GET /deals declares lost_time a non-nullable string, yet an
#    open deal has no lost time; the v1 GET /deals schema declares close_time, lost_reason and probability
#    non-nullable while its own example has them null. So a null is accepted for a property that its schema does
#    not list as required, except `id`: ids are never null. A wrong type that is not null still fails.
NULL_EXCUSE = "null for an optional property"
EXCUSED = {}


def lenient_properties(validator, properties, instance, schema):
    required = set(schema.get("required") or ())
    for error in OAS30Validator.VALIDATORS["properties"](validator, properties, instance, schema):
        path = list(error.relative_path)
        if len(path) == 1 and path[0] not in required and path[0] != "id" and error.instance is None \
                and error.validator in ("nullable", "type"):
            EXCUSED[NULL_EXCUSE] = EXCUSED.get(NULL_EXCUSE, 0) + 1
            continue
        yield error


LenientValidator = validators.extend(OAS30Validator, {"properties": lenient_properties})


def unexcused(version, error, excused):
    """The errors left once the spec exceptions are applied; anyOf/oneOf count as met when one alternative's errors
    are all excused, else the closest alternative's errors are kept (they say more than "not valid under any")."""
    excuse = known_spec_defect(version, error)
    if excuse:
        excused[excuse] = excused.get(excuse, 0) + 1
        return []
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    alternatives = {}
    for sub in error.context:
        alternatives.setdefault(sub.relative_schema_path[0], []).append(sub)

    # An alternative refused by an enum at its top (e.g. recents' `item`) is another kind of row, not a near miss.
    def refused_by_discriminator(errors):
        return any(e.validator == "enum" and len(e.relative_path) <= len(error.relative_path) + 1 for e in errors)

    best = None
    for errors in alternatives.values():
        counts = {}
        left = [rest for sub in errors for rest in unexcused(version, sub, counts)]
        rank = (refused_by_discriminator(left), len(left))
        if best is None or rank < best[0]:
            best = (rank, left, counts)
    for excuse, count in best[2].items():
        excused[excuse] = excused.get(excuse, 0) + count
    return best[1]


class Specs:
    def __init__(self, spec_dir):
        self.spec_dir = pathlib.Path(spec_dir)

    @functools.lru_cache(maxsize=None)
    def document(self, name):
        with open(self.spec_dir / SPEC_FILES[name], "rb") as handle:
            return yaml.load(handle, Loader=yaml.CSafeLoader)

    @functools.lru_cache(maxsize=None)
    def registry(self, name):
        resource = Resource.from_contents(self.document(name), default_specification=DRAFT4)
        return Registry().with_resource(f"urn:{name}", resource)

    def operation(self, method, path):
        """(spec name, path template, operation) for a concrete path, or None."""
        version, relative = split_version(path)
        if version is None:
            return None
        relative = ALIASES.get(relative, relative)
        for alias, target in ALIASES.items():
            if relative.startswith(alias + "/"):
                relative = target + relative[len(alias):]
        names = ["v2"] if version == "v2" else ["v1", "v1-deprecated"]
        for name in names:
            template = match_template(self.document(name)["paths"], method.lower(), relative)
            if template is not None:
                return name, template, self.document(name)["paths"][template][method.lower()]
        return None

    def validator(self, name, template, method, status):
        pointer = "/".join(
            part.replace("~", "~0").replace("/", "~1")
            for part in ["paths", template, method.lower(), "responses", status, "content", "application/json", "schema"])
        return LenientValidator({"$ref": f"urn:{name}#/{pointer}"}, registry=self.registry(name))


def split_version(path):
    for prefix, version in (("/api/v2/", "v2"), ("/api/v1/", "v1"), ("/v1/", "v1")):
        if path.startswith(prefix):
            return version, path[len(prefix) - 1:]
    if path.startswith("/oauth/"):
        return "v1", path
    return None, None


def match_template(paths, method, relative):
    """The spec path whose template matches `relative` with the most literal segments, having `method`."""
    parts = relative.strip("/").split("/")
    best, best_score = None, -1
    for template, item in paths.items():
        if method not in item:
            continue
        segments = template.strip("/").split("/")
        if len(segments) != len(parts):
            continue
        score = 0
        for segment, part in zip(segments, parts):
            if segment.startswith("{") and segment.endswith("}"):
                continue
            if segment != part:
                break
            score += 1
        else:
            if score > best_score or (score == best_score and template == relative):
                best, best_score = template, score
    return best


class Client:
    def __init__(self, base_url, token):
        self.base_url = base_url.rstrip("/")
        self.token = token

    def send(self, method, path, query=None, json_body=None, form=None, files=None, headers=None, auth=True):
        url = self.base_url + urllib.parse.quote(path, safe="/{}:")
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None
        all_headers = {"accept": "application/json"}
        if auth:
            all_headers["x-api-token"] = self.token
        if json_body is not None:
            data = json.dumps(json_body).encode()
            all_headers["content-type"] = "application/json"
        elif files is not None:
            boundary = uuid.uuid4().hex
            data = b""
            for name, value in (form or {}).items():
                data += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").encode()
            for name, (filename, content) in files.items():
                data += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
                         f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + b"\r\n"
            data += f"--{boundary}--\r\n".encode()
            all_headers["content-type"] = f"multipart/form-data; boundary={boundary}"
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            all_headers["content-type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        request = urllib.request.Request(url, data=data, method=method, headers=all_headers)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Checker:
    def __init__(self, client, specs, verbose=False):
        self.client = client
        self.specs = specs
        self.verbose = verbose
        self.results = []  # (outcome, line, details)
        self.ids = {}
        self.excused = {}  # exception name -> how many errors it excused

    # One call: send it, then validate the body against the matching operation's response schema.
    def call(self, method, path, query=None, json_body=None, form=None, files=None, headers=None, auth=True,
             needs=(), binary=False):
        missing = [name for name in needs if self.ids.get(name) is None]
        shown = f"{method} {path}" + ("?" + urllib.parse.urlencode(query) if query else "")
        if missing:
            self.record("SKIP", shown, [f"no {', '.join(missing)} was discovered"])
            return None
        path = path.format(**self.ids)
        shown = f"{method} {path}" + ("?" + urllib.parse.urlencode(query) if query else "")
        try:
            status, response_headers, raw = self.client.send(method, path, query, json_body, form, files, headers, auth)
        except Exception as error:  # connection refused, reset, timeout
            self.record("FAIL", shown, [f"request failed: {error}"])
            return None
        found = self.specs.operation(method, path)
        if found is None:
            problems = [] if 200 <= status < 300 else [f"status {status}: {raw[:300].decode('utf-8', 'replace')}"]
            body = parse_json(raw)
            if not binary and not isinstance(body, dict):
                problems.append("body is not a JSON object")
            self.record("FAIL" if problems else "PASS", f"{shown} {status} [no operation in any spec: status only]",
                        problems)
            return body
        name, template, operation = found
        label = f"{shown} {status} [{name} {method} {template}]"
        declared = {str(code) for code in operation.get("responses", {})}
        problems = []
        if not 200 <= status < 300:
            problems.append(f"status {status}: {raw[:300].decode('utf-8', 'replace')}")
        status_key = str(status) if str(status) in declared else ("default" if "default" in declared else None)
        if status_key is None:
            problems.append(f"status {status} is not declared (spec: {', '.join(sorted(declared))})")
        content = (operation.get("responses", {}).get(status_key) or {}).get("content", {}) if status_key else {}
        body = None if binary else parse_json(raw)
        if binary or "application/json" not in content:
            if status_key and content and not binary:
                problems.append(f"spec declares {', '.join(content)} only")
        else:
            if body is None:
                problems.append(f"body is not JSON: {raw[:200]!r}")
            else:
                errors = [rest for error in self.specs.validator(name, template, method, status_key).iter_errors(body)
                          for rest in unexcused(name[:2], error, self.excused)]
                for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path)))[:8]:
                    location = "/".join(map(str, error.absolute_path)) or "(body)"
                    problems.append(f"{location}: {error.message[:300]}")
                if len(errors) > 8:
                    problems.append(f"... and {len(errors) - 8} more schema errors")
        self.record("FAIL" if problems else "PASS", label, problems)
        return body if 200 <= status < 300 else None

    def record(self, outcome, line, problems):
        self.results.append((outcome, line, problems))
        print(f"{outcome} {line}", flush=True)
        for problem in problems:
            print(f"    {problem}", flush=True)

    # Remember an id from a response: `data.id`, or the first element's id of a list.
    def remember(self, name, body, key="id", pick=None):
        data = (body or {}).get("data") if isinstance(body, dict) else None
        if pick:
            data = pick(data)
        if isinstance(data, list):
            data = data[0] if data else None
        if isinstance(data, dict) and data.get(key) is not None:
            self.ids[name] = data[key]

    def summary(self):
        counts = {outcome: sum(1 for r in self.results if r[0] == outcome) for outcome in ("PASS", "FAIL", "SKIP")}
        for excuse, count in sorted({**self.excused, **EXCUSED}.items()):
            print(f"spec exception applied {count} times: {excuse}")
        print(f"\n{counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped, {len(self.results)} calls")
        return counts["FAIL"] == 0 and counts["SKIP"] == 0


def parse_json(raw):
    try:
        return json.loads(raw)
    except ValueError:
        return None


SINCE = "2000-01-01 00:00:00"
RECENT_ITEMS = ["activity", "deal", "file", "note", "organization", "person", "pipeline", "product", "stage", "user"]


def search_term(body, key):
    """Three letters of the first row's name or title, so searches find something; "de" when nothing was listed."""
    rows = (body or {}).get("data") if isinstance(body, dict) else None
    text = rows[0].get(key) if isinstance(rows, list) and rows and isinstance(rows[0], dict) else None
    return text[:3] if isinstance(text, str) and len(text) >= 3 else "de"


def full_run(c, oauth):
    """Every endpoint the sandbox must serve, in an order that finds real ids before using them."""
    # Discovery: list first, keep a real id of each kind and a term that finds it.
    terms = {}
    for entity, name, key in (("deals", "deal_id", "title"), ("persons", "person_id", "name"),
                              ("organizations", "org_id", "name"), ("products", "product_id", "name")):
        body = c.call("GET", f"/api/v2/{entity}", {"limit": 5})
        c.remember(name, body)
        terms[entity] = search_term(body, key)
    c.remember("activity_id", c.call("GET", "/api/v2/activities", {"limit": 5}))
    c.remember("pipeline_id", c.call("GET", "/api/v2/pipelines"))
    c.remember("stage_id", c.call("GET", "/api/v2/stages"))
    c.remember("user_id", c.call("GET", "/api/v1/users"))
    c.remember("lead_id", c.call("GET", "/api/v1/leads", {"limit": 5}))
    c.remember("file_id", c.call("GET", "/api/v1/files", {"limit": 5}))
    c.remember("thread_id", c.call("GET", "/api/v1/mailbox/mailThreads", {"folder": "inbox", "limit": 5}))
    me = c.call("GET", "/api/v1/users/me")
    c.remember("me_id", me)

    # Seed reads, v1 (deprecated ones are validated against the 2026-01-14 spec).
    c.call("GET", "/api/v1/activities", {"limit": 5})
    c.call("GET", "/api/v1/deals/{deal_id}/activities", needs=["deal_id"])
    c.call("GET", "/api/v1/organizations/{org_id}/activities", needs=["org_id"])
    c.call("GET", "/api/v1/persons/{person_id}/activities", needs=["person_id"])
    for item in RECENT_ITEMS:
        c.call("GET", "/api/v1/recents", {"since_timestamp": SINCE, "items": item, "limit": 5})
    c.call("GET", "/api/v1/activityTypes")
    c.call("GET", "/api/v1/callLogs", {"limit": 5})
    c.call("GET", "/api/v1/currencies")
    c.call("GET", "/api/v1/deals", {"limit": 5})
    c.call("GET", "/api/v1/deals/search", {"term": terms["deals"], "limit": 5})
    c.call("GET", "/api/v1/organizations/{org_id}/deals", needs=["org_id"])
    c.call("GET", "/api/v1/persons/{person_id}/deals", needs=["person_id"])
    c.call("GET", "/api/v1/pipelines/{pipeline_id}/deals", needs=["pipeline_id"])
    c.call("GET", "/api/v1/products/{product_id}/deals", needs=["product_id"])
    c.call("GET", "/api/v1/files", {"limit": 5})
    c.call("GET", "/api/v1/organizations/{org_id}/files", needs=["org_id"])
    c.call("GET", "/api/v1/persons/{person_id}/files", needs=["person_id"])
    c.call("GET", "/api/v1/products/{product_id}/files", needs=["product_id"])
    c.call("GET", "/api/v1/filters")
    c.call("GET", "/api/v1/goals/find")
    c.call("GET", "/api/v1/itemSearch", {"term": terms["deals"], "limit": 5})
    c.call("GET", "/api/v1/notes", {"limit": 5})
    c.call("GET", "/api/v1/organizations", {"limit": 5})
    c.call("GET", "/api/v1/organizations/search", {"term": terms["organizations"], "limit": 5})
    c.call("GET", "/api/v1/organizationRelationships", {"org_id": c.ids.get("org_id", 0)}, needs=["org_id"])
    c.call("GET", "/api/v1/persons", {"limit": 5})
    c.call("GET", "/api/v1/persons/search", {"term": terms["persons"], "limit": 5})
    c.call("GET", "/api/v1/pipelines")
    c.call("GET", "/api/v1/products", {"limit": 5})
    c.call("GET", "/api/v1/products/search", {"term": terms["products"], "limit": 5})
    c.call("GET", "/api/v1/roles")
    c.call("GET", "/api/v1/stages")
    c.remember("team_id", c.call("GET", "/api/v1/teams"))
    c.call("GET", "/api/v1/teams/user/{me_id}", needs=["me_id"])
    c.call("GET", "/api/v1/users/find", {"term": "de"})
    c.call("GET", "/api/v1/webhooks")

    # v2 reads: lists filtered as the seed's sub-lists, searches, single rows.
    for key, name in (("deal_id", "deal_id"), ("org_id", "org_id"), ("person_id", "person_id")):
        c.call("GET", "/api/v2/activities", {key: c.ids.get(name, 0), "limit": 5}, needs=[name])
    for key in ("org_id", "person_id", "pipeline_id"):
        c.call("GET", "/api/v2/deals", {key: c.ids.get(key, 0), "limit": 5}, needs=[key])
    for entity in ("deals", "persons", "organizations", "products"):
        c.call("GET", f"/api/v2/{entity}/search", {"term": terms[entity], "limit": 5})
    c.call("GET", "/api/v2/itemSearch", {"term": terms["deals"], "limit": 5})
    for entity, name in (("deals", "deal_id"), ("persons", "person_id"), ("organizations", "org_id"),
                         ("products", "product_id"), ("activities", "activity_id"), ("pipelines", "pipeline_id"),
                         ("stages", "stage_id")):
        c.call("GET", f"/api/v2/{entity}/{{{name}}}", needs=[name])
    for entity, name in (("deals", "deal_id"), ("persons", "person_id"), ("organizations", "org_id")):
        c.call("GET", f"/api/v1/{entity}/{{{name}}}", needs=[name])
    c.call("GET", "/api/v1/users/{user_id}", needs=["user_id"])
    c.call("GET", "/api/v1/leads/{lead_id}", needs=["lead_id"])

    # Sub-endpoints.
    for entity, name in (("deals", "deal_id"), ("organizations", "org_id"), ("persons", "person_id")):
        c.call("GET", f"/api/v1/{entity}/{{{name}}}/flow", {"limit": 5}, needs=[name])
        c.call("GET", f"/api/v1/{entity}/{{{name}}}/followers", needs=[name])
        c.call("GET", f"/api/v1/{entity}/{{{name}}}/mailMessages", {"limit": 5}, needs=[name])
        c.call("GET", f"/api/v2/{entity}/{{{name}}}/followers", needs=[name])
    c.call("GET", "/api/v1/deals/{deal_id}/participants", needs=["deal_id"])
    c.call("GET", "/api/v1/deals/{deal_id}/permittedUsers", needs=["deal_id"])
    c.call("GET", "/api/v1/deals/{deal_id}/persons", needs=["deal_id"])
    c.call("GET", "/api/v1/products/{product_id}/followers", needs=["product_id"])
    c.call("GET", "/api/v2/products/{product_id}/followers", needs=["product_id"])
    c.call("GET", "/api/v1/users/{me_id}/followers", needs=["me_id"])
    c.call("GET", "/api/v2/users/{me_id}/followers", needs=["me_id"])
    c.call("GET", "/api/v1/files/{file_id}/download", needs=["file_id"], binary=True)

    # Every *Fields endpoint.
    for fields in ("activityFields", "dealFields", "leadFields", "noteFields", "organizationFields", "personFields",
                   "productFields"):
        c.call("GET", f"/api/v1/{fields}")
    for fields in ("activityFields", "dealFields", "organizationFields", "personFields", "productFields"):
        body = c.call("GET", f"/api/v2/{fields}")
        codes = [f.get("field_code") for f in ((body or {}).get("data") or []) if isinstance(f, dict)]
        if codes:
            c.call("GET", f"/api/v2/{fields}/{codes[0]}")

    writes_v1(c)
    writes_v2(c)
    oauth_flow(c, oauth)


def writes_v1(c):
    """The seed's create, update and delete actions, on rows the run creates itself."""
    ids = c.ids
    # Activities.
    c.remember("new_activity", c.call("POST", "/api/v1/activities", json_body={"subject": "Contract call", "type": "call"}))
    c.call("PUT", "/api/v1/activities/{new_activity}", json_body={"subject": "Contract call 2"}, needs=["new_activity"])
    c.call("DELETE", "/api/v1/activities", {"ids": ids.get("new_activity", 0)}, needs=["new_activity"])
    # Activity types.
    c.remember("new_type", c.call("POST", "/api/v1/activityTypes", json_body={"name": "Contract type", "icon_key": "call"}))
    c.call("PUT", "/api/v1/activityTypes/{new_type}", json_body={"name": "Contract type 2"}, needs=["new_type"])
    c.call("DELETE", "/api/v1/activityTypes", {"ids": ids.get("new_type", 0)}, needs=["new_type"])
    # Call logs.
    c.remember("new_call", c.call("POST", "/api/v1/callLogs", json_body={
        "outcome": "connected", "to_phone_number": "+15550100", "start_time": "2026-01-01 10:00:00",
        "end_time": "2026-01-01 10:05:00", "subject": "Contract call log"}))
    c.call("DELETE", "/api/v1/callLogs/{new_call}", needs=["new_call"])
    # Deals.
    c.remember("new_deal", c.call("POST", "/api/v1/deals", json_body={"title": "Contract deal"}))
    c.call("PUT", "/api/v1/deals/{new_deal}", json_body={"title": "Contract deal 2"}, needs=["new_deal"])
    c.remember("new_deal_twin", c.call("POST", "/api/v1/deals", json_body={"title": "Contract deal twin"}))
    c.call("PUT", "/api/v1/deals/{new_deal_twin}/merge", json_body={"merge_with_id": ids.get("new_deal")}, needs=["new_deal", "new_deal_twin"])
    c.call("DELETE", "/api/v1/deals", {"ids": ids.get("new_deal", 0)}, needs=["new_deal"])
    # Deal, organization and product fields.
    for fields in ("dealFields", "organizationFields", "productFields"):
        key = "new_" + fields
        c.remember(key, c.call("POST", f"/api/v1/{fields}", json_body={"name": "Contract field", "field_type": "varchar"}))
        c.call("PUT", f"/api/v1/{fields}/{{{key}}}", json_body={"name": "Contract field 2"}, needs=[key])
        c.call("DELETE", f"/api/v1/{fields}", {"ids": ids.get(key, 0)}, needs=[key])
    # Files.
    c.remember("new_file", c.call("POST", "/api/v1/files", form={"deal_id": 1}, files={"file": ("contract.txt", b"contract check\n")}))
    c.call("PUT", "/api/v1/files/{new_file}", json_body={"name": "contract-2.txt"}, needs=["new_file"])
    c.call("GET", "/api/v1/files/{new_file}/download", needs=["new_file"], binary=True)
    c.call("DELETE", "/api/v1/files/{new_file}", needs=["new_file"])
    # Filters.
    c.remember("new_filter", c.call("POST", "/api/v1/filters", json_body={
        "name": "Contract filter", "type": "deals",
        "conditions": {"glue": "and", "conditions": [
            {"glue": "and", "conditions": [{"object": "deal", "field_id": "12", "operator": "=", "value": "open"}]},
            {"glue": "or", "conditions": []}]}}))
    c.call("PUT", "/api/v1/filters/{new_filter}", json_body={"name": "Contract filter 2", "conditions": {
        "glue": "and", "conditions": [
            {"glue": "and", "conditions": [{"object": "deal", "field_id": "12", "operator": "=", "value": "won"}]},
            {"glue": "or", "conditions": []}]}}, needs=["new_filter"])
    c.call("DELETE", "/api/v1/filters", {"ids": ids.get("new_filter", 0)}, needs=["new_filter"])
    # Goals.
    c.remember("new_goal", c.call("POST", "/api/v1/goals", json_body={
        "title": "Contract goal", "assignee": {"id": ids.get("me_id", 1), "type": "person"},
        "type": {"name": "deals_won", "params": {"pipeline_id": [ids.get("pipeline_id", 1)]}},
        "expected_outcome": {"target": 10, "tracking_metric": "quantity"},
        "duration": {"start": "2026-01-01", "end": "2026-12-31"}, "interval": "monthly"}),
        pick=lambda data: (data or {}).get("goal") if isinstance(data, dict) and "goal" in data else data)
    c.call("PUT", "/api/v1/goals/{new_goal}", json_body={"title": "Contract goal 2"}, needs=["new_goal"])
    c.call("DELETE", "/api/v1/goals/{new_goal}", needs=["new_goal"])
    # Leads.
    c.remember("new_lead", c.call("POST", "/api/v1/leads", json_body={"title": "Contract lead", "person_id": ids.get("person_id")}))
    c.call("PATCH", "/api/v1/leads/{new_lead}", json_body={"title": "Contract lead 2"}, needs=["new_lead"])
    c.call("DELETE", "/api/v1/leads/{new_lead}", needs=["new_lead"])
    # Mail threads.
    c.call("PUT", "/api/v1/mailbox/mailThreads/{thread_id}", form={"read_flag": "1"}, needs=["thread_id"])
    c.call("DELETE", "/api/v1/mailbox/mailThreads/{thread_id}", needs=["thread_id"])
    # Notes.
    c.remember("new_note", c.call("POST", "/api/v1/notes", json_body={"content": "Contract note", "deal_id": ids.get("deal_id")}))
    c.call("PUT", "/api/v1/notes/{new_note}", json_body={"content": "Contract note 2"}, needs=["new_note"])
    c.call("DELETE", "/api/v1/notes/{new_note}", needs=["new_note"])
    # Organizations.
    c.remember("new_org", c.call("POST", "/api/v1/organizations", json_body={"name": "Contract org"}))
    c.call("PUT", "/api/v1/organizations/{new_org}", json_body={"name": "Contract org 2"}, needs=["new_org"])
    # Organization relationships (between two real organizations).
    c.remember("new_relationship", c.call("POST", "/api/v1/organizationRelationships", json_body={
        "type": "parent", "rel_owner_org_id": ids.get("org_id"), "rel_linked_org_id": ids.get("new_org")},
        needs=["org_id", "new_org"]))
    c.call("PUT", "/api/v1/organizationRelationships/{new_relationship}", json_body={"type": "related"},
           needs=["new_relationship"])
    c.call("DELETE", "/api/v1/organizationRelationships/{new_relationship}", needs=["new_relationship"])
    c.remember("new_org_twin", c.call("POST", "/api/v1/organizations", json_body={"name": "Contract org twin"}))
    c.call("PUT", "/api/v1/organizations/{new_org_twin}/merge", json_body={"merge_with_id": ids.get("new_org")}, needs=["new_org", "new_org_twin"])
    c.call("DELETE", "/api/v1/organizations", {"ids": ids.get("new_org", 0)}, needs=["new_org"])
    # Persons.
    c.remember("new_person", c.call("POST", "/api/v1/persons", json_body={"name": "Contract person"}))
    c.call("PUT", "/api/v1/persons/{new_person}", json_body={"name": "Contract person 2"}, needs=["new_person"])
    c.remember("new_person_twin", c.call("POST", "/api/v1/persons", json_body={"name": "Contract person twin"}))
    c.call("PUT", "/api/v1/persons/{new_person_twin}/merge", json_body={"merge_with_id": ids.get("new_person")}, needs=["new_person", "new_person_twin"])
    c.call("DELETE", "/api/v1/persons", {"ids": ids.get("new_person", 0)}, needs=["new_person"])
    # Pipelines and stages.
    c.remember("new_pipeline", c.call("POST", "/api/v1/pipelines", json_body={"name": "Contract pipeline"}))
    c.call("PUT", "/api/v1/pipelines/{new_pipeline}", json_body={"name": "Contract pipeline 2"}, needs=["new_pipeline"])
    c.remember("new_stage", c.call("POST", "/api/v1/stages", json_body={"name": "Contract stage", "pipeline_id": ids.get("new_pipeline")},
                                   needs=["new_pipeline"]))
    c.call("PUT", "/api/v1/stages/{new_stage}", json_body={"name": "Contract stage 2"}, needs=["new_stage"])
    c.call("DELETE", "/api/v1/stages", {"ids": ids.get("new_stage", 0)}, needs=["new_stage"])
    c.call("DELETE", "/api/v1/pipelines/{new_pipeline}", needs=["new_pipeline"])
    # Products.
    c.remember("new_product", c.call("POST", "/api/v1/products", json_body={"name": "Contract product"}))
    c.call("PUT", "/api/v1/products/{new_product}", json_body={"name": "Contract product 2"}, needs=["new_product"])
    c.call("DELETE", "/api/v1/products/{new_product}", needs=["new_product"])
    # Roles.
    c.remember("new_role", c.call("POST", "/api/v1/roles", json_body={"name": "Contract role"}))
    c.call("PUT", "/api/v1/roles/{new_role}", json_body={"name": "Contract role 2"}, needs=["new_role"])
    c.call("DELETE", "/api/v1/roles/{new_role}", needs=["new_role"])
    # Subscriptions (retired by Pipedrive; no spec describes them any more: status only).
    c.remember("new_subscription", c.call("POST", "/api/v1/subscriptions/recurring", json_body={
        "deal_id": ids.get("deal_id"), "currency": "EUR", "cadence_type": "monthly", "cycles_count": 12, "cycle_amount": 100,
        "start_date": "2026-01-01", "description": "Contract subscription"}, needs=["deal_id"]))
    c.call("PUT", "/api/v1/subscriptions/recurring/{new_subscription}",
           json_body={"description": "Contract 2", "effective_date": "2026-02-01"},
           needs=["new_subscription"])
    c.call("DELETE", "/api/v1/subscriptions/{new_subscription}", needs=["new_subscription"])
    # Teams (validated against /legacyTeams).
    c.remember("new_team", c.call("POST", "/api/v1/teams", json_body={"name": "Contract team", "manager_id": ids.get("me_id", 1)}))
    c.call("PUT", "/api/v1/teams/{new_team}", json_body={"name": "Contract team 2"}, needs=["new_team"])
    # Users.
    c.remember("new_user", c.call("POST", "/api/v1/users", json_body={"email": f"contract-{uuid.uuid4().hex[:8]}@example.com",
                                                                   "access": [{"app": "sales"}]}))
    c.call("PUT", "/api/v1/users/{new_user}", json_body={"active_flag": False}, needs=["new_user"])
    # Webhooks.
    c.remember("new_webhook", c.call("POST", "/api/v1/webhooks", json_body={
        "name": "Contract hook", "subscription_url": "https://example.com/hook", "event_action": "*",
        "event_object": "deal"}))
    c.call("DELETE", "/api/v1/webhooks/{new_webhook}", needs=["new_webhook"])


def writes_v2(c):
    """The v2 replacements of the seed's writes."""
    ids = c.ids
    bodies = {
        "deals": {"title": "Contract v2 deal"},
        "persons": {"name": "Contract v2 person"},
        "organizations": {"name": "Contract v2 org"},
        "products": {"name": "Contract v2 product"},
        "activities": {"subject": "Contract v2 activity", "type": "call"},
        "pipelines": {"name": "Contract v2 pipeline"},
    }
    for entity, body in bodies.items():
        key = "v2_" + entity
        c.remember(key, c.call("POST", f"/api/v2/{entity}", json_body=body))
        field = "title" if "title" in body else ("subject" if "subject" in body else "name")
        c.call("PATCH", f"/api/v2/{entity}/{{{key}}}", json_body={field: body[field] + " 2"}, needs=[key])
    c.remember("v2_stages", c.call("POST", "/api/v2/stages", json_body={"name": "Contract v2 stage", "pipeline_id": ids.get("v2_pipelines")},
                                   needs=["v2_pipelines"]))
    c.call("PATCH", "/api/v2/stages/{v2_stages}", json_body={"name": "Contract v2 stage 2"}, needs=["v2_stages"])
    for entity in ("deals", "persons", "organizations", "products", "activities", "stages", "pipelines"):
        c.call("DELETE", f"/api/v2/{entity}/{{v2_{entity}}}", needs=["v2_" + entity])


def oauth_flow(c, oauth):
    """Authorization code, token exchange, refresh, and an API call with the Bearer token."""
    client_id, secret, redirect_uri = oauth
    status, headers, _ = c.client.send("GET", "/oauth/authorize", {"client_id": client_id, "redirect_uri": redirect_uri,
                                                                    "state": "contract"}, auth=False)
    location = {k.lower(): v for k, v in headers.items()}.get("location", "")
    code = urllib.parse.parse_qs(urllib.parse.urlparse(location).query).get("code", [None])[0]
    c.record("PASS" if status == 302 and code else "FAIL", f"GET /oauth/authorize {status} [redirect with a code]",
             [] if status == 302 and code else [f"expected a 302 to {redirect_uri}?code=..., got {status} {location!r}"])
    basic = "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    if code is None:
        c.record("SKIP", "POST /oauth/token", ["no authorization code"])
        return
    tokens = c.call("POST", "/oauth/token", form={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri},
                    headers={"authorization": basic}, auth=False)
    refresh = (tokens or {}).get("refresh_token")
    if refresh is None:
        c.record("SKIP", "POST /oauth/token (refresh)", ["no refresh token"])
        return
    refreshed = c.call("POST", "/oauth/token", form={"grant_type": "refresh_token", "refresh_token": refresh},
                       headers={"authorization": basic}, auth=False)
    access = (refreshed or {}).get("access_token")
    if access:
        c.call("GET", "/api/v1/users/me", headers={"authorization": f"Bearer {access}"}, auth=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--spec-dir", default=str(DEFAULT_SPEC_DIR))
    parser.add_argument("--oauth-client", default="sandbox-client:sandbox-secret:http://127.0.0.1/oauth/callback",
                        help="CLIENT_ID:SECRET:REDIRECT_URI of a registered OAuth app")
    parser.add_argument("--query", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--json", dest="json_body", help="a JSON request body")
    parser.add_argument("--form", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("method", nargs="?")
    parser.add_argument("path", nargs="?")
    args = parser.parse_args()

    checker = Checker(Client(args.base_url, args.token), Specs(args.spec_dir))
    if args.method:
        if not args.path:
            parser.error("a single call needs METHOD and PATH")
        path, _, inline = args.path.partition("?")
        query = dict(urllib.parse.parse_qsl(inline, keep_blank_values=True))
        query.update(dict(pair.split("=", 1) for pair in args.query))
        checker.call(args.method.upper(), path, query or None,
                     json_body=json.loads(args.json_body) if args.json_body else None,
                     form=dict(pair.split("=", 1) for pair in args.form) if args.form else None)
    else:
        client_id, secret, redirect = args.oauth_client.split(":", 2)
        full_run(checker, (client_id, secret, redirect))
    sys.exit(0 if checker.summary() else 1)


if __name__ == "__main__":
    main()
