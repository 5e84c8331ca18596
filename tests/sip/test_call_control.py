"""Call control from the API (POST /api/v1/agents/{tenant}/{login}/call/<action>) with sipp as the caller
and the agents' phones: hold and retrieve, hang-up from the desktop, blind transfers to a queue and to an
agent, a consultation completed, answer with auto-answer, DTMF, and the 409 without a call. What the
records, the event log and the SIP messages show is checked; what the parties hear is the media layer's."""
import os
import time

import pytest

from plateau_harness import SLOWDOWN, Plateau
from sipp_harness import Agent, Sipp
from test_calls import caller, show

PROVISIONING = """
[[tenant]]
name = "t1"
language = "fr"
not_ready_reasons = ["break", "lunch"]
dispositions = ["sale", "info"]

[[trunk]]
tenant = "t1"
name = "carrier"
addresses = ["127.0.0.0/8"]

[[queue]]
tenant = "t1"
name = "sales"
ring_timeout = 6
max_wait = 60
wrapup = 30

[[queue]]
tenant = "t1"
name = "support"
ring_timeout = 6
max_wait = 60

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
username = "2002"
password = "pw2002"

[[phone]]
tenant = "t1"
username = "2003"
password = "pw2003"

[[agent]]
tenant = "t1"
login = "2001"
queues = ["sales"]
phone = "2001"

[[agent]]
tenant = "t1"
login = "2002"
queues = ["sales"]
phone = "2002"

[[agent]]
tenant = "t1"
login = "2003"
queues = ["support"]
phone = "2003"
"""


@pytest.fixture
def cc(request, workdir):
    """A Plateau provisioned with two queues: sales (2001, 2002; 30 s wrap-up) and support (2003)."""
    path = os.path.join(workdir, "callctl.toml")
    with open(path, "w") as f:
        f.write(PROVISIONING)
    server = Plateau(workdir, provision_file=path)
    request.node._plateau = server
    try:
        server.start(timeout=60.0)  # a loaded machine: start-up (prompts) may take long
    except BaseException:
        server.stop()
        raise
    yield server
    assert server.stop() == 0, server.log_tail(120)


def post(server, login, action, body=None):
    status, text = server.http_post("/api/v1/agents/t1/%s/call/%s" % (login, action), body or {})
    import json
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def agent_view(server, login):
    return server.http_json("/api/v1/agents/t1/%s" % login)


def wait_contact(server, login, role="connected", timeout=15.0):
    """The agent's contact once it has `role` ("offered", "connected", "consulted")."""
    deadline = time.time() + timeout * SLOWDOWN
    view = None
    while time.time() < deadline:
        view = agent_view(server, login)
        if view["contact"] and view["contact"]["role"] == role:
            return view["contact"]
        time.sleep(0.1)
    raise AssertionError("agent %s has no %s contact: %s" % (login, role, view))


def wait_state(server, login, state, timeout=10.0):
    deadline = time.time() + timeout * SLOWDOWN
    view = None
    while time.time() < deadline:
        view = agent_view(server, login)
        if view["state"] == state:
            return view
        time.sleep(0.1)
    raise AssertionError("agent %s is not %s: %s" % (login, state, view))


def events_of(server, call_id, kind):
    return [e for e in server.http_json("/api/v1/events?kind=" + kind)["events"] if e["call_id"] == call_id]


def not_ready(server, login):
    status, body = server.http_post("/api/v1/agents/t1/%s/not-ready" % login, {"reason": "break"})
    assert status == 200, body


def ready(server, login):
    status, body = server.http_post("/api/v1/agents/t1/%s/ready" % login, {})
    assert status == 200, body


