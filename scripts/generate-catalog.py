#!/usr/bin/env python3
"""Generates Sources/PipedriveEngine/Generated/CatalogData.swift from the seed and seed-endpoints-today.md.

Usage: scripts/generate-catalog.py [spec] [output]   (run from the package root)

The seed is a rendered page: resource headings were lost, so a resource starts at "Based on resource
template Base." (or, for itemSearch, at a "[Read] action" after fields) and is named by the last segment
of its Read path. Where the seed slips, the script does what it means and says so in a comment below.
"""
import re
import sys
from pathlib import Path

SPEC = Path(sys.argv[1] if len(sys.argv) > 1 else "spec")
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "Sources/PipedriveEngine/Generated/CatalogData.swift")

TEMPLATES = ["ShortText", "LongText", "DateTime", "User", "Reference", "PersonRef", "OrganizationRef", "Activity",
             "File", "Person", "Product", "Deal", "Follower", "CustomField"]
# resourceManager['X'] and parameter prefixes name resources by their singular.
RESOURCE_OF = {"Activity": "activities", "Deal": "deals", "File": "files", "Product": "products",
               "deal": "deals", "org": "organizations", "person": "persons", "pipeline": "pipelines",
               "product": "products", "team": "teams"}
FIELD_LINE = re.compile(r"^- ([a-z_][a-z0-9_]*|\{\{=external\.key\}\})$")


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def template_case(name):
    return "." + name[0].lower() + name[1:]


def data_type(text):
    m = re.search(r"Data type: (DT_\w+)(?: \( length (\d+) \))?", text)
    if not m:
        return None
    kind, length = m.group(1), m.group(2)
    return {"DT_I4": ".i4", "DT_BOOL": ".bool", "DT_R8": ".r8", "DT_DBTIMESTAMP": ".dbTimestamp",
            "DT_IMAGE": ".image"}.get(kind) or f".wstr(length: {length})"


def components(text):
    if "Field components:" not in text:
        return None
    part = text.split("Field components:", 1)[1]
    args = []
    if "An array." in part:
        args.append("isArray: true")
    m = re.search(r"Uses template:\s*(\w+)", part)
    if m:
        args.append(f"template: {template_case(m.group(1))}")
    m = re.search(r"Contains the following components: ([^.]*)\.", part)
    if m:
        names = ", ".join(swift_string(n.strip()) for n in m.group(1).split(","))
        args.append(f"names: [{names}]")
    return "Components(" + ", ".join(args) + ")"


def placeholders(path):
    return re.sub(r"\{\{=(?:parameters|item)\.(\w+)\}\}", r"{\1}", path)


def parse_field(name, text):
    args = [swift_string(name)]
    head = text.split("Field components:", 1)[0]
    m = re.search(r"(?<!Uses )Template: (\w+)\.", head)
    if m:
        args.append(f"template: {template_case(m.group(1))}")
    dt = data_type(head)
    if dt:
        args.append(f"dataType: {dt}")
    if "A key field." in text:
        args.append("isKey: true")
    if "A read-only field." in text:
        args.append("isReadOnly: true")
    if "A composite field." in text:
        args.append("isComposite: true")
    comp = components(text)
    if comp:
        args.append(f"components: {comp}")
    m = re.search(r"resourceManager\['(\w+)'\]\.getData\(\{ endpoint: '(\w+)', parameters: \['(\w+)=' \+ item\.id\] \}\)", text)
    if m:
        resource, endpoint, parameter = m.groups()
        args.append(f"gather: .action(resource: {swift_string(RESOURCE_OF[resource])}, "
                    f"action: {swift_string('Read ' + endpoint)}, parameter: {swift_string(parameter)})")
    m = re.search(r"The value is gathered from\s*(\S+)\s*address", text)
    if m:
        extraction = ".bytes" if "DT_IMAGE" in text else ".data"
        args.append(f"gather: .endpoint(path: {swift_string(placeholders(m.group(1)))}, extraction: {extraction})")
    return "Field(" + ", ".join(args) + ")"


def split_items(lines, pattern):
    """Splits lines into (heading match, body text) at each line matching pattern."""
    items = []
    for line in lines:
        m = pattern.match(line)
        if m:
            items.append([m, []])
        elif items:
            items[-1][1].append(line)
    return [(m, "\n".join(body)) for m, body in items]


