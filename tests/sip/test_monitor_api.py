"""Supervision from the API against a real Plateau, with sipp as the caller, the agent's phone and the
supervisor's phone (which answers only INVITEs that carry the auto-answer headers): a supervisor listens to a
live call, switches to whisper, stops; forces an agent's state during the call (pending until its end); every
action is in the event log with the supervisor as actor. A supervisor of another tenant gets 404, an agent 403.
What each party hears is the media layer's (test_monitor_audio.py)."""
import os
import time

import pytest

from plateau_harness import SLOWDOWN, Plateau
from sipp_harness import Agent
from test_api_auth import add_user, login, request
from test_calls import caller

PROVISIONING = """
[[tenant]]
name = "t1"
language = "fr"
not_ready_reasons = ["break", "lunch"]

[[tenant]]
name = "t2"
language = "fr"

[[trunk]]
tenant = "t1"
name = "carrier"
addresses = ["127.0.0.0/8"]

[[queue]]
tenant = "t1"
name = "sales"
ring_timeout = 6
max_wait = 60
wrapup = 0

[[queue]]
tenant = "t2"
name = "help"

[[number]]
tenant = "t1"
did = "200"
queue = "sales"

[[phone]]
tenant = "t1"
username = "2001"
password = "pw2001"

[[phone]]
tenant = "t1"
username = "2009"
password = "pw2009"

[[phone]]
tenant = "t2"
username = "9009"
password = "pw9009"

[[agent]]
tenant = "t1"
login = "2001"
queues = ["sales"]
phone = "2001"
"""


@pytest.fixture
def sup(request, workdir):
    """A Plateau with tenants t1 (queue sales, agent 2001, the supervisor's phone 2009) and t2; users salma
    (supervisor of t1), omar (supervisor of t2) and youssef (the agent 2001 of t1)."""
    path = os.path.join(workdir, "monitor.toml")
    with open(path, "w") as f:
        f.write(PROVISIONING)
    server = Plateau(workdir, provision_file=path)
    request.node._plateau = server
    try:
        server.start(timeout=60.0)
    except BaseException:
        server.stop()
        raise
    add_user(server, "salma", [{"tenant": "t1", "role": "supervisor"}])
    add_user(server, "omar", [{"tenant": "t2", "role": "supervisor"}])
    add_user(server, "youssef", [{"tenant": "t1", "role": "agent", "agent": "2001"}])
    server.tokens = {who: login(server, who) for who in ("salma", "omar", "youssef")}
    yield server
    assert server.stop() == 0, server.log_tail(120)


def api(server, who, method, path, body=None):
    status, _, out = request(server, method, path, body, server.tokens[who])
    return status, out


def wait_for(what, check, timeout=15.0):
    deadline = time.time() + timeout * SLOWDOWN
    value = None
    while time.time() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("%s: not so within %.0f s (last: %s)" % (what, timeout * SLOWDOWN, value))


def events(server, kind):
    return server.http_json("/api/v1/events?tenant=t1&kind=" + kind)["events"]


