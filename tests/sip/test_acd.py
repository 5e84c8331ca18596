"""Call distribution end to end: skills routing, overflow on timeout, ring-no-answer
re-offer, and queued callback through a trunk, with sipp as callers, agent phones
and the customer called back."""
import os
import time

import pytest

from plateau_harness import SLOWDOWN, Plateau
from sip_client import SipClient
from sipp_harness import Agent
from test_calls import caller, show

PROVISIONING = """
[[tenant]]
name = "t1"
language = "fr"
dispositions = ["sale", "info"]

[[trunk]]
tenant = "t1"
name = "carrier"
addresses = ["127.0.0.0/8"]
gateway = "127.0.0.1:{customer_port}"
caller_id = "0522000000"

[[queue]]
tenant = "t1"
name = "sales"
ring_timeout = 4
max_wait = 60

[[queue]]
tenant = "t1"
name = "first"
ring_timeout = 4
max_wait = 2
on_timeout = "queue:second"

[[queue]]
tenant = "t1"
name = "second"
ring_timeout = 4
max_wait = 60

[[queue]]
tenant = "t1"
name = "cb"
ring_timeout = 6
max_wait = 120
callback = true
callback_trunk = "carrier"
callback_attempts = 2
callback_retry = 30

# 400 needs a Spanish speaker; 200 anyone of sales; 500 overflows from first to second; 600 offers callbacks.
[[number]]
tenant = "t1"
did = "400"
queue = "sales"
requires = "lang_es >= 3"

[[number]]
tenant = "t1"
did = "200"
queue = "sales"

[[number]]
tenant = "t1"
did = "500"
queue = "first"

[[number]]
tenant = "t1"
did = "600"
queue = "cb"

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

[[phone]]
tenant = "t1"
username = "2004"
password = "pw2004"

[[agent]]
tenant = "t1"
login = "2001"
queues = ["sales"]
phone = "2001"
skills = {{ lang_fr = 5 }}

[[agent]]
tenant = "t1"
login = "2002"
queues = ["sales"]
phone = "2002"
skills = {{ lang_es = 4, lang_fr = 2 }}

[[agent]]
tenant = "t1"
login = "2003"
queues = ["second"]
phone = "2003"

[[agent]]
tenant = "t1"
login = "2004"
queues = ["cb"]
phone = "2004"
"""


@pytest.fixture
def acd(request, workdir):
    """A Plateau provisioned with the ACD setup above; `customer_port` is where callbacks are sent."""
    customer_port = int(getattr(request, "param", 0) or 0) or _free_udp_port()
    path = os.path.join(workdir, "acd.toml")
    with open(path, "w") as f:
        f.write(PROVISIONING.format(customer_port=customer_port))
    server = Plateau(workdir, provision_file=path)
    server.customer_port = customer_port
    request.node._plateau = server
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    yield server
    assert server.stop() == 0, server.log_tail(120)


def _free_udp_port():
    from plateau_harness import free_port
    return free_port()


def test_skills_send_the_spanish_call_to_the_spanish_speaker(acd, workdir):
    # 2001 registers first (idle longest) but only speaks French.
    fr = Agent(workdir, acd.sip_port, "2001").start()
    time.sleep(0.3)
    es = Agent(workdir, acd.sip_port, "2002").start()
    call = caller(acd, workdir, "es-caller", "400", talk_ms=1500).start()
    call.expect_success()
    es.uas.expect_success()
    rec = acd.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2002", show(rec)
    assert fr.uas.received_requests() == [], "the French speaker was offered the Spanish call"
    # A call without requirement goes to the agent idle longest: 2001.
    call2 = caller(acd, workdir, "any-caller", "200", talk_ms=1000).start()
    call2.expect_success()
    fr.uas.expect_success()
    rec2 = acd.wait_call(call2.call_id())
    assert rec2["agent"] == "2001", show(rec2)


