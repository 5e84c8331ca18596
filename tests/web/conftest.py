"""Fixtures of the web desktop suite: a fresh Plateau per test serving the built desktop (web/dist), and
`desk`, which runs one of the node scripts beside this file in headless Chromium (browser.cjs)."""
import os
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from web_harness import ARTEFACTS, HERE, SANITIZED, SLOWDOWN, TOKEN, WebPlateau, require_desktop  # noqa: E402


@pytest.fixture(autouse=True)
def _stop_leftover_sipp():
    """A failed test leaves its sipp processes waiting for their -timeout: stop them."""
    yield
    import sipp_harness
    sipp_harness.stop_all()


@pytest.fixture
def plateau(request, tmp_path):
    """A running Plateau with tests/sip/provisioning.toml serving web/dist; stopped after the test (exit 0)."""
    require_desktop()
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


def pytest_configure(config):
    from plateau_harness import warm_prompts
    warm_prompts(config)