def test_a_supervisor_listens_whispers_and_stops_and_each_action_is_audited(sup, workdir):
    agent = Agent(workdir, sup.sip_port, "2001").start()
    phone = Agent(workdir, sup.sip_port, "2009", scenario_file="uas_autoanswer.xml").start()
    call = caller(sup, workdir, "caller", "200", talk_ms=12000).start()
    view = wait_for("2001 connected", lambda: (lambda v: v if v["contact"] and v["contact"]["role"] == "connected"
                                               else None)(sup.http_json("/api/v1/agents/t1/2001")))
    call_id = view["contact"]["call_id"]
    path = "/api/v1/tenants/t1/calls/%s/monitor" % call_id

    # Another tenant's supervisor sees nothing; an agent may not; bad requests say why.
    status, out = api(sup, "omar", "POST", path, {"mode": "listen", "phone": "9009"})
    assert status == 404, out
    status, out = api(sup, "omar", "POST", "/api/v1/tenants/t2/calls/%s/monitor" % call_id,
                      {"mode": "listen", "phone": "9009"})
    assert status == 404 and out["error"]["code"] == "monitor.call_unknown", out
    status, out = api(sup, "youssef", "POST", path, {"mode": "listen", "phone": "2009"})
    assert status == 403, out
    status, out = api(sup, "salma", "POST", path, {"mode": "spy", "phone": "2009"})
    assert status == 422 and out["error"]["code"] == "monitor.bad_request", out
    status, out = api(sup, "salma", "POST", path, {"mode": "listen", "phone": "9009"})
    assert status == 422 and out["error"]["code"] == "monitor.phone_unknown", out

    status, out = api(sup, "salma", "POST", path, {"mode": "listen", "phone": "2009"})
    assert status == 202, out
    assert out["call_id"] == call_id and out["mode"] == "listen" and out["monitor"].startswith("m-"), out
    monitor = out["monitor"]
    joined = wait_for("the supervisor's phone answered", lambda: [
        m for m in api(sup, "salma", "GET", "/api/v1/tenants/t1/monitors")[1]["monitors"] if m["state"] == "joined"])
    assert joined[0] == {"monitor": monitor, "call_id": call_id, "agent": "2001", "actor": "salma", "phone": "2009",
                         "mode": "listen", "state": "joined", "started_ms": joined[0]["started_ms"]}, joined
    assert api(sup, "omar", "GET", "/api/v1/tenants/t1/monitors")[0] == 404
    assert api(sup, "youssef", "GET", "/api/v1/tenants/t1/monitors")[0] == 403
    assert api(sup, "omar", "POST", "/api/v1/tenants/t1/monitors/" + monitor, {"mode": "barge"})[0] == 404
    assert api(sup, "omar", "POST", "/api/v1/tenants/t2/monitors/" + monitor, {"mode": "barge"})[0] == 404

    status, out = api(sup, "salma", "POST", "/api/v1/tenants/t1/monitors/" + monitor, {"mode": "whisper"})
    assert status == 200 and out == {"monitor": monitor, "mode": "whisper"}, out

    # A forced not-ready during the call waits for its end.
    force = "/api/v1/agents/t1/2001/force-state"
    assert api(sup, "youssef", "POST", force, {"state": "not_ready"})[0] == 403
    assert api(sup, "omar", "POST", force, {"state": "not_ready"})[0] == 404
    status, out = api(sup, "salma", "POST", force, {"state": "asleep"})
    assert status == 422 and out["error"]["code"] == "acd.bad_state_name", out
    status, out = api(sup, "salma", "POST", force, {"state": "not_ready", "reason": "lunch"})
    assert status == 200 and out["state"] == "busy" and out["pending"] == "not_ready:lunch", out

    time.sleep(1.0)
    status, out = request(sup, "DELETE", "/api/v1/tenants/t1/monitors/" + monitor, None, sup.tokens["salma"])[::2]
    assert status == 200, out
    phone.uas.expect_success()  # hung up by Plateau; the call goes on
    assert api(sup, "salma", "GET", "/api/v1/tenants/t1/monitors")[1]["monitors"] == []
    status, out = request(sup, "DELETE", "/api/v1/tenants/t1/monitors/" + monitor, None, sup.tokens["salma"])[::2]
    assert status == 404 and out["error"]["code"] == "monitor.unknown", out
    assert sup.http_json("/api/v1/agents/t1/2001")["contact"]["role"] == "connected"

    call.expect_success()
    agent.uas.expect_success()
    rec = sup.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2001", rec
    view = wait_for("2001 not ready", lambda: (lambda v: v if v["state"] == "not_ready" else None)(
        sup.http_json("/api/v1/agents/t1/2001")))
    assert view["reason"] == "lunch", view

    # The audit trail.
    started = [e for e in events(sup, "supervisor.monitor_started") if e["call_id"] == call_id]
    assert len(started) == 1 and started[0]["agent"] == "2001", started
    assert started[0]["data"] == {"actor": "salma", "mode": "listen", "phone": "2009", "monitor": monitor}, started
    changed = [e for e in events(sup, "supervisor.monitor_changed") if e["call_id"] == call_id]
    assert [e["data"] for e in changed] == [{"actor": "salma", "mode": "whisper", "monitor": monitor}], changed
    ended = [e for e in events(sup, "supervisor.monitor_ended") if e["call_id"] == call_id]
    assert [e["data"] for e in ended] == [{"actor": "salma", "monitor": monitor, "reason": "stopped"}], ended
    forced = events(sup, "supervisor.forced_state")
    assert len(forced) == 1 and forced[0]["agent"] == "2001" and forced[0]["call_id"] == call_id, forced
    assert forced[0]["data"] == {"actor": "salma", "to": "not_ready", "reason": "lunch", "pending": True}, forced
    by_salma = [e for e in events(sup, "agent.state") if e["agent"] == "2001" and e["data"].get("actor") == "salma"]
    assert by_salma and by_salma[0]["data"]["pending"] == "not_ready:lunch", by_salma

    # A forced logout of an agent without a call is at once.
    status, out = api(sup, "salma", "POST", force, {"state": "logged_out"})
    assert status == 200 and out["state"] == "logged_out" and out["pending"] == "", out
    last = [e for e in events(sup, "agent.state") if e["agent"] == "2001"][-1]
    assert last["data"]["to"] == "logged_out" and last["data"]["actor"] == "salma", last
