"""The live supervision figures (docs/SUPERVISION.md) during real sipp calls: the REST snapshot
(GET /api/v1/tenants/{t}/supervision) and the WebSocket push on supervision:<tenant> change as a call waits,
is answered and another is abandoned; a restart keeps today's counters; agents and other tenants are refused;
/metrics carries the DOMAIN.md set."""
import json
import os
import time

import pytest
import websocket

from plateau_harness import SLOWDOWN, Plateau
from sipp_harness import Agent
from test_api_auth import add_user, login, request
from test_calls import caller, canceller, wait_answered
from test_cti_ws import Client

PROVISIONING = """
[[tenant]]
name = "t1"
timezone = "Africa/Casablanca"
not_ready_reasons = ["break", "lunch"]

[[tenant]]
name = "t2"

[[trunk]]
tenant = "t1"
name = "loopback"
addresses = ["127.0.0.0/8"]

[[queue]]
tenant = "t1"
name = "sales"
display_name = "Ventes"
ring_timeout = 10
max_wait = 120
wrapup = 1
sl_threshold = 20
thresholds = { waiting_amber = 1, waiting_red = 3 }

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
name = "Salma Bennani"
queues = ["sales"]
phone = "2001"
ready_on_register = false
"""


@pytest.fixture
def board(request, workdir):
    path = os.path.join(workdir, "supervision.toml")
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


def snapshot(server, tenant="t1"):
    return server.http_json("/api/v1/tenants/%s/supervision" % tenant)


def queue_of(snap, name="sales"):
    return next(q for q in snap["queues"] if q["queue"] == name)


def agent_of(snap, login="2001"):
    return next(a for a in snap["agents"] if a["login"] == login)


def push_until(client, pred, timeout=20.0):
    """The next supervision.snapshot.v1 events until one satisfies pred; returns its data."""
    deadline = time.time() + timeout * SLOWDOWN
    last = None
    while time.time() < deadline:
        msg = client.receive(max(0.1, deadline - time.time()))
        if msg["type"] != "event":
            continue
        assert msg["name"] == "supervision.snapshot.v1" and msg["topic"] == "supervision:t1", msg
        last = msg["data"]
        if pred(last):
            return msg
    raise AssertionError("no snapshot matched; last: %s" % json.dumps(last, indent=1))


def test_figures_follow_the_calls_and_survive_a_restart(board, workdir):
    c = Client(board)
    r = c.request({"type": "subscribe", "topics": ["supervision:t1"]})
    assert r["ok"] is True and r["data"]["topics"] == [{"topic": "supervision:t1", "seq": 0}], r
    first = push_until(c, lambda s: True)
    assert first["seq"] == 1, first
    q = queue_of(first["data"])
    assert (q["offered"], q["answered"], q["abandoned"], q["waiting"]) == (0, 0, 0, 0), q
    assert q["name"] == "Ventes" and q["sl_threshold_s"] == 20, q
    assert q["service_level"] is None and q["service_level_formula"] == "A_T / (A + Ab - Ab_T)", q
    assert first["data"]["time_zone"] == "Africa/Casablanca", first

    # The agent's phone registers (not ready): a caller waits in the queue.
    agent = Agent(workdir, board.sip_port, "2001").start()
    call = caller(board, workdir, "caller", "200", talk_ms=2000).start()
    msg = push_until(c, lambda s: queue_of(s)["waiting"] == 1)
    q = queue_of(msg["data"])
    assert q["offered"] == 1 and q["levels"]["waiting"] == "amber", q
    assert q["agents"]["not_ready"] == 1 and q["agents"]["ready"] == 0, q
    seq = msg["seq"]
    # One event a second at least, numbered without a gap.
    nxt = push_until(c, lambda s: True, timeout=3.0)
    assert nxt["seq"] == seq + 1, (seq, nxt["seq"])

    # Ready: the call is offered and answered; the agent shows it.
    status, body = board.http_post("/api/v1/agents/t1/2001/ready", {})
    assert status == 200, body
    wait_answered(call)
    msg = push_until(c, lambda s: agent_of(s)["state"] == "busy")
    a = agent_of(msg["data"])
    assert a["name"] == "Salma Bennani" and a["call_id"], a
    assert a["contact"]["queue"] == "sales" and a["contact"]["caller"], a
    q = queue_of(msg["data"])
    assert q["waiting"] == 0 and q["answered"] == 1 and q["agents"]["busy"] == 1, q
    call.expect_success()
    agent.uas.expect_success()
    msg = push_until(c, lambda s: agent_of(s)["handled"] == 1)
    a = agent_of(msg["data"])
    assert a["aht_s"] > 0, a

    # Not ready again: a second caller gives up after 1.5 s (abandoned within T, short).
    status, body = board.http_post("/api/v1/agents/t1/2001/not-ready", {"reason": "lunch"})
    assert status == 200, body
    quitter = canceller(board, workdir, "quitter", "200", wait_ms=1500).start()
    quitter.wait()
    msg = push_until(c, lambda s: queue_of(s)["abandoned"] == 1)
    q = queue_of(msg["data"])
    assert (q["offered"], q["answered"], q["abandoned"]) == (2, 1, 1), q
    assert q["answered_within"] == 1 and q["abandoned_within"] == 1 and q["short_abandoned"] == 1, q
    # A_T / (A + Ab - Ab_T) = 1 / (1 + 1 - 1)
    assert q["service_level"] == 1.0 and q["levels"]["service_level"] == "ok", q
    assert q["asa_s"] is not None and 0 < q["asa_s"] <= 20, q
    a = agent_of(msg["data"])
    assert a["state"] == "not_ready" and a["reason"] == "lunch" and a["since_ms"] > 0, a

    # The REST snapshot says the same.
    rest = snapshot(board)
    assert queue_of(rest) | {"longest_wait_s": 0} == queue_of(msg["data"]) | {"longest_wait_s": 0}, rest
    c.close()

    # A restart keeps today's counters (read back from the event log).
    assert board.stop() == 0, board.log_tail()
    board.start()
    again = snapshot(board)
    q = queue_of(again)
    assert (q["offered"], q["answered"], q["abandoned"], q["waiting"]) == (2, 1, 1, 0), q
    assert q["service_level"] == 1.0 and q["asa_s"] == queue_of(rest)["asa_s"], q
    a = agent_of(again)
    assert a["handled"] == 1 and a["aht_s"] == agent_of(rest)["aht_s"], a