def parse_action(name, text):
    path = placeholders(re.search(r"Endpoint URL address:\s*(\S+)", text).group(1))
    params = re.findall(r"^- (\w+): (Required|Optional)\. (.*)$", text, re.M)
    declared = [p[0] for p in params]
    # The seed's slip: files [Read product] writes {{=parameters.id}} for its product_id parameter.
    for used in re.findall(r"\{(\w+)\}", path):
        if used != "id" or "parameters.id" not in text:
            continue
        unused = [p for p in declared if "{%s}" % p not in path]
        if len(unused) == 1:
            path = path.replace("{id}", "{%s}" % unused[0])
    # The seed's slip: organizationRelationships [Read] omits the org_id that Pipedrive requires
    # (GET /v1/organizationRelationships?org_id=, required in the v1 spec).
    if name == "Read" and path == "/organizationRelationships":
        params.append(("org_id", "Required", "Specify organization identifier."))
    kind = name.split()[0].lower()
    method = {"read": "get", "create": "post", "update": "put", "delete": "delete"}[kind]
    m = re.search(r"The action uses (\w+) method", text)
    if m:
        method = m.group(1).lower()
    automatic = []
    if "automatically processed:" in text:
        auto = text.split("automatically processed:", 1)[1]
        for key, value in re.findall(r"^(\w+):\n(\S+)", auto, re.M):
            if "pluck(batch" in value:
                automatic.append(f".batchIDs(name: {swift_string(key)})")
            elif value == "{{=item.content}}":
                automatic.append(f".itemContent(name: {swift_string(key)})")
            else:
                automatic.append(f".fixed(name: {swift_string(key)}, value: {swift_string(value)})")
    if "pluck(response.data, 'data')" in text:
        extraction = ".recentsData"
    elif path == "/itemSearch":
        extraction = ".searchItems"
    elif path.endswith("/search"):
        extraction = ".searchItemRecords"
    else:
        extraction = ".data"
    documentation = re.search(r"Documentation: (\S+)", text).group(1).rstrip(".")
    return dict(name=name, kind=kind, method=method, path=path, params=params, automatic=automatic,
                extraction=extraction, documentation=documentation)


def parameter_kind(name):
    if name == "term":
        return ".term"
    if name == "folder":
        return ".folder"
    if name == "since_timestamp":
        return ".timestamp"
    return f".id(of: {swift_string(RESOURCE_OF[name[:-3]])})"


def resource_name(actions):
    read = next((a for a in actions if a["name"] == "Read"), actions[0])
    segments = [s for s in read["path"].split("/") if s and not s.startswith("{") and s != "find"]
    return segments[-1] if read["name"] == "Read" else segments[0]


def parse_resource(lines):
    start = next(i for i, line in enumerate(lines) if FIELD_LINE.match(line) or line.startswith("The resource includes"))
    actions = [parse_action(m.group(1), body)
               for m, body in split_items(lines[:start], re.compile(r"^- \[(.+)\] action$"))]
    field_lines = lines[start:]
    included = None
    for line in field_lines:
        m = re.match(r"The resource includes the fields from the (\w+) template\.", line)
        if m:
            included = m.group(1)
    fields, external = [], None
    for m, body in split_items(field_lines, FIELD_LINE):
        name = m.group(1)
        if name == "{{=external.key}}":
            continue
        ext = re.search(r"The external fields URL address:\s*(\S+)", body)
        if ext:
            external = ext.group(1)
            body = body.split("- [External]")[0]
        # The seed's slip: users lost the heading of one field ("- email"), leaving its template line twice.
        if name == "locale" and body.count("Template: ShortText.") == 2:
            fields.append(parse_field(name, "Template: ShortText."))
            fields.append(parse_field("email", "Template: ShortText."))
            continue
        fields.append(parse_field(name, body))
    return dict(name=resource_name(actions), actions=actions, included=included, fields=fields, external=external)


def parse_today():
    rows = []
    text = (SPEC / "docs/seed-endpoints-today.md").read_text()
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[3] in ("current", "deprecated", "removed", "absent"):
            rows.append(cells)
    return rows


def v2_call(replacement, action):
    if not replacement:
        return "nil"
    m = re.match(r"(GET|POST|PATCH|PUT|DELETE) /api/v2(\S*)", replacement)
    method, target = m.group(1).lower(), m.group(2)
    path, _, query = target.partition("?")
    names = [q.split("=")[0] for q in query.split("&") if q] if query else [p[0] for p in action["params"]]
    args = [f".{method}", swift_string(path)]
    if names:
        args.append("query: [" + ", ".join(swift_string(n) for n in names) + "]")
    if "one call per id" in replacement:
        args.append("perID: true")
    return "V2Call(" + ", ".join(args) + ")"


