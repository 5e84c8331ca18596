"""The CTI event stream over a real WebSocket (GET /api/v1/ws): subscriptions, the events of a call on an
agent's topic in order with their seq, one response per request id, snapshots after missed events, refusals."""
import json
import os
import time

import pytest
import websocket  # python3-websocket (websocket-client)

from plateau_harness import SLOWDOWN, TOKEN, Plateau
from sipp_harness import Agent
from test_calls import caller

PROVISIONING = """
[[tenant]]
name = "t1"
language = "fr"
not_ready_reasons = ["break", "lunch"]
dispositions = ["sale", "info"]

[[tenant]]
name = "t2"
language = "fr"

[[trunk]]
tenant = "t1"
name = "loopback"
addresses = ["127.0.0.0/8"]

[[queue]]
tenant = "t1"
name = "sales"
ring_timeout = 6
max_wait = 60
wrapup = 30

[[queue]]
tenant = "t2"
name = "support"

[[number]]
tenant = "t1"
did = "200"
queue = "sales"

[[phone]]
tenant = "t1"
username = "2001"
password = "pw2001"

[[agent]]
tenant = "t1"
login = "2001"
queues = ["sales"]
phone = "2001"

[[phone]]
tenant = "t2"
username = "3001"
password = "pw3001"

[[agent]]
tenant = "t2"
login = "3001"
queues = ["support"]
phone = "3001"
"""


@pytest.fixture
def cti(request, workdir):
    path = os.path.join(workdir, "cti.toml")
    with open(path, "w") as f:
        f.write(PROVISIONING)
    server = Plateau(workdir, provision_file=path)
    request.node._plateau = server
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    yield server
    assert server.stop() == 0, server.log_tail(120)


class Client:
    """One WebSocket client: requests with ids, and the events it was sent, in order."""

    def __init__(self, plateau, token=TOKEN, header=False):
        url = "ws://127.0.0.1:%d/api/v1/ws" % plateau.http_port
        if header:
            self.ws = websocket.create_connection(url, header=["Authorization: Bearer " + token], timeout=10)
        else:
            self.ws = websocket.create_connection(url + "?access_token=" + token, timeout=10)
        self.events = []
        self.responses = []
        self.next_id = 0

    def receive(self, timeout=10.0):
        self.ws.settimeout(timeout * SLOWDOWN)
        msg = json.loads(self.ws.recv())
        (self.events if msg["type"] == "event" else self.responses).append(msg)
        return msg

    def request(self, body):
        self.next_id += 1
        body = dict(body, id="req-%d" % self.next_id)
        self.ws.send(json.dumps(body))
        while True:
            msg = self.receive()
            if msg["type"] == "response":
                assert msg["id"] == body["id"], msg
                return msg

    def wait_event(self, name, timeout=15.0):
        for e in self.events:
            if e["name"] == name and not e.get("_seen"):
                e["_seen"] = True
                return e
        deadline = time.time() + timeout * SLOWDOWN
        while time.time() < deadline:
            msg = self.receive(max(0.1, deadline - time.time()))
            if msg["type"] == "event" and msg["name"] == name:
                msg["_seen"] = True
                return msg
        raise AssertionError("no event %s; got %s" % (name, [e["name"] for e in self.events]))

    def close(self):
        self.ws.close()


