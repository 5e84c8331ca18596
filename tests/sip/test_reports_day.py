"""A scripted day of traffic, compressed into half a minute, driven by real sipp callers and a sipp agent phone;
every KPI of GET /api/v1/tenants/{tenant}/reports/kpis is computed by hand below from the script and compared
(docs/REPORTS.md). And the access rules of the reports: another tenant's supervisor gets 404, an agent 403, bad
parameters 400.

The script (seconds from T0; queue "day": T = sl = 3 s, S = short = 2 s, wrap-up 2 s, one agent 2001 whose phone
rings 0.3 s before answering):

    c1  arrives 0.0   answered at once (ring 0.3: wait 0.3), held 2.0-4.0 by the agent (API), caller hangs up
                      6.0 s after the answer; the agent wraps up 2 s.
    c2  arrives 1.0   waits for the agent: c1 ends 6.3, wrap-up until 8.3, rings 0.3: answered 8.6 (wait 7.6);
                      talks 3 s; wrap-up 2 s (until 13.6).
    c3  arrives 2.0   hangs up after 1.0 s (abandon: short, within T)
    c4  arrives 2.5   hangs up after 2.5 s (abandon: within T, not short)
    c5  arrives 3.0   hangs up after 4.5 s (abandon)
    c7  arrives 3.5   hangs up after 6.0 s (abandon)
    c6  arrives 14.5  answered at once (wait 0.3), talks 2 s, wrap-up 2 s (until 18.8)
    the agent's phone registers (the agent is logged in, not ready "login"), the agent logs in and becomes ready
    (API) 1 s before T0, and logs out (API) at 21.0.

Counts are compared exactly. Seconds-based values (ASA, AHT, talk, hold, wrap, occupancy, utilisation) depend on
real time: sipp and Plateau add a few tens of milliseconds to each step, and a start of sipp may be late by a few
hundred on a loaded machine; they are compared with a tolerance of 0.5 s per contact (ASA, AHT: 0.5 s; talk, hold,
wrap sums: 0.5 s per contact; occupancy and utilisation: 0.04). The margins of the script (waits at least 0.5 s
from T and S) keep every count away from those jitters.
"""
import datetime
import json
import os
import time
import urllib.error
import urllib.request
from zoneinfo import ZoneInfo

import pytest

from plateau_harness import Plateau, SLOWDOWN, TOKEN
from sipp_harness import Agent, Sipp
from sipp_harness import PCAP_G711A

T, S = 3, 2
RING, WRAP = 0.3, 2.0
ZONE = ZoneInfo("Africa/Casablanca")

PROVISIONING = """
[[tenant]]
name = "t1"
display_name = "Test tenant one"
timezone = "Africa/Casablanca"
language = "fr"

[[trunk]]
tenant = "t1"
name = "loopback"
addresses = ["127.0.0.0/8"]

[[queue]]
tenant = "t1"
name = "day"
ring_timeout = 4
max_wait = 60
wrapup = 2
sl_threshold = 3
music = "moh"

[[number]]
tenant = "t1"
did = "200"
flow = "queue"
queue = "day"

[[phone]]
tenant = "t1"
username = "2001"
password = "pw2001"

[[agent]]
tenant = "t1"
login = "2001"
name = "Agent 2001"
queues = ["day"]
phone = "2001"
ready_on_register = false

[[tenant]]
name = "t2"
display_name = "Test tenant two"
timezone = "Europe/Madrid"
language = "es"

[[trunk]]
tenant = "t2"
name = "remote"
addresses = ["10.9.9.0/24"]

[[queue]]
tenant = "t2"
name = "support"
music = "moh"
"""

PASSWORD = "a-long-password"


@pytest.fixture
def server(request, workdir):
    path = os.path.join(workdir, "day.toml")
    with open(path, "w") as f:
        f.write(PROVISIONING)
    s = Plateau(workdir, provision_file=path)
    request.node._plateau = s
    try:
        s.start()
    except BaseException:
        s.stop()
        raise
    yield s
    assert s.stop() == 0, s.log_tail(120)


def call(server, workdir, label, talk_s):
    return Sipp(workdir, label, "uac_call.xml", remote=server.sip_port, service="200", pause_ms=int(talk_s * 1000),
                keys={"audio": PCAP_G711A}, timeout_s=60)