def test_without_a_call_the_actions_answer_409_and_the_views_show_the_agent(cc, workdir):
    Agent(workdir, cc.sip_port, "2001").start()
    wait_state(cc, "2001", "ready")
    for action in ("hold", "retrieve", "hangup", "answer", "complete-transfer", "cancel-transfer", "conference"):
        status, body = post(cc, "2001", action)
        assert status == 409 and body["error"]["code"] == "cti.no_call", (action, status, body)
    status, body = post(cc, "2001", "transfer", {"mode": "blind", "to": {"type": "queue", "target": "support"}})
    assert status == 409 and body["error"]["code"] == "cti.no_call", body
    status, body = post(cc, "2001", "transfer", {"mode": "blind"})
    assert status == 422 and body["error"]["code"] == "cti.bad_request", body
    status, body = post(cc, "2001", "dtmf", {"digits": "12x"})
    assert status == 422 and body["error"]["code"] == "cti.bad_request", body
    status, body = post(cc, "9999", "hold")
    assert status == 404, body
    view = agent_view(cc, "2001")
    assert view["state"] == "ready" and view["contact"] is None and view["phone"] == "2001", view
    codes = cc.http_json("/api/v1/tenants/t1/codes")
    assert codes == {"not_ready_reasons": ["break", "lunch"], "dispositions": ["sale", "info"]}, codes
    status, _ = cc.http_get("/api/v1/tenants/nope/codes")
    assert status == 404


def test_hold_then_retrieve_is_in_the_record_and_the_event_log(cc, workdir):
    agent = Agent(workdir, cc.sip_port, "2001").start()
    call = caller(cc, workdir, "caller", "200", talk_ms=6000).start()
    contact = wait_contact(cc, "2001")
    assert contact["caller"] == "5550100" and contact["queue"] == "sales" and not contact["held"], contact
    status, body = post(cc, "2001", "hold")
    assert status == 200, body
    assert agent_view(cc, "2001")["contact"]["held"] is True
    status, body = post(cc, "2001", "hold")
    assert status == 409 and body["error"]["code"] == "cti.bad_state", body
    time.sleep(1.0)
    status, body = post(cc, "2001", "retrieve")
    assert status == 200, body
    status, body = post(cc, "2001", "retrieve")
    assert status == 409 and body["error"]["code"] == "cti.bad_state", body
    call.expect_success()
    agent.uas.expect_success()
    rec = cc.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2001", show(rec)
    assert rec["holds"] == 1 and rec["hold_ms"] >= 900, show(rec)
    assert len(events_of(cc, rec["id"], "call.held")) == 1
    assert len(events_of(cc, rec["id"], "call.retrieved")) == 1
    offered = events_of(cc, rec["id"], "call.offered")
    assert offered and offered[0]["data"]["caller"] == "5550100" and offered[0]["data"]["attached"] == {}, offered


def test_hangup_from_the_api_ends_both_legs(cc, workdir):
    agent = Agent(workdir, cc.sip_port, "2001").start()
    call = Sipp(workdir, "caller", "uac_wait_bye.xml", remote=cc.sip_port, service="200", timeout_s=60).start()
    wait_contact(cc, "2001")
    time.sleep(0.5)
    status, body = post(cc, "2001", "hangup")
    assert status == 200, body
    call.expect_success()  # the caller received BYE
    agent.uas.expect_success()  # so did the agent's phone
    rec = cc.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["reason"] == "agent_hangup" and rec["agent"] == "2001", show(rec)
    assert events_of(cc, rec["id"], "call.hangup_by_agent"), rec["id"]
    assert agent_view(cc, "2001")["state"] == "wrap_up"
    status, body = cc.http_post("/api/v1/agents/t1/2001/end-wrap-up", {"disposition": "sale", "note": "ok"})
    assert status == 200, body
    ended = events_of(cc, rec["id"], "call.wrapup_ended")
    assert ended and ended[0]["data"]["disposition"] == "sale" and ended[0]["data"]["note"] == "ok", ended
    assert ended[0]["data"]["wrap_ms"] >= 0, ended  # how long the wrap-up lasted (docs/EVENTS.md)