def test_agents_and_other_tenants_are_refused(board):
    add_user(board, "salma", [{"tenant": "t1", "role": "agent", "agent": "2001"}])
    add_user(board, "nadia", [{"tenant": "t1", "role": "supervisor"}])
    add_user(board, "omar", [{"tenant": "t2", "role": "supervisor"}])
    salma, nadia, omar = login(board, "salma"), login(board, "nadia"), login(board, "omar")

    status, _, out = request(board, "GET", "/api/v1/tenants/t1/supervision", None, salma)
    assert status == 403, out
    status, _, out = request(board, "GET", "/api/v1/tenants/t1/supervision", None, omar)
    assert status == 404, out
    status, _, out = request(board, "GET", "/api/v1/tenants/t1/supervision", None, nadia)
    assert status == 200 and [q["queue"] for q in out["queues"]] == ["sales"], out
    assert [a["login"] for a in out["agents"]] == ["2001"], out

    agent_ws = Client(board, token=salma)
    r = agent_ws.request({"type": "subscribe", "topics": ["supervision:t1"]})
    assert r["ok"] is False and r["error"]["code"] == "cti.forbidden", r
    r = agent_ws.request({"type": "snapshot", "topic": "supervision:t1"})
    assert r["ok"] is False and r["error"]["code"] == "cti.forbidden", r
    other = Client(board, token=omar)
    r = other.request({"type": "subscribe", "topics": ["supervision:t1"]})
    assert r["ok"] is False and r["error"]["code"] == "cti.not_found", r
    r = other.request({"type": "subscribe", "topics": ["supervision:t2"]})
    assert r["ok"] is True, r
    # omar's tenant has only its queue: nothing of t1 in what is pushed to it.
    msg = other.receive()
    assert msg["topic"] == "supervision:t2" and [q["queue"] for q in msg["data"]["queues"]] == ["support"], msg
    assert msg["data"]["agents"] == [], msg
    sup = Client(board, token=nadia)
    r = sup.request({"type": "snapshot", "topic": "supervision:t1"})
    assert r["ok"] is True and r["data"]["topic"] == "supervision:t1", r
    assert [q["queue"] for q in r["data"]["state"]["queues"]] == ["sales"], r
    for cl in (agent_ws, other, sup):
        cl.close()


def test_nothing_is_pushed_without_subscribers_and_metrics(board):
    c = Client(board)
    # Subscribed to another topic only: no supervision event comes.
    assert c.request({"type": "subscribe", "topics": ["tenant:t1"]})["ok"]
    c.ws.settimeout(2.5 * SLOWDOWN)
    with pytest.raises(websocket.WebSocketTimeoutException):
        c.ws.recv()
    text = board.metrics()
    assert "plateau_supervision_snapshot_seconds_count 0" in text, text
    assert 'plateau_ws_connections{kind="api_token"} 1' in text, text
    assert c.request({"type": "subscribe", "topics": ["supervision:t1"]})["ok"]
    push_until(c, lambda s: True)
    push_until(c, lambda s: True)
    text = board.metrics()
    count = [l for l in text.splitlines() if l.startswith("plateau_supervision_snapshot_seconds_count")]
    assert count and float(count[0].split()[-1]) >= 2, count
    # The set DOMAIN.md names, without call ids, phone numbers or agent ids as labels.
    for name in ("plateau_queue_waiting{queue=\"t1/sales\"}", "plateau_queue_oldest_wait_seconds{queue=\"t1/sales\"}",
                 "plateau_agents{state=\"ready\"}", "plateau_build_info{version=", "plateau_calls_active{kind="):
        assert name in text, name
    for line in text.splitlines():
        if line.startswith("#") or "{" not in line:
            continue
        labels = line[line.index("{"):line.index("}")]
        assert "2001" not in labels and "call" not in labels.split("=")[0], line
    c.close()
    time.sleep(0.3)
    assert 'plateau_ws_connections{kind="api_token"} 0' in board.metrics()
