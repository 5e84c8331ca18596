"""docs/openapi.yaml against the routes registered in src/app/*.cpp: every registered (method, path) is
documented, every documented one is registered, and every $ref resolves. No server needed."""
import glob
import os
import re

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = os.path.join(ROOT, "docs", "openapi.yaml")
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}

# r.get("/x", ...), router.post("/x", ...), r.add("DELETE", "/x", ...), r.websocket("/x", ...),
# a pattern possibly on the next line after the opening parenthesis.
ROUTE = re.compile(r'\.(get|post|websocket)\(\s*"(/[^"]*)"|\.add\(\s*"([A-Z]+)"\s*,\s*"(/[^"]*)"')


def registered_routes():
    routes = set()
    for path in glob.glob(os.path.join(ROOT, "src", "app", "*.cpp")):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in ROUTE.finditer(text):
            if m.group(1):
                method = "get" if m.group(1) == "websocket" else m.group(1)
                routes.add((method, m.group(2)))
            else:
                routes.add((m.group(3).lower(), m.group(4)))
    return routes


@pytest.fixture(scope="module")
def spec():
    with open(SPEC, encoding="utf-8") as f:
        return yaml.safe_load(f)


def documented_routes(spec):
    return {(m, p) for p, ops in spec["paths"].items() for m in ops if m in METHODS}


def test_is_openapi_3(spec):
    assert str(spec["openapi"]).startswith("3.")
    assert spec["info"]["title"] and spec["info"]["version"]
    assert spec["paths"]


def test_sources_register_routes():
    routes = registered_routes()
    # The forms the scan must recognise, so that a change of form cannot empty it silently.
    assert ("get", "/healthz") in routes
    assert ("delete", "/api/v1/users/{login}") in routes
    assert ("get", "/api/v1/ws") in routes
    assert ("get", "/api/v1/customers/{tenant}/search") in routes


def test_every_registered_route_is_documented(spec):
    missing = registered_routes() - documented_routes(spec)
    assert not missing, f"registered but not in docs/openapi.yaml: {sorted(missing)}"


def test_every_documented_route_is_registered(spec):
    extra = documented_routes(spec) - registered_routes()
    assert not extra, f"in docs/openapi.yaml but not registered: {sorted(extra)}"


def test_path_parameters_are_declared(spec):
    def resolve(node):
        while "$ref" in node:
            node = lookup(spec, node["$ref"])
        return node

    for path, ops in spec["paths"].items():
        names = set(re.findall(r"\{([^}]+)\}", path))
        for method, op in ops.items():
            if method not in METHODS:
                continue
            params = [resolve(p) for p in op.get("parameters", []) + ops.get("parameters", [])]
            declared = {p["name"] for p in params if p["in"] == "path"}
            assert declared == names, f"{method.upper()} {path}: path parameters {declared} != {names}"
            assert op.get("tags"), f"{method.upper()} {path} has no tag"
            assert op.get("responses"), f"{method.upper()} {path} has no response"


def lookup(spec, ref):
    assert ref.startswith("#/"), ref
    node = spec
    for part in ref[2:].split("/"):
        assert part in node, f"unresolved $ref {ref}"
        node = node[part]
    return node


def test_every_ref_resolves(spec):
    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    lookup(spec, value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