def test_blind_transfer_to_a_queue(cc, workdir):
    first = Agent(workdir, cc.sip_port, "2001").start()
    second = Agent(workdir, cc.sip_port, "2003").start()
    call = caller(cc, workdir, "caller", "200", talk_ms=7000).start()
    wait_contact(cc, "2001")
    status, body = post(cc, "2001", "transfer", {"mode": "blind", "to": {"type": "queue", "target": "support"}})
    assert status == 200, body
    first.uas.expect_success()  # the first agent's leg is hung up
    assert agent_view(cc, "2001")["state"] == "wrap_up"
    wait_contact(cc, "2003")
    call.expect_success()
    second.uas.expect_success()
    rec = cc.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2003" and rec["queue"] == "support", show(rec)
    assert [(t["mode"], t["to_type"], t["target"], t["from_agent"]) for t in rec["transfers"]] == \
        [("blind", "queue", "support", "2001")], show(rec)
    assert events_of(cc, rec["id"], "call.transferred")


def test_blind_transfer_to_an_agent_and_to_a_missing_one(cc, workdir):
    first = Agent(workdir, cc.sip_port, "2001").start()
    second = Agent(workdir, cc.sip_port, "2002").start()
    wait_state(cc, "2002", "ready")
    not_ready(cc, "2002")
    call = caller(cc, workdir, "caller", "200", talk_ms=7000).start()
    wait_contact(cc, "2001")
    status, body = post(cc, "2001", "transfer", {"mode": "blind", "to": {"type": "agent", "target": "2002"}})
    assert status == 409 and body["error"]["code"] == "cti.target_not_ready", body
    status, body = post(cc, "2001", "transfer", {"mode": "blind", "to": {"type": "agent", "target": "7777"}})
    assert status == 404 and body["error"]["code"] == "cti.target_unknown", body
    status, body = post(cc, "2001", "transfer", {"mode": "blind", "to": {"type": "queue", "target": "nope"}})
    assert status == 404 and body["error"]["code"] == "cti.target_unknown", body
    ready(cc, "2002")
    status, body = post(cc, "2001", "transfer", {"mode": "blind", "to": {"type": "agent", "target": "2002"}})
    assert status == 200, body
    first.uas.expect_success()
    call.expect_success()
    second.uas.expect_success()
    rec = cc.wait_call(call.call_id())
    assert rec["agent"] == "2002" and rec["transfers"][0]["to_agent"] == "2002", show(rec)


def test_consultation_then_complete_transfer(cc, workdir):
    first = Agent(workdir, cc.sip_port, "2001").start()
    second = Agent(workdir, cc.sip_port, "2002").start()
    wait_state(cc, "2002", "ready")
    not_ready(cc, "2002")
    call = caller(cc, workdir, "caller", "200", talk_ms=9000).start()
    wait_contact(cc, "2001")
    ready(cc, "2002")
    status, body = post(cc, "2001", "transfer", {"mode": "consult", "to": {"type": "agent", "target": "2002"}})
    assert status == 200, body
    consulted = wait_contact(cc, "2002", role="consulted")
    assert consulted["call_id"] == agent_view(cc, "2001")["call"], consulted
    view = agent_view(cc, "2001")["contact"]
    assert view["held"] and view["consult"] == {"to_type": "agent", "target": "2002", "answered": True}, view
    status, body = post(cc, "2001", "complete-transfer")
    assert status == 200, body
    first.uas.expect_success()
    assert agent_view(cc, "2001")["state"] == "wrap_up"
    assert agent_view(cc, "2002")["contact"]["role"] == "connected"
    call.expect_success()
    second.uas.expect_success()
    rec = cc.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2002" and rec["holds"] == 1, show(rec)
    assert [(t["mode"], t["to_agent"]) for t in rec["transfers"]] == [("consult", "2002")], show(rec)
    for kind in ("call.transfer_started", "call.consult_answered", "call.transferred"):
        assert events_of(cc, rec["id"], kind), kind


