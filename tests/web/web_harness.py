"""What the web desktop tests share: where things are, a Plateau serving web/dist, and the check that
everything the browser tests need is there.

Needs the desktop built (`make build` builds web/dist), its npm packages (web/node_modules, from
scripts/setup.sh), Debian's chromium at /usr/bin/chromium, and node. Screenshots and the page's console
go under $PLATEAU_WEB_ARTEFACTS (default build/test-artefacts/web), one folder per test."""
import os
import shutil
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SIP_TESTS = os.path.join(REPO, "tests", "sip")
if SIP_TESTS not in sys.path:
    sys.path.insert(0, SIP_TESTS)

from plateau_harness import Plateau, SANITIZED, SLOWDOWN, TOKEN  # noqa: E402,F401 (the suite takes them from here)

WEB_DIST = os.path.join(REPO, "web", "dist")
ARTEFACTS = os.environ.get("PLATEAU_WEB_ARTEFACTS") or os.path.join(REPO, "build", "test-artefacts", "web")


class WebPlateau(Plateau):
    """A Plateau that serves web/dist (--http-web-dir)."""

    def command(self):
        return super().command() + ["--http-web-dir", WEB_DIST]

    def start(self, timeout=60.0):
        # The first server of a session generates the shared prompts: slow on a busy machine.
        return super().start(timeout)


def require_desktop():
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