def main():
    text = (SPEC / "seed/000_9c50455bcb94e564.txt").read_text()
    # The page ran some field headings onto the end of the previous line ("expression.- participants").
    text = re.sub(r"\.- ([a-z_][a-z0-9_]*)$", ".\n- \\1", text, flags=re.M)
    lines = [l.rstrip() for l in text.splitlines()]
    first = lines.index("Based on resource template Base.")
    # The Base template: a [Read] action with no endpoint, just before the field templates.
    base = next(i for i in range(first, len(lines)) if lines[i] == "- [Read] action"
                and lines[i + 2].startswith("The result is extracted from:{{=response.data}}"))
    chunks, current = [], []
    for i in range(first, base):
        line = lines[i]
        starts = line == "Based on resource template Base." or (
            line == "- [Read] action" and current and any(FIELD_LINE.match(l) for l in current))
        if starts:
            if current:
                chunks.append(current)
            current = []
            if line.startswith("Based"):
                continue
        current.append(line)
    chunks.append(current)
    resources = [parse_resource(chunk) for chunk in chunks]

    templates = []
    end = lines.index("What's New")
    tpl = re.compile(r"^- (" + "|".join(TEMPLATES) + r")$")
    for m, body in split_items(lines[base:end], tpl):
        args = [template_case(m.group(1))]
        dt = data_type(body)
        if dt:
            args.append(f"dataType: {dt}")
        u = re.search(r"Uses template:\s*(\w+)", body)
        if u:
            args.append(f"base: {template_case(u.group(1))}")
        c = re.search(r"Contains the following components: ([^\n]*)\.", body)
        if c:
            args.append("components: [" + ", ".join(swift_string(n.strip()) for n in c.group(1).split(",")) + "]")
        templates.append("TemplateDefinition(" + ", ".join(args) + ")")

    rows = parse_today()
    # The seed's slip: some gathered fields name an action their resource lacks (files and products have
    # no [Read deal], products no [Read person]); the v1 sub-endpoint (/deals/{id}/files) serves them.
    names = {(r["name"], a["name"]) for r in resources for a in r["actions"]}
    gathered = re.compile(r'\.action\(resource: "(\w+)", action: "Read (\w+)", parameter: "\w+"\)')

    def to_endpoint(m):
        if (m.group(1), "Read " + m.group(2)) in names:
            return m.group(0)
        return f'.endpoint(path: "/{RESOURCE_OF[m.group(2)]}/{{id}}/{m.group(1)}", extraction: .data)'

    for r in resources:
        r["fields"] = [gathered.sub(to_endpoint, f) for f in r["fields"]]
    actions = [(r, a) for r in resources for a in r["actions"]]
    assert len(rows) == len(actions), (len(rows), len(actions))
    out = ["// Generated by scripts/generate-catalog.py from the seed and seed-endpoints-today.md; do not edit.",
           "// swift-format-ignore-file", "",
           "enum CatalogData {",
           "    static let templates: [TemplateDefinition] = ["]
    out += [f"        {t}," for t in templates]
    out += ["    ]", "", "    static let resources: [Resource] = ["]
    for (resource, action), row in zip(actions, rows):
        assert row[1] == action["name"], (row, action["name"])
        action["status"], action["v2"] = row[3], v2_call(row[4], action)
    for r in resources:
        out.append("        Resource(")
        out.append(f"            name: {swift_string(r['name'])},")
        out.append("            actions: [")
        for a in r["actions"]:
            args = [f"resource: {swift_string(r['name'])}", f"name: {swift_string(a['name'])}", f"kind: .{a['kind']}",
                    f"method: .{a['method']}", f"path: {swift_string(a['path'])}"]
            if a["params"]:
                params = ", ".join(
                    f"Parameter(name: {swift_string(n)}{'' if req == 'Required' else ', isRequired: false'}, "
                    f"description: {swift_string(d)}, kind: {parameter_kind(n)})" for n, req, d in a["params"])
                args.append(f"parameters: [{params}]")
            if a["automatic"]:
                args.append("automatic: [" + ", ".join(a["automatic"]) + "]")
            if a["extraction"] != ".data":
                args.append(f"extraction: {a['extraction']}")
            args.append(f"status: .{a['status']}")
            if a["v2"] != "nil":
                args.append(f"v2: {a['v2']}")
            args.append(f"documentation: {swift_string(a['documentation'])}")
            out.append("                Action(" + ", ".join(args) + "),")
        out.append("            ],")
        if r["included"]:
            out.append(f"            includedTemplate: {template_case(r['included'])},")
        out.append("            fields: [")
        out += [f"                {f}," for f in r["fields"]]
        out.append("            ]" + ("," if r["external"] else ""))
        if r["external"]:
            out.append(f"            customFieldsPath: {swift_string(r['external'])}")
        out.append("        ),")
    out += ["    ]", "}", ""]
    OUT.write_text("\n".join(out))
    print(f"{len(resources)} resources, {len(actions)} actions, {len(templates)} templates -> {OUT}")


main()