def hang_up_after(server, workdir, label, wait_s):
    return Sipp(workdir, label, "uac_cancel.xml", remote=server.sip_port, service="200",
                pause_ms=int(wait_s * 1000), timeout_s=30)


def request(server, method, path, body=None, token=TOKEN):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (server.http_port, path), data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30 * SLOWDOWN) as resp:
            status, ctype, raw = resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as e:
        status, ctype, raw = e.code, e.headers.get("Content-Type", ""), e.read()
    if ctype.startswith("application/json"):
        return status, json.loads(raw)
    if ctype.startswith("application/vnd.openxmlformats"):
        return status, raw
    return status, raw.decode("utf-8")


def post_ok(server, path, body=None):
    status, out = request(server, "POST", path, body or {})
    assert status == 200, "POST %s: %s %s" % (path, status, out)
    return out


def sleep_until(t):
    delay = t - time.time()
    if delay > 0:
        time.sleep(delay)


def local_date(ts):
    return datetime.datetime.fromtimestamp(ts, ZONE).date().isoformat()


def test_a_scripted_day_gives_the_hand_computed_kpis(server, workdir):
    phone = Agent(workdir, server.sip_port, "2001", calls=3, timeout_s=90).start()
    registered_at = time.time()  # the phone's registration logs the agent in, not ready ("login")
    post_ok(server, "/api/v1/agents/t1/2001/login")
    post_ok(server, "/api/v1/agents/t1/2001/ready")
    ready_at = time.time()
    t0 = ready_at + 1.0
    sleep_until(t0)
    c1 = call(server, workdir, "c1", 6.0).start()
    sleep_until(t0 + 1.0)
    c2 = call(server, workdir, "c2", 3.0).start()
    sleep_until(t0 + 2.0)
    c3 = hang_up_after(server, workdir, "c3", 1.0).start()
    post_ok(server, "/api/v1/agents/t1/2001/call/hold")
    sleep_until(t0 + 2.5)
    c4 = hang_up_after(server, workdir, "c4", 2.5).start()
    sleep_until(t0 + 3.0)
    c5 = hang_up_after(server, workdir, "c5", 4.5).start()
    sleep_until(t0 + 3.5)
    c7 = hang_up_after(server, workdir, "c7", 6.0).start()
    sleep_until(t0 + 4.0)
    post_ok(server, "/api/v1/agents/t1/2001/call/retrieve")
    for c in (c1, c3, c4, c5, c7):
        c.expect_success()
    sleep_until(t0 + 14.5)
    c6 = call(server, workdir, "c6", 2.0).start()
    for c in (c2, c6):
        c.expect_success()
    sleep_until(t0 + 21.0)
    post_ok(server, "/api/v1/agents/t1/2001/logout")
    logout_at = time.time()
    phone.uas.expect_success()
    time.sleep(0.5)  # the last events reach the store

    # ---- by hand, from the script --------------------------------------------------------------------------------
    waits_answered = [RING, (6.0 + RING) + WRAP + RING - 1.0, RING]  # c1, c2, c6
    waits_abandoned = [1.0, 2.5, 4.5, 6.0]  # c3, c4, c5, c7
    O = 7
    A = len(waits_answered)
    A_T = sum(1 for w in waits_answered if w <= T)  # 2
    Ab = len(waits_abandoned)
    Ab_T = sum(1 for w in waits_abandoned if w <= T)  # 2
    Ab_S = sum(1 for w in waits_abandoned if w <= S)  # 1
    talk = (6.0 - 2.0) + 3.0 + 2.0  # c1 held 2 s of its 6
    hold = 2.0
    wrap = 3 * WRAP
    asa = sum(waits_answered) / A
    aht = (talk + hold + wrap) / A
    busy = 6.0 + 3.0 + 2.0
    reserved = 3 * RING
    logged_in = logout_at - registered_at
    not_ready = ready_at - registered_at
    ready = logged_in - not_ready - busy - wrap - reserved
    occupancy = (busy + wrap) / (busy + wrap + ready)
    utilisation = (busy + wrap) / logged_in

    day_from, day_to = local_date(registered_at), local_date(logout_at)
    status, rep = request(server, "GET", "/api/v1/tenants/t1/reports/kpis?from=%s&to=%s&interval=15m&by=queue"
                          "&sl=%d&short=%d" % (day_from, day_to, T, S))
    assert status == 200, rep
    assert rep["time_zone"] == "Africa/Casablanca" and rep["parameters"] == {
        "sl_threshold_s": T, "short_abandon_s": S, "asa_includes_ring": True}, rep
    assert rep["formulas"]["sl_neutral"] == "A_T / (A + Ab - Ab_T)"
    tot = rep["total"]
    counts = {k: tot[k] for k in ("offered", "answered", "answered_within", "abandoned", "abandoned_within",
                                  "short_abandoned", "handled", "ring_no_answer", "transfers")}
    assert counts == {"offered": O, "answered": A, "answered_within": A_T, "abandoned": Ab, "abandoned_within": Ab_T,
                      "short_abandoned": Ab_S, "handled": A, "ring_no_answer": 0, "transfers": 0}, tot
    r4 = lambda x: round(x, 4)  # noqa: E731 (the API rounds ratios to 4 decimals)
    assert tot["sl_answered"] == r4(A_T / A) == 0.6667
    assert tot["sl_strict"] == r4(A_T / (A + Ab)) == 0.2857
    assert tot["sl_neutral"] == r4(A_T / (A + Ab - Ab_T)) == 0.4
    assert tot["sl_met"] == r4((A_T + Ab_T) / (A + Ab)) == 0.5714
    assert tot["sl_short_excluded"] == r4(A_T / (A + Ab - Ab_S)) == 0.3333
    assert tot["abandon_rate"] == r4(Ab / O) == 0.5714
    assert tot["abandon_rate_excl_short"] == r4((Ab - Ab_S) / (O - Ab_S)) == 0.5
    assert abs(tot["asa_s"] - asa) <= 0.5, (tot["asa_s"], asa)
    assert abs(tot["aht_s"] - aht) <= 0.5, (tot["aht_s"], aht)
    assert abs(tot["talk_s"] - talk) <= 0.5 * A, (tot["talk_s"], talk)
    assert abs(tot["hold_s"] - hold) <= 0.5, (tot["hold_s"], hold)
    assert abs(tot["wrap_s"] - wrap) <= 0.5 * A, (tot["wrap_s"], wrap)
    assert abs(tot["occupancy"] - occupancy) <= 0.04, (tot["occupancy"], occupancy)
    assert abs(tot["utilisation"] - utilisation) <= 0.04, (tot["utilisation"], utilisation)
    assert abs(tot["state_s"]["busy"] - busy) <= 0.5 * A and abs(tot["state_s"]["wrap_up"] - wrap) <= 0.5 * A, tot
    assert list(tot["not_ready_s"]) == ["login"] and abs(tot["not_ready_s"]["login"] - not_ready) <= 0.5, tot
    # The rows: quarter hours of queue "day" whose sums are the total.
    assert rep["rows"] and all(r["queue"] == "day" and r["agent"] == "" for r in rep["rows"]), rep["rows"]
    assert sum(r["offered"] for r in rep["rows"]) == O
    assert sum(r["answered_within"] for r in rep["rows"]) == A_T
    assert [r["start_ms"] for r in rep["rows"]] == sorted(r["start_ms"] for r in rep["rows"])

    # By agent: the contacts 2001 answered; no abandons in an agent's row.
    status, by_agent = request(server, "GET", "/api/v1/tenants/t1/reports/kpis?from=%s&to=%s&interval=day&by=agent"
                               "&sl=%d&short=%d" % (day_from, day_to, T, S))
    assert status == 200, by_agent
    assert {r["agent"] for r in by_agent["rows"]} == {"2001"}
    assert sum(r["answered"] for r in by_agent["rows"]) == A
    assert sum(r["abandoned"] for r in by_agent["rows"]) == 0

    # The defaults come from the queue: sl = its sl_threshold (3 s), short = 5 s.
    status, dflt = request(server, "GET", "/api/v1/tenants/t1/reports/kpis?from=%s&to=%s&queue=day"
                           % (day_from, day_to))
    assert status == 200 and dflt["parameters"]["sl_threshold_s"] == 3 and dflt["parameters"]["short_abandon_s"] == 5
    assert dflt["total"]["short_abandoned"] == 3  # 1.0, 2.5 and 4.5 s

    # CSV, Excel profile: BOM, ';', decimal comma, a total line.
    status, text = request(server, "GET", "/api/v1/tenants/t1/reports/kpis?from=%s&to=%s&interval=day&sl=3&short=2"
                           "&format=csv&profile=excel" % (day_from, day_to))
    assert status == 200 and text.startswith("\ufeffstart;queue;agent;offered;"), text[:200]
    total_line = [line for line in text.splitlines() if line.startswith("total;")]
    assert total_line and ";0,2857;" in total_line[0], text

    # XLSX: the same table, numbers as numbers (read back with openpyxl).
    status, book = request(server, "GET", "/api/v1/tenants/t1/reports/kpis?from=%s&to=%s&interval=day&sl=3&short=2"
                           "&format=xlsx" % (day_from, day_to))
    assert status == 200 and isinstance(book, bytes), book
    import io
    import openpyxl
    sheet = openpyxl.load_workbook(io.BytesIO(book)).worksheets[0]
    cells = [[c.value for c in r] for r in sheet.iter_rows()]
    header = text.splitlines()[0].lstrip("\ufeff").split(";")
    assert cells[0] == header, cells[0]
    total = dict(zip(header, cells[-1]))
    assert total["start"] == "total" and total["offered"] == O and total["sl_strict"] == r4(A_T / (A + Ab)), total

    # The 95/180 report: every answer within 180 s, so 3 / (3 + 4).
    status, sl = request(server, "GET", "/api/v1/tenants/t1/reports/sl-95-180?from=%s&to=%s" % (day_from, day_to))
    assert status == 200, sl
    assert sl["threshold_s"] == 180 and sl["target"] == 0.95
    assert sl["rows"] == [{"queue": "day", "offered": O, "answered": A, "answered_within": A, "abandoned": Ab,
                           "sl": r4(A / (A + Ab)), "met": False}], sl


