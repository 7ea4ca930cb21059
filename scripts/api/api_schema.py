#!/usr/bin/env python3
"""The node's JSON API against its own OpenAPI document: schemathesis (from PyPI) against a live `roundtable serve`.

Usage: api_schema.py PATH-TO-roundtable [--schema FILE] [--max-examples N] [--seed N] [--deadline SECONDS]

Starts a demonstration node (--demo) on a loopback port it binds itself (--port 0) in a temporary directory, fetches
the OpenAPI document the node serves at /api/v1/openapi.json (or reads --schema FILE instead, for a node that does not
serve it yet), and checks:

1. the document is valid OpenAPI 3.1 (openapi-spec-validator);
2. every operation that declares a security requirement refuses a request without credentials, with a bogus token
   and with the other kind of token: 401, `WWW-Authenticate`, and the JSON error `unauthenticated`;
3. schemathesis, with a fixed seed and a fixed number of examples per operation, sends generated requests to every
   operation (public ones without credentials; the others with a real member's API token or the operator's token,
   chosen by each operation's security requirement) and checks that no answer is a 5xx and that status codes,
   content types, response headers and response bodies are as documented, and that authenticated operations do not
   answer 2xx without their credentials (`ignored_auth`).

Before handing the document to schemathesis, the script adds `examples` of real values from the live forum to the
path parameters (a member id, a proposal id, a document hash, an exchanged object), so that the successful answers are
checked too and not only the 404s of random values. The node is stopped by its PID at the end. Exits non-zero on any
failure, after a short summary.
"""
import argparse
import base64
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import roundtable_node  # noqa: E402
from openapi_spec_validator import validate as validate_openapi  # noqa: E402

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    "ignored_auth",
]
MEMBER = "ee"
TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
TLP_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
TAXII = "application/taxii+json;version=2.1"


