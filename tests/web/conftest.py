"""Fixtures of the web desktop suite: a fresh Plateau per test serving the built desktop (web/dist), and
`desk`, which runs one of the node scripts beside this file in headless Chromium (browser.cjs).

Needs the desktop built (`make build` builds web/dist), its npm packages (web/node_modules, from
scripts/setup.sh), Debian's chromium at /usr/bin/chromium, and node. Screenshots and the page's console
go under $PLATEAU_WEB_ARTEFACTS (default build/test-artefacts/web), one folder per test."""
import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SIP_TESTS = os.path.join(REPO, "tests", "sip")
if SIP_TESTS not in sys.path:
    sys.path.insert(0, SIP_TESTS)

from plateau_harness import Plateau, SANITIZED, SLOWDOWN, TOKEN  # noqa: E402

WEB_DIST = os.path.join(REPO, "web", "dist")
ARTEFACTS = os.environ.get("PLATEAU_WEB_ARTEFACTS") or os.path.join(REPO, "build", "test-artefacts", "web")


class WebPlateau(Plateau):
    """A Plateau that serves web/dist (--http-web-dir)."""

    def command(self):
        return super().command() + ["--http-web-dir", WEB_DIST]

    def start(self, timeout=60.0):
        # The first server of a session generates the shared prompts: slow on a busy machine.
        return super().start(timeout)


def _require_desktop():
    problems = []
    if not os.path.isfile(os.path.join(WEB_DIST, "index.html")):
        problems.append("web/dist/index.html is missing: build the desktop (make build, or cd web && npm run build)")
    if not os.path.isdir(os.path.join(REPO, "web", "node_modules", "playwright-core")):
        problems.append("web/node_modules/playwright-core is missing: run scripts/setup.sh (npm ci in web/)")
    if not shutil.which("node"):
        problems.append("node is not installed (scripts/setup.sh installs it)")
    if not os.access(os.environ.get("PLATEAU_CHROMIUM", "/usr/bin/chromium"), os.X_OK):
        problems.append("/usr/bin/chromium is missing (Debian package chromium; scripts/setup.sh installs it)")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def plateau(request, tmp_path):
    """A running Plateau with tests/sip/provisioning.toml serving web/dist; stopped after the test (exit 0)."""
    _require_desktop()
    server = WebPlateau(str(tmp_path))
    request.node._plateau = server
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    yield server
    code = server.stop()
    problems = []
    if code != 0:
        problems.append("plateau did not exit cleanly on SIGTERM: exit code %s" % code)
    if SANITIZED and server.sanitizer_findings():
        problems.append("sanitizer reports:\n  " + "\n  ".join(server.sanitizer_findings()[:20]))
    if problems:
        pytest.fail("\n".join(problems) + "\n" + server.log_tail(120), pytrace=False)


@pytest.fixture
def artefacts(request):
    """The folder of this test's screenshots and browser console logs (kept after the run)."""
    path = os.path.join(ARTEFACTS, request.node.name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path, exist_ok=True)
    return path


@pytest.fixture
def desk(plateau, artefacts):
    """desk("script.cjs", NAME=value...) runs a browser script against the plateau; fails the test with the
    script's output unless every check passed."""

    def run(script, timeout=120, **env):
        full = dict(os.environ)
        full.update({"BASE_URL": "http://127.0.0.1:%d" % plateau.http_port, "OUT_DIR": artefacts,
                     "PLATEAU_WEB_TIMEOUT_MS": str(int(10000 * SLOWDOWN))})
        full.update({k: str(v) for k, v in env.items()})
        proc = subprocess.run(["node", os.path.join(HERE, script)], env=full, capture_output=True, text=True,
                              timeout=timeout * SLOWDOWN, cwd=HERE)
        if proc.returncode != 0:
            pytest.fail("%s failed (artefacts in %s):\n%s\n%s" % (script, artefacts, proc.stdout[-4000:],
                                                                  proc.stderr[-4000:]), pytrace=False)
        return proc.stdout

    return run


@pytest.fixture
def token():
    return TOKEN


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    server = getattr(item, "_plateau", None)
    if server is not None and rep.failed and server.log_tail():
        rep.sections.append(("plateau log (%s)" % server.workdir, server.log_tail(80)))
