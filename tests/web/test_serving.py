"""Plateau serves the built desktop (web/dist) at / over real HTTP: index.html, assets with their content
types and cache headers, revalidation, and nothing outside the directory nor under /api/."""
import glob
import http.client
import json
import os

from web_harness import WEB_DIST


def request(plateau, path, method="GET", headers=None):
    """Sends `path` exactly as given (no normalisation of "..", unlike a browser)."""
    conn = http.client.HTTPConnection("127.0.0.1", plateau.http_port, timeout=5)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def an_asset(suffix):
    found = sorted(glob.glob(os.path.join(WEB_DIST, "assets", "*" + suffix)))
    assert found, "no %s asset in %s" % (suffix, WEB_DIST)
    return "/assets/" + os.path.basename(found[0]), found[0]


def test_root_is_the_desktop(plateau):
    status, headers, body = request(plateau, "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-cache"
    assert "default-src 'self'" in headers["content-security-policy"]
    with open(os.path.join(WEB_DIST, "index.html"), "rb") as f:
        assert body == f.read()
    assert b'<div id="app">' in body
    assert request(plateau, "/index.html")[2] == body


def test_assets_have_their_type_and_are_cached(plateau):
    for suffix, ctype in ((".js", "text/javascript; charset=utf-8"), (".css", "text/css; charset=utf-8")):
        path, local = an_asset(suffix)
        status, headers, body = request(plateau, path)
        assert status == 200, path
        assert headers["content-type"] == ctype
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        assert headers["x-content-type-options"] == "nosniff"
        with open(local, "rb") as f:
            assert body == f.read()
        status, _, body = request(plateau, path, headers={"If-None-Match": headers["etag"]})
        assert status == 304 and body == b""
    status, headers, _ = request(plateau, "/favicon.svg")
    assert status == 200 and headers["content-type"] == "image/svg+xml"


def test_nothing_outside_the_directory(plateau):
    # The data directory sits elsewhere; these try to climb out of web/dist towards files that exist.
    for path in ("/../package.json", "/..%2fpackage.json", "/%2e%2e/%2e%2e/README.md", "/assets/../../package.json",
                 "/assets/%2E%2E/%2E%2E/web/package.json", "/..%5c..%5cREADME.md", "//etc/passwd", "/.%2e/README.md",
                 "/%00", "/.vite/manifest.json"):
        status, _, body = request(plateau, path)
        assert status == 404, path
        assert b'"name": "plateau-desktop"' not in body and b"# Plateau" not in body, path
    assert request(plateau, "/%zz")[0] == 400
    assert request(plateau, "/missing.js")[0] == 404


def test_api_paths_are_never_files(plateau):
    status, headers, body = request(plateau, "/api/v1/no-such-thing", headers={"Authorization": "Bearer sip-test-token"})
    assert status == 404
    assert json.loads(body)["error"]["code"] == "not_found"
    assert request(plateau, "/api/v1/calls")[0] == 401  # the API still asks for its token
    assert request(plateau, "/healthz")[0] == 200  # the server's own routes come first


def test_other_methods_are_refused(plateau):
    status, headers, _ = request(plateau, "/", method="POST")
    assert status == 405
    assert headers["allow"] == "GET"