def test_a_call_on_the_agent_topic_in_order_with_seq(cti, workdir):
    c = Client(cti)
    r = c.request({"type": "subscribe", "topics": ["agent:t1:2001"]})
    assert r["ok"] is True and r["data"]["topics"] == [{"topic": "agent:t1:2001", "seq": 0}], r
    agent = Agent(workdir, cti.sip_port, "2001").start()  # registers: logged in, ready
    status, _ = cti.http_post("/api/v1/agents/t1/2001/not-ready", {"reason": "break"})
    assert status == 200
    status, _ = cti.http_post("/api/v1/agents/t1/2001/ready", {})
    assert status == 200
    call = caller(cti, workdir, "caller", "200", talk_ms=1500).start()
    call.expect_success()
    agent.uas.expect_success()
    c.wait_event("wrapup.started.v1")

    names = [e["name"] for e in c.events]
    want = ["agent.state_changed.v1", "contact.offered.v1", "contact.connected.v1", "contact.ended.v1",
            "wrapup.started.v1"]
    # In this order (other state changes between them)...
    positions = []
    for name in want:
        after = positions[-1] + 1 if positions else 0
        assert name in names[after:], names
        positions.append(names.index(name, after))
    # ...on one topic, numbered 1, 2, 3... without a gap.
    assert [e["topic"] for e in c.events] == ["agent:t1:2001"] * len(c.events)
    assert [e["seq"] for e in c.events] == list(range(1, len(c.events) + 1)), c.events
    states = [e["data"]["state"] for e in c.events if e["name"] == "agent.state_changed.v1"]
    assert "not_ready" in states and states[-1] == "wrap_up", states
    ready = [e for e in c.events if e["name"] == "agent.state_changed.v1" and e["data"]["state"] == "ready"][-1]
    assert ready["data"]["previous"] == "not_ready" and ready["ts_ms"] > 0, ready
    offered = c.events[positions[1]]
    contact = offered["data"]["contact"]
    assert contact["queue"] == "sales" and contact["tenant"] == "t1" and contact["number"] == "200", offered
    assert contact["caller"] and contact["direction"] == "inbound" and contact["attached"] == {}, offered
    ended = c.events[positions[3]]
    assert ended["data"]["contact"]["call_id"] == contact["call_id"], ended
    assert ended["data"]["by"] in ("caller", "agent"), ended

    # The snapshot says the same state and the seq of the last event.
    r = c.request({"type": "snapshot", "topic": "agent:t1:2001"})
    assert r["ok"] is True, r
    snap = r["data"]
    assert snap["topic"] == "agent:t1:2001" and snap["seq"] == c.events[-1]["seq"], snap
    assert snap["state"]["state"] == "wrap_up" and snap["state"]["contact"]["call_id"] == contact["call_id"], snap

    # Ending the wrap-up with a disposition.
    status, body = cti.http_post("/api/v1/agents/t1/2001/end-wrap-up", {"disposition": "sale"})
    assert status == 200, body
    w = c.wait_event("wrapup.ended.v1")
    assert w["data"]["disposition"] == "sale" and w["seq"] == c.events[-2]["seq"] + 1, c.events[-3:]
    c.close()


def test_every_request_id_answered_exactly_once(cti):
    c = Client(cti, header=True)
    c.ws.send(json.dumps({"id": 7, "type": "ping"}))
    c.ws.send(json.dumps({"id": "x", "type": "dance"}))
    c.ws.send(json.dumps({"id": {"n": 1}, "type": "subscribe", "topics": ["tenant:t1", "queue:t1:sales"]}))
    c.ws.send(json.dumps({"id": "u", "type": "unsubscribe", "topics": ["tenant:t1"]}))
    c.ws.send("not json")
    c.ws.send(json.dumps({"id": "bad", "type": "subscribe", "topics": ["agent:t1"]}))
    c.ws.send(json.dumps({"id": "last", "type": "ping"}))
    got = []
    while len(got) < 7:
        msg = c.receive()
        if msg["type"] == "response":
            got.append(msg)
    assert [m["id"] for m in got] == [7, "x", {"n": 1}, "u", None, "bad", "last"], got
    assert got[0]["ok"] is True and got[0]["data"]["ts_ms"] > 0
    assert got[1]["ok"] is False and got[1]["error"]["code"] == "cti.unknown_type", got[1]
    assert got[2]["ok"] is True and [t["topic"] for t in got[2]["data"]["topics"]] == ["tenant:t1", "queue:t1:sales"]
    assert got[3]["ok"] is True and got[3]["data"]["topics"] == ["tenant:t1"]
    assert got[4]["ok"] is False and got[4]["error"]["code"] == "cti.bad_request", got[4]
    assert got[5]["ok"] is False and got[5]["error"]["code"] == "cti.bad_topic", got[5]
    # Nothing else comes: no second response to any id.
    c.ws.settimeout(0.5)
    with pytest.raises(websocket.WebSocketTimeoutException):
        c.ws.recv()
    c.close()


def test_a_bad_token_is_refused_at_the_upgrade(cti):
    url = "ws://127.0.0.1:%d/api/v1/ws" % cti.http_port
    for target in (url, url + "?access_token=wrong"):
        with pytest.raises(websocket.WebSocketBadStatusException) as e:
            websocket.create_connection(target, timeout=5)
        assert e.value.status_code == 401
    with pytest.raises(websocket.WebSocketBadStatusException) as e:
        websocket.create_connection(url, header=["Authorization: Bearer wrong"], timeout=5)
    assert e.value.status_code == 401
    status, _ = cti.http_get("/api/v1/ws")
    assert status == 426


