"""The wallboard (#/wallboard) in headless Chromium while real calls flow (sipp caller, sipp agent phone):
a supervisor signs in and watches a call wait (the waiting figure turns amber), be answered (the agent's row
shows the contact, time in state ticking), and end (handled, answered, service level with its formula); the
supervisor buttons send the monitor and force-state requests of docs/API.md; TV mode; French and Arabic
screenshots."""
import os
import re
import subprocess
import time

import pytest

from web_harness import HERE, SLOWDOWN, TOKEN, WebPlateau, require_desktop
from plateau_harness import PROVISIONING
from sipp_harness import Agent
from test_calls import caller

PASSWORD = "wallboard-pw-2026"


def provisioning(workdir):
    """tests/sip/provisioning.toml with thresholds on "sales": one waiting call is amber."""
    with open(PROVISIONING) as f:
        text = f.read()
    text, n = re.subn(r'(\[\[queue\]\]\ntenant = "t1"\nname = "sales"\n)',
                      r'\1thresholds = { waiting_amber = 1, waiting_red = 3 }\n', text, count=1)
    assert n == 1, "no sales queue in %s" % PROVISIONING
    path = os.path.join(workdir, "provisioning-wallboard.toml")
    with open(path, "w") as f:
        f.write(text)
    return path


@pytest.fixture
def wb_plateau(request, tmp_path):
    require_desktop()
    server = WebPlateau(str(tmp_path), provision_file=provisioning(str(tmp_path)))
    request.node._plateau = server
    server.start()
    yield server
    assert server.stop() == 0, server.log_tail(120)


def wait_file(path, proc, timeout):
    deadline = time.time() + timeout * SLOWDOWN
    while time.time() < deadline:
        if os.path.exists(path):
            return
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail("the browser script ended before %s:\n%s\n%s" % (os.path.basename(path), out, err),
                        pytrace=False)
        time.sleep(0.1)
    proc.kill()
    out, err = proc.communicate()
    pytest.fail("the browser script did not reach %s:\n%s\n%s" % (os.path.basename(path), out, err), pytrace=False)


def test_wallboard_follows_the_calls(wb_plateau, artefacts, tmp_path):
    p = wb_plateau
    workdir = str(tmp_path)
    status, body = p.http_post("/api/v1/users", {"login": "sup1", "name": "Nadia Chraibi", "password": PASSWORD,
                                                  "memberships": [{"tenant": "t1", "role": "supervisor"}]})
    assert status == 201, body
    # Agent 2001's phone answers after a short ring; the agent starts not ready.
    Agent(workdir, p.sip_port, "2001", calls=1, timeout_s=120).start()
    status, body = p.http_post("/api/v1/agents/t1/2001/not-ready", {"reason": "break"})
    assert status == 200, body

    env = dict(os.environ)
    env.update({"BASE_URL": "http://127.0.0.1:%d" % p.http_port, "OUT_DIR": artefacts, "TOKEN": TOKEN,
                "PLATEAU_WEB_TIMEOUT_MS": str(int(15000 * SLOWDOWN)), "SUPERVISOR": "sup1", "PASSWORD": PASSWORD,
                "TENANT": "t1", "AGENT": "2001"})
    node = subprocess.Popen(["node", os.path.join(HERE, "wallboard.cjs")], env=env, cwd=HERE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    call = None
    try:
        wait_file(os.path.join(artefacts, "ready-for-call"), node, 90)
        call = caller(p, workdir, "caller", "200", talk_ms=int(20000 * SLOWDOWN), timeout_s=120).start()
        out, err = node.communicate(timeout=180 * SLOWDOWN)
        assert node.returncode == 0, "wallboard.cjs failed (artefacts in %s):\n%s\n%s" % (artefacts, out[-4000:],
                                                                                        err[-4000:])
    finally:
        if node.poll() is None:
            node.kill()
            node.communicate()
    call.expect_success()
    for name in ("wallboard-fr", "wallboard-ar", "wallboard-tv"):
        assert os.path.getsize(os.path.join(artefacts, name + ".png")) > 10000, name