def test_overflow_on_timeout_reaches_the_second_queue(acd, workdir):
    second = Agent(workdir, acd.sip_port, "2003").start()
    # Nobody serves "first": after its 2 s maximum wait the call moves to "second".
    status, _ = acd.http_post("/api/v1/agents/t1/2003/not-ready", {"reason": "break"})
    assert status == 200
    call = caller(acd, workdir, "caller", "500", talk_ms=1000).start()
    time.sleep(3.0 * SLOWDOWN)
    queues = {q["name"]: q for q in acd.http_json("/api/v1/queues")["queues"]}
    assert queues["second"]["waiting"] == 1, queues
    assert queues["first"]["overflowed"] == 1, queues
    status, _ = acd.http_post("/api/v1/agents/t1/2003/ready", {})
    assert status == 200
    call.expect_success()
    second.uas.expect_success()
    rec = acd.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2003" and rec["queue"] == "second", show(rec)
    assert rec["wait_ms"] >= 2000, show(rec)
    events = acd.http_json("/api/v1/events?kind=call.overflow")["events"]
    assert any(e["call_id"] == rec["id"] for e in events), events


def test_skills_changed_without_restart_serve_the_waiting_call(acd, workdir):
    fr = Agent(workdir, acd.sip_port, "2001").start()
    call = caller(acd, workdir, "es-caller", "400", talk_ms=1000).start()
    time.sleep(1.5 * SLOWDOWN)
    queues = {q["name"]: q for q in acd.http_json("/api/v1/queues")["queues"]}
    assert queues["sales"]["waiting"] == 1, queues
    # A broken provisioning is refused with its place, and nothing changes.
    status, body = acd.http_post_text("/api/v1/provisioning", "[[queue]]\ntenant = 1\n")
    assert status == 422 and "request body:2" in body, (status, body)
    with open(acd.provision_file) as f:
        text = f.read()
    text = text.replace("skills = { lang_fr = 5 }", "skills = { lang_fr = 5, lang_es = 3 }")
    status, body = acd.http_post_text("/api/v1/provisioning", text)
    assert status == 200, body
    call.expect_success()
    fr.uas.expect_success()
    rec = acd.wait_call(call.call_id())
    assert rec["agent"] == "2001", show(rec)


def test_queued_callback_keeps_the_place_and_calls_the_customer_back(acd, workdir):
    from sipp_harness import Customer
    customer = Customer(workdir, port=acd.customer_port, ring_ms=500, talk_ms=3000).start()
    # Nobody is logged in to "cb": the caller waits, presses 1, hears the confirmation, and the call ends.
    with SipClient(acd.sip_port) as c:
        final, call_id = c.invite_press_digit("600", "0611223344", "1", after_s=1.5)
    assert final is not None and final.status == 480, "final answer: %r" % final
    first = acd.wait_call(call_id)
    assert first["outcome"] == "callback_requested", show(first)
    assert first["caller"] == "0611223344", show(first)
    queues = {q["name"]: q for q in acd.http_json("/api/v1/queues")["queues"]}
    assert queues["cb"]["callbacks"] == 1 and queues["cb"]["waiting"] == 1, queues
    # An agent comes: its phone rings with the customer's number, it answers, Plateau dials the customer.
    agent = Agent(workdir, acd.sip_port, "2004").start()
    agent.uas.expect_success()
    customer.uas.expect_success()
    invite = customer.uas.messages("received")[0]
    assert invite.startswith("INVITE sip:0611223344@"), invite
    assert "0522000000" in invite.split("\r\n\r\n")[0].split("From:", 1)[1].split("\n", 1)[0], invite
    deadline = time.time() + 10 * SLOWDOWN
    second = None
    while time.time() < deadline and second is None:
        second = next((c for c in acd.calls() if c["reason"].endswith("(callback of %s)" % first["id"])), None)
        time.sleep(0.2)
    assert second is not None, acd.calls()
    assert second["outcome"] == "answered" and second["agent"] == "2004", show(second)
    assert second["talk_ms"] >= 2000, show(second)
    queues = {q["name"]: q for q in acd.http_json("/api/v1/queues")["queues"]}
    assert queues["cb"]["callbacks"] == 0, queues