def test_consultation_cancelled_then_the_caller_hangs_up_while_held(cc, workdir):
    first = Agent(workdir, cc.sip_port, "2001").start()
    second = Agent(workdir, cc.sip_port, "2002").start()
    wait_state(cc, "2002", "ready")
    not_ready(cc, "2002")
    call = caller(cc, workdir, "caller", "200", talk_ms=8000).start()
    wait_contact(cc, "2001")
    ready(cc, "2002")
    status, body = post(cc, "2001", "transfer", {"mode": "consult", "to": {"type": "agent", "target": "2002"}})
    assert status == 200, body
    wait_contact(cc, "2002", role="consulted")
    status, body = post(cc, "2002", "hold")
    assert status == 409 and body["error"]["code"] == "cti.bad_state", body
    status, body = post(cc, "2001", "cancel-transfer")
    assert status == 200, body
    second.uas.expect_success()  # the consulted agent's leg is hung up
    assert agent_view(cc, "2002")["state"] == "wrap_up"  # it talked with 2001
    status, body = post(cc, "2001", "hold")
    assert status == 200, body
    call.expect_success()  # the caller hangs up while held
    first.uas.expect_success()
    rec = cc.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2001" and rec["transfers"] == [], show(rec)
    assert rec["holds"] == 2, show(rec)
    assert agent_view(cc, "2001")["state"] == "wrap_up"
    cancelled = events_of(cc, rec["id"], "call.transfer_cancelled")
    assert cancelled and cancelled[0]["data"]["reason"] == "cancelled", cancelled


def test_conference_then_the_first_agent_leaves(cc, workdir):
    first = Agent(workdir, cc.sip_port, "2001").start()
    second = Agent(workdir, cc.sip_port, "2002").start()
    wait_state(cc, "2002", "ready")
    not_ready(cc, "2002")
    call = caller(cc, workdir, "caller", "200", talk_ms=9000).start()
    wait_contact(cc, "2001")
    ready(cc, "2002")
    status, body = post(cc, "2001", "conference")
    assert status == 409 and body["error"]["code"] == "cti.bad_state", body
    status, body = post(cc, "2001", "transfer", {"mode": "consult", "to": {"type": "agent", "target": "2002"}})
    assert status == 200, body
    wait_contact(cc, "2002", role="consulted")
    status, body = post(cc, "2001", "conference")
    assert status == 200, body
    assert agent_view(cc, "2001")["contact"]["conference"] is True
    status, body = post(cc, "2001", "hangup")  # the first agent leaves; the caller and 2002 stay
    assert status == 200, body
    first.uas.expect_success()
    assert agent_view(cc, "2002")["contact"]["role"] == "connected"
    call.expect_success()
    second.uas.expect_success()
    rec = cc.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2002" and rec["conference"] is True, show(rec)
    assert events_of(cc, rec["id"], "call.conferenced") and events_of(cc, rec["id"], "call.conference_left")


def test_dtmf_is_sent_for_the_agent(cc, workdir):
    agent = Agent(workdir, cc.sip_port, "2001").start()
    call = caller(cc, workdir, "caller", "200", talk_ms=4000).start()
    wait_contact(cc, "2001")
    status, body = post(cc, "2001", "dtmf", {"digits": "1234#"})
    assert status == 200, body
    call.expect_success()
    agent.uas.expect_success()
    rec = cc.wait_call(call.call_id())
    sent = events_of(cc, rec["id"], "call.dtmf_sent")
    assert sent and sent[0]["data"]["digits"] == "1234#", sent


def test_answer_from_the_desktop_rings_again_with_auto_answer(cc, workdir):
    agent = Agent(workdir, cc.sip_port, "2001", scenario_file="uas_autoanswer.xml", calls=2).start()
    call = caller(cc, workdir, "caller", "200", talk_ms=3000, timeout_s=25).start()
    wait_contact(cc, "2001", role="offered")
    time.sleep(0.5)
    status, body = post(cc, "2001", "answer")
    assert status == 200, body
    call.expect_success()
    agent.uas.expect_success()
    invites = [m for m in agent.uas.messages("received") if m.startswith("INVITE")]
    assert len(invites) == 2, invites
    assert "answer-after=0" not in invites[0], invites[0]
    headers = invites[1].split("\r\n\r\n")[0]
    assert "answer-after=0" in headers and "auto" in headers.split("Alert-Info:", 1)[-1], headers
    rec = cc.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2001", show(rec)