def add_user(server, login, memberships):
    status, out = request(server, "POST", "/api/v1/users",
                          {"login": login, "name": login, "password": PASSWORD, "memberships": memberships})
    assert status in (200, 201), out
    status, out = request(server, "POST", "/api/v1/auth/login", {"login": login, "password": PASSWORD}, token="")
    assert status == 200, out
    return out["token"]


def test_reports_are_for_the_tenants_supervisors_only(server):
    sup1 = add_user(server, "sup1", [{"tenant": "t1", "role": "supervisor"}])
    sup2 = add_user(server, "sup2", [{"tenant": "t2", "role": "supervisor"}])
    agent = add_user(server, "salma", [{"tenant": "t1", "role": "agent", "agent": "2001"}])
    q = "?from=2026-12-01&to=2026-12-01"
    for path in ("/api/v1/tenants/t1/reports/kpis" + q, "/api/v1/tenants/t1/reports/sl-95-180" + q):
        status, out = request(server, "GET", path, token=sup1)
        assert status == 200 and out["total"]["offered"] == 0, out
        status, out = request(server, "GET", path, token=sup2)
        assert status == 404, out  # another tenant's reports do not exist for t2's supervisor
        status, out = request(server, "GET", path, token=agent)
        assert status == 403, out
    status, out = request(server, "GET", "/api/v1/tenants/nope/reports/kpis" + q)
    assert status == 404, out
    status, out = request(server, "GET", "/api/v1/tenants/t2/reports/kpis" + q, token=sup2)
    assert status == 200 and out["time_zone"] == "Europe/Madrid", out
    for bad, word in (("?from=2026-12-01", "to"), ("?from=2026-13-01&to=2026-12-01", "from"),
                      ("?from=2026-12-02&to=2026-12-01", "before"), (q + "&interval=7m", "interval"),
                      (q + "&by=site", "by"), (q + "&sl=abc", "sl"), (q + "&short=-1", "short"),
                      (q + "&format=xml", "format"), (q + "&format=csv&profile=lotus", "profile")):
        status, out = request(server, "GET", "/api/v1/tenants/t1/reports/kpis" + bad, token=sup1)
        assert status == 400 and out["error"]["code"] == "api.bad_parameter" and word in out["error"]["message"], \
            (bad, out)
