"""The quality page in headless Chromium against a real Plateau and a real call (sipp caller and agent): a
supervisor finds the recording, plays it and seeks in it, saves an evaluation and reads the report
(quality_page.cjs); the listen and the evaluation are then in the event log, and the evaluation in the API."""
import os

import pytest

from web_harness import HERE, WebPlateau, require_desktop
from sipp_harness import Agent
from test_calls import caller
from test_quality import PROVISIONING, wait_connected

PASSWORD = "quality-password-1"


@pytest.fixture
def qplateau(request, tmp_path):
    require_desktop()
    path = os.path.join(str(tmp_path), "quality.toml")
    with open(path, "w") as f:
        f.write(PROVISIONING)
    server = WebPlateau(str(tmp_path), provision_file=path)
    request.node._plateau = server
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    yield server
    assert server.stop() == 0, server.log_tail(120)


def test_the_quality_page_plays_a_recording_and_saves_an_evaluation(qplateau, artefacts, tmp_path):
    import subprocess
    from web_harness import SLOWDOWN
    server = qplateau
    status, body = server.http_post("/api/v1/users", {"login": "sup1", "name": "Sup", "password": PASSWORD,
                                                      "memberships": [{"tenant": "t1", "role": "supervisor"}]})
    assert status == 201, body
    agent = Agent(str(tmp_path), server.sip_port, "2001").start()
    call = caller(server, str(tmp_path), "caller", "200", talk_ms=8000).start()
    wait_connected(server)
    call.expect_success()
    agent.uas.expect_success()
    rec = server.wait_call(call.call_id(), timeout=15.0)

    env = dict(os.environ, BASE_URL="http://127.0.0.1:%d" % server.http_port, OUT_DIR=artefacts,
               PLATEAU_WEB_TIMEOUT_MS=str(int(10000 * SLOWDOWN)), SUPERVISOR="sup1", PASSWORD=PASSWORD,
               CALL_ID=rec["id"])
    proc = subprocess.run(["node", os.path.join(HERE, "quality_page.cjs")], env=env, capture_output=True, text=True,
                          timeout=120 * SLOWDOWN, cwd=HERE)
    assert proc.returncode == 0, "quality_page.cjs failed (artefacts in %s):\n%s\n%s" % (
        artefacts, proc.stdout[-4000:], proc.stderr[-4000:])

    listened = [e for e in server.http_json("/api/v1/events?tenant=t1&kind=recording.listened")["events"]
                if e["call_id"] == rec["id"]]
    assert listened and all(e["data"] == {"actor": "sup1"} for e in listened), listened
    assert len(listened) <= 2, listened  # playback starts, not every range request
    evaluations = server.http_json("/api/v1/tenants/t1/evaluations?call=" + rec["id"])["evaluations"]
    assert len(evaluations) == 1 and evaluations[0]["score"] == 74 and evaluations[0]["evaluator"] == "sup1"
    assert evaluations[0]["comment"] == "Accueil chaleureux, information exacte."


def test_the_desk_pauses_and_resumes_the_recording(qplateau, artefacts, tmp_path):
    import subprocess
    from plateau_harness import TOKEN
    from web_harness import SLOWDOWN
    server = qplateau
    agent = Agent(str(tmp_path), server.sip_port, "2001").start()
    env = dict(os.environ, BASE_URL="http://127.0.0.1:%d" % server.http_port, OUT_DIR=artefacts,
               PLATEAU_WEB_TIMEOUT_MS=str(int(10000 * SLOWDOWN)), TOKEN=TOKEN, TENANT="t1", AGENT="2001")
    node = subprocess.Popen(["node", os.path.join(HERE, "desk_pause.cjs")], env=env, cwd=HERE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        call = caller(server, str(tmp_path), "caller", "200", talk_ms=12000).start()
        out, err = node.communicate(timeout=90 * SLOWDOWN)
    finally:
        if node.poll() is None:
            node.kill()
            node.communicate()
    assert node.returncode == 0, "desk_pause.cjs failed (artefacts in %s):\n%s\n%s" % (artefacts, out[-3000:], err[-3000:])
    call.expect_success()
    agent.uas.expect_success()
    rec = server.wait_call(call.call_id(), timeout=15.0)
    assert rec["recording_pauses"] == 1 and rec["recording_paused_ms"] > 0, rec
    for kind in ("recording.paused", "recording.resumed"):
        ev = [e for e in server.http_json("/api/v1/events?tenant=t1&kind=" + kind)["events"] if e["call_id"] == rec["id"]]
        assert len(ev) == 1 and ev[0]["data"]["actor"] == "system", ev