def http(url, method="GET", body=None, headers=None):
    """Sends a request; returns (status, headers, body bytes) for any status."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def http_json(url, method="GET", body=None, headers=None, expect=200):
    status, _, data = http(url, method, body, headers)
    if status != expect:
        raise RuntimeError(f"{method} {url} answered {status}, not {expect}: {data[:300]!r}")
    return json.loads(data)


def load_schema(url, schema_file):
    """The OpenAPI document: the one the node serves, or the file given."""
    if schema_file:
        with open(schema_file) as f:
            return json.load(f), schema_file
    status, headers, data = http(url + "/api/v1/openapi.json")
    if status != 200:
        raise RuntimeError(f"GET /api/v1/openapi.json answered {status}; does this node serve its OpenAPI document? "
                           "(--schema FILE tests a node that does not yet)")
    return json.loads(data), url + "/api/v1/openapi.json"


def exchanged_object(url, admin, member, token):
    """Creates a public collection and adds one TLP:CLEAR and one TLP:AMBER indicator by TAXII; returns the collection
    id and the two object ids once their receipts are served."""
    created = http_json(
        url + "/api/v1/admin/collections", "POST",
        json.dumps({"alias": "api-schema", "title": "API schema test", "public": True, "default_tlp": "amber"}).encode(),
        {"Content-Type": "application/json", "Authorization": "Bearer " + admin}, expect=201)
    objects = []
    for number, marking in enumerate((TLP_CLEAR, TLP_AMBER)):
        objects.append({
            "type": "indicator", "spec_version": "2.1", "id": f"indicator--{uuid.uuid5(uuid.NAMESPACE_URL, f'roundtable-api-schema-{number}')}",
            "created": "2026-11-29T00:00:00.000Z", "modified": "2026-11-29T00:00:00.000Z", "name": f"api schema {number}",
            "pattern": f"[ipv4-addr:value = '203.0.113.{number + 1}']", "pattern_type": "stix",
            "valid_from": "2026-11-29T00:00:00Z", "object_marking_refs": [marking]})
    basic = base64.b64encode(f"{member}:{token}".encode()).decode()
    status = http_json(
        f"{url}/taxii2/forum/collections/{created['id']}/objects/", "POST", json.dumps({"objects": objects}).encode(),
        {"Content-Type": TAXII, "Accept": TAXII, "Authorization": "Basic " + basic}, expect=202)
    if status.get("success_count") != 2:
        raise RuntimeError(f"TAXII add_objects did not store both objects: {status}")
    return created["id"], [o["id"] for o in objects]


def add_examples(schema, values):
    """Adds `examples` to path parameters, by name, for every operation that has them."""
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if "$ref" in parameter or parameter.get("in") != "path" or parameter["name"] not in values:
                    continue
                kind = str if parameter.get("schema", {}).get("type") == "string" else int
                fitting = [value for value in values[parameter["name"]] if isinstance(value, kind)]
                parameter["examples"] = {f"live{n}": {"value": value} for n, value in enumerate(fitting)}


def live_examples(url, collection, object_ids):
    proposals = http_json(url + "/api/v1/proposals")["proposals"]
    proposal = http_json(f"{url}/api/v1/proposals/{proposals[-1]['id']}")
    entries = http_json(url + "/api/v1/forum")["entries"]
    return {
        "id": [MEMBER] + [p["id"] for p in proposals[:1]],
        "index": [0, entries - 1],
        "sha256": [proposal["text_sha256"]],
        "collection": [collection],
        "object": object_ids,
    }


def secured_operations(schema):
    """(method, path, scheme names) of every operation whose security requires credentials."""
    found = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            requirements = operation.get("security", schema.get("security", []))
            if requirements and all(requirement for requirement in requirements):
                found.append((method.upper(), path, sorted({name for r in requirements for name in r})))
    return found


def probe_auth(url, schema, tokens, values=None):
    """Each secured operation refuses no credentials, a bogus token, and the other scheme's token: 401, a
    WWW-Authenticate challenge, and the JSON error `unauthenticated`. Path parameters take the first live example of
    their name (`values`). Returns the failures."""
    failures, probes = [], 0
    for method, template, schemes in secured_operations(schema):
        names = re.findall(r"\{(\w+)\}", template)
        if any(not (values or {}).get(name) for name in names):
            failures.append(f"{method} {template}: the auth probe has no value for its path parameters")
            continue
        path = re.sub(r"\{(\w+)\}", lambda match: urllib.parse.quote(str(values[match.group(1)][0]), safe=""), template)
        attempts = {"no credentials": None, "a bogus bearer token": "Bearer " + base64.b64encode(os.urandom(24)).decode()}
        for other, token in tokens.items():
            if other not in schemes:
                attempts[f"the {other} token"] = "Bearer " + token
        for what, authorization in attempts.items():
            headers = {"Content-Type": "application/json"}
            if authorization:
                headers["Authorization"] = authorization
            status, reply_headers, body = http(url + path, method, b'{"alias":"probe","title":"Probe"}', headers)
            probes += 1
            try:
                code = json.loads(body)["error"]["code"]
            except (ValueError, KeyError, TypeError):
                code = None
            if status != 401 or code != "unauthenticated" or not reply_headers.get("WWW-Authenticate"):
                failures.append(f"{method} {path} with {what} answered {status} {body[:200]!r}, not 401 unauthenticated "
                                "with a WWW-Authenticate challenge")
    return failures, probes


def schemathesis_config(directory, tokens, member_token):
    path = os.path.join(directory, "schemathesis.toml")
    with open(path, "w") as f:
        f.write(f'[auth.openapi.memberToken]\nbearer = "{tokens["memberToken"]}"\n\n')
        f.write(f'[auth.openapi.adminToken]\nbearer = "{tokens["adminToken"]}"\n\n')
        f.write(f'[auth.openapi.memberBasic]\nusername = "{MEMBER}"\npassword = "{member_token}"\n\n')
        # The one 5xx the document declares for a healthy node: an entry that no checkpoint covers yet (published
        # every second) answers 503 `not_yet_published` with Retry-After, which the stateful phase meets when it reads
        # the receipt of an act it has just caused. Its body and headers are still checked against the document.
        f.write('[[operations]]\ninclude-operation-id = "getActInclusionReceipt"\n'
                'checks.not_a_server_error.expected-statuses = ["2xx", "3xx", "4xx", "503"]\n')
    return path


def junit_counts(path):
    """(test cases, failures, errors) of the JUnit report."""
    root = ElementTree.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = sum(int(s.get("tests", 0)) for s in suites)
    failures = sum(int(s.get("failures", 0)) for s in suites)
    errors = sum(int(s.get("errors", 0)) for s in suites)
    return total, failures, errors


def run_schemathesis(arguments, schema_path, url, config, report, deadline):
    command = [
        os.path.join(os.path.dirname(sys.executable), "schemathesis"), "--config-file", config, "--no-color",
        "run", schema_path, "--url", url,
        "--checks", ",".join(CHECKS),
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(arguments.max_examples),
        "--seed", str(arguments.seed),
        "--generation-database", "none",
        "--workers", str(arguments.workers),
        "--request-timeout", "10",
        "--report", "junit", "--report-junit-path", report,
        # The inbox's event stream never ends by itself, so every request to it would run into the request timeout;
        # its answers are checked by RoundtableServerTests (CommunicationEndpointTests).
        "--exclude-operation-id", "streamInbox",
    ]
    if arguments.schema:
        # A node that does not serve its document yet answers 404 there; the served document describes that route.
        command += ["--exclude-operation-id", "getOpenAPIDocument"]
    print("$ " + " ".join(command), flush=True)
    # In the temporary directory, where schemathesis leaves its cache (.schemathesis/), not in the repository.
    process = subprocess.Popen(command, cwd=os.path.dirname(report))
    try:
        return process.wait(deadline), command
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        print(f"schemathesis did not finish within the deadline of {deadline} s", flush=True)
        return None, command


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", help="the roundtable executable")
    parser.add_argument("--schema", help="test against this OpenAPI file instead of the one the node serves")
    parser.add_argument("--max-examples", type=int, default=200,
                        help="examples per operation (fuzzing) and per scenario (stateful)")
    parser.add_argument("--seed", type=int, default=20261130, help="schemathesis's random seed")
    parser.add_argument("--workers", type=int, default=1,
                        help="concurrent schemathesis workers (1: hypothesis is not reliably thread-safe here)")
    parser.add_argument("--deadline", type=float, default=170, help="seconds schemathesis may run before it is stopped")
    arguments = parser.parse_args()

    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="roundtable-api-")
    log = open(os.path.join(work, "node.log"), "w")
    node, url = roundtable_node.start(arguments.binary, ["--demo", "--data", work + "/node"], log)
    problems, status = [], None
    try:
        member_token = open(f"{work}/node/demo-keys/{MEMBER}.token").read().strip()
        tokens = {"memberToken": member_token, "adminToken": open(work + "/node/admin.token").read().strip()}

        schema, source = load_schema(url, arguments.schema)
        validate_openapi(schema)
        print(f"OpenAPI document from {source}: valid, {sum(len(i) for i in schema['paths'].values())} operations", flush=True)

        auth_failures, probes = probe_auth(url, schema, tokens, {"index": [0], "id": [MEMBER]})
        problems += auth_failures
        print(f"auth probes: {probes - len(auth_failures)} of {probes} refused as documented", flush=True)

        collection, object_ids = exchanged_object(url, tokens["adminToken"], MEMBER, member_token)
        live = copy.deepcopy(schema)
        add_examples(live, live_examples(url, collection, object_ids))
        schema_path = os.path.join(work, "openapi.json")
        with open(schema_path, "w") as f:
            json.dump(live, f, indent=2)

        config = schemathesis_config(work, tokens, member_token)
        report = os.path.join(work, "junit.xml")
        status, _ = run_schemathesis(arguments, schema_path, url, config, report, arguments.deadline)
        if status is None:
            problems.append("schemathesis ran past its deadline")
        elif status != 0:
            problems.append(f"schemathesis exited with status {status}")
        if os.path.exists(report):
            total, failures, errors = junit_counts(report)
            print(f"schemathesis: {total} test suites (operations and stateful), {failures} with failures, {errors} with errors",
                  flush=True)
        if node.poll() is not None:
            problems.append(f"the node exited with status {node.returncode} during the run")
    finally:
        roundtable_node.stop(node)
        log.close()

    elapsed = time.monotonic() - started
    if problems:
        with open(os.path.join(work, "node.log")) as f:
            tail = f.readlines()[-20:]
        print("node log (last lines):\n" + "".join(tail), file=sys.stderr)
        for problem in problems:
            print("FAILED: " + problem, file=sys.stderr)
        print(f"API schema test failed in {elapsed:.0f} s ({work} kept)", file=sys.stderr)
        sys.exit(1)
    shutil.rmtree(work, ignore_errors=True)
    print(f"API schema test passed in {elapsed:.0f} s: the node answers as its OpenAPI document says")


if __name__ == "__main__":
    main()