def test_a_snapshot_after_missed_events(cti, workdir):
    watcher = Client(cti)
    assert watcher.request({"type": "subscribe", "topics": ["agent:t1:2001", "tenant:t1"]})["ok"]
    late = Client(cti)
    assert late.request({"type": "subscribe", "topics": ["agent:t1:2001"]})["ok"]
    Agent(workdir, cti.sip_port, "2001").start()
    late.wait_event("agent.state_changed.v1")
    seen = late.events[-1]["seq"]
    late.close()  # the desktop loses its connection; things happen meanwhile
    for path, body in (("not-ready", {"reason": "lunch"}), ("ready", {}), ("not-ready", {"reason": "break"})):
        status, _ = cti.http_post("/api/v1/agents/t1/2001/" + path, body)
        assert status == 200
    def seen_break(topic):
        return any(e["name"] == "agent.state_changed.v1" and e["data"]["reason"] == "break" and e["topic"] == topic
                   for e in watcher.events)
    while not (seen_break("agent:t1:2001") and seen_break("tenant:t1")):
        watcher.receive()
    last = [e for e in watcher.events if e["topic"] == "agent:t1:2001"][-1]

    again = Client(cti)
    snap = again.request({"type": "snapshot", "topic": "agent:t1:2001"})["data"]
    assert snap["seq"] == last["seq"] and snap["seq"] >= seen + 3, (snap, seen)
    assert snap["state"]["state"] == "not_ready" and snap["state"]["reason"] == "break", snap
    assert snap["state"]["since_ms"] == last["data"]["since_ms"], (snap, last)
    r = again.request({"type": "subscribe", "topics": ["agent:t1:2001"]})
    assert r["data"]["topics"] == [{"topic": "agent:t1:2001", "seq": snap["seq"]}], r
    # The same over REST, and the tenant's view.
    rest = cti.http_json("/api/v1/snapshot?topic=agent:t1:2001")
    assert rest == snap, (rest, snap)
    tenant = cti.http_json("/api/v1/snapshot?topic=tenant:t1")
    assert tenant["seq"] == [e for e in watcher.events if e["topic"] == "tenant:t1"][-1]["seq"]
    assert [a["agent"] for a in tenant["state"]["agents"]] == ["2001"], tenant
    assert [q["queue"] for q in tenant["state"]["queues"]] == ["sales"], tenant
    again.close()
    watcher.close()


def test_topics_that_do_not_exist_or_are_not_visible_are_refused_alike(cti):
    c = Client(cti)
    answers = {}
    for topic in ("agent:t1:9999", "queue:t1:nope", "tenant:t9", "agent:t9:2001"):
        r = c.request({"type": "subscribe", "topics": ["agent:t1:2001", topic]})
        assert r["ok"] is False, r
        answers[topic] = r["error"]["code"]
        s = c.request({"type": "snapshot", "topic": topic})
        assert s["ok"] is False and s["error"]["code"] == "cti.not_found", s
        status, body = cti.http_get("/api/v1/snapshot?topic=" + topic)
        assert status == 404, body
    assert set(answers.values()) == {"cti.not_found"}, answers
    # A refused subscription changed nothing: no agent:t1:2001 events come.
    assert c.request({"type": "unsubscribe", "topics": ["agent:t1:2001"]})["ok"]
    status, _ = cti.http_get("/api/v1/snapshot?topic=nonsense")
    assert status == 400
    # The system token is administrator of every tenant: t2 is visible to it.
    r = c.request({"type": "subscribe", "topics": ["agent:t2:3001", "queue:t2:support"]})
    assert r["ok"] is True, r
    c.close()


def test_metrics_count_clients_and_events(cti, workdir):
    c = Client(cti)
    assert c.request({"type": "subscribe", "topics": ["agent:t1:2001"]})["ok"]
    Agent(workdir, cti.sip_port, "2001").start()
    c.wait_event("agent.state_changed.v1")
    text = cti.metrics()
    assert "plateau_cti_clients 1" in text, text
    sent = [l for l in text.splitlines() if l.startswith("plateau_cti_events_sent_total ")]
    assert sent and int(float(sent[0].split()[1])) >= 1, sent
    assert "plateau_cti_slow_clients_dropped_total 0" in text
    c.close()
