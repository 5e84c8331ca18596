"""The formats users already have, end to end (docs/EXPORTS.md): real sipp calls, then the Asterisk queue_log
export and the live queue_log file compared line by line with the lines the known timeline gives, and the CDR
export (CSV standard and Excel profiles, XLSX) compared line by line with the call records."""
import csv
import io
import os
import subprocess
import time
import urllib.request
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from plateau_harness import SLOWDOWN, TOKEN, Plateau
from sipp_harness import PCAP_G711A, Agent, Sipp
from test_api_auth import add_user, login

ZONE = ZoneInfo("Africa/Casablanca")  # t1's zone in tests/sip/provisioning.toml


class ExportingPlateau(Plateau):
    """Plateau with the live queue_log file on."""

    def command(self):
        return super().command() + ["--reports-queue-log-file", "queue_log"]


@pytest.fixture
def server(request, workdir):
    s = ExportingPlateau(workdir)
    request.node._plateau = s
    try:
        s.start()
    except BaseException:
        s.stop()
        raise
    yield s
    assert s.stop() == 0, s.log_tail(120)


def get(server, path, token=TOKEN):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (server.http_port, path),
                                 headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def caller_from(server, workdir, label, number, name, talk_ms):
    return Sipp(workdir, label, "uac_call_from.xml", remote=server.sip_port, service=number, pause_ms=talk_ms,
                keys={"audio": PCAP_G711A, "caller": name}, timeout_s=60)


def events(server):
    return server.http_json("/api/v1/events?tenant=t1&limit=100000")["events"]


def one(evs, kind, call_id="", agent=None):
    found = [e for e in evs if e["kind"] == kind and (not call_id or e["call_id"] == call_id)
             and (agent is None or e["agent"] == agent)]
    assert len(found) == 1, (kind, call_id, found)
    return found[0]


def s(ms):
    return ms // 1000


def local(ms):
    return "" if not ms else datetime.fromtimestamp(ms / 1000, ZONE).strftime("%Y-%m-%d %H:%M:%S")


def number(x, excel):
    """A number as the CSV writer prints it: shortest round-trip, fixed notation, decimal comma for Excel."""
    t = repr(float(x))
    if t.endswith(".0"):
        t = t[:-2]
    return t.replace(".", ",") if excel else t


def wait_for(predicate, what, timeout=10.0):
    deadline = time.time() + timeout * SLOWDOWN
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def test_queue_log_and_cdr_exports_follow_the_calls(server, workdir):
    agent = Agent(workdir, server.sip_port, "2001").start()  # ready on register: AGENTLOGIN, ADDMEMBER
    wait_for(lambda: [e for e in events(server) if e["kind"] == "agent.state" and e["agent"] == "2001"],
             "agent 2001 logged in")
    # 1. A caller whose number is a formula: answered by 2001, hangs up after 2 s (COMPLETECALLER).
    answered = caller_from(server, workdir, "formula", "200", "=cmd", 2000).start()
    answered.expect_success()
    agent.uas.expect_success()
    rec_a = server.wait_call(answered.call_id())
    assert rec_a["outcome"] == "answered" and rec_a["agent"] == "2001", rec_a
    # 2. 2001 takes a break (PAUSE|break); a caller waits in "nobody" until its 2 s maximum wait (EXITWITHTIMEOUT).
    status, _ = server.http_post("/api/v1/agents/t1/2001/not-ready", {"reason": "break"})
    assert status == 200
    timeout_call = caller_from(server, workdir, "timeout", "300", "0611223344", 1000).start()
    timeout_call.wait()
    rec_t = server.wait_call(timeout_call.call_id())
    assert rec_t["outcome"] == "no_agent" and rec_t["reason"] == "max_wait", rec_t
    # 3. Back to work (UNPAUSE), then logged out (REMOVEMEMBER, AGENTLOGOFF).
    assert server.http_post("/api/v1/agents/t1/2001/ready", {})[0] == 200
    assert server.http_post("/api/v1/agents/t1/2001/logout", {})[0] == 200
    evs = wait_for(lambda: (lambda e: e if any(x["kind"] == "agent.state" and x["data"].get("to") == "logged_out"
                                               for x in e) else None)(events(server)), "the logout event")

    # The expected queue_log, built from the timeline and the ids and times the API gives.
    a, t = rec_a["id"], rec_t["id"]
    states = [e for e in evs if e["kind"] == "agent.state" and e["agent"] == "2001"]
    logged_in = [e for e in states if e["data"]["from"] == "logged_out"][0]
    pause = [e for e in states if e["data"]["to"] == "not_ready"][0]
    unpause = [e for e in states if e["data"]["from"] == "not_ready"][0]
    logout = [e for e in states if e["data"]["to"] == "logged_out"][0]
    queued_a, answered_a, ended_a = (one(evs, "call.queued", a), one(evs, "call.answered", a),
                                     one(evs, "call.ended", a))
    offered_a = one(evs, "call.offered", a)
    # The caller leaves the queue at its maximum wait (call.overflow), then hears the no-agent prompt.
    queued_t, left_t = one(evs, "call.queued", t), one(evs, "call.overflow", t)
    # Figures an event carries win (docs/EVENTS.md: call.answered's wait_ms and ring_ms); else the times.
    hold_a = s(answered_a["data"].get("wait_ms", answered_a["ts_ms"] - queued_a["ts_ms"]))
    ring_a = s(answered_a["data"].get("ring_ms", answered_a["ts_ms"] - offered_a["ts_ms"]))
    talk_a = s(ended_a["ts_ms"] - answered_a["ts_ms"])
    assert abs(talk_a - rec_a["talk_ms"] / 1000) <= 1 and abs(hold_a - rec_a["wait_ms"] / 1000) <= 1, rec_a
    expected = [
        "%d|NONE|NONE|Agent/2001|AGENTLOGIN|Agent/2001" % s(logged_in["ts_ms"]),
        "%d|NONE|sales|Agent/2001|ADDMEMBER|" % s(logged_in["ts_ms"]),
        "%d|%s|sales|NONE|ENTERQUEUE||=cmd|1" % (s(queued_a["ts_ms"]), a),
        "%d|%s|sales|Agent/2001|CONNECT|%d|%s.1|%d" % (s(answered_a["ts_ms"]), a, hold_a, a, ring_a),
        "%d|%s|sales|Agent/2001|COMPLETECALLER|%d|%d|1" % (s(ended_a["ts_ms"]), a, hold_a, talk_a),
        "%d|NONE|sales|Agent/2001|PAUSE|break" % s(pause["ts_ms"]),
        "%d|%s|nobody|NONE|ENTERQUEUE||0611223344|1" % (s(queued_t["ts_ms"]), t),
        "%d|%s|nobody|NONE|EXITWITHTIMEOUT|1|1|%d" % (s(left_t["ts_ms"]), t,
                                                      s(left_t["ts_ms"] - queued_t["ts_ms"])),
        "%d|NONE|sales|Agent/2001|UNPAUSE|" % s(unpause["ts_ms"]),
        "%d|NONE|sales|Agent/2001|REMOVEMEMBER|" % s(logout["ts_ms"]),
        "%d|NONE|NONE|Agent/2001|AGENTLOGOFF|Agent/2001|%d" % (s(logout["ts_ms"]),
                                                             s(logout["ts_ms"] - logged_in["ts_ms"])),
    ]
    assert 2000 <= rec_t["wait_ms"] <= 3000, rec_t  # its maximum wait
    today = datetime.now(ZONE).strftime("%Y-%m-%d")
    status, headers, body = get(server, "/api/v1/tenants/t1/queue_log?from=%s&to=%s" % (today, today))
    assert status == 200 and headers["Content-Type"].startswith("text/plain"), (status, body)
    lines = body.decode().splitlines()
    assert len(lines) == len(expected), "\n".join(lines)
    for n, (got, want) in enumerate(zip(lines, expected)):
        assert got == want, "line %d:\n got  %s\n want %s\n%s" % (n + 1, got, want, body.decode())
    # The live file holds the same lines (appended once each event was committed).
    live_path = os.path.join(server.data_dir, "queue_log")
    live = wait_for(lambda: (lambda t: t if t.count("\n") >= len(expected) else None)(
        open(live_path).read() if os.path.exists(live_path) else ""), "the live queue_log file")
    assert live.splitlines() == lines, live
    # The same period in epoch milliseconds; another tenant's export is not found.
    start = int(datetime.strptime(today, "%Y-%m-%d").replace(tzinfo=ZONE).timestamp() * 1000)
    status, _, body_ms = get(server, "/api/v1/tenants/t1/queue_log?from=%d&to=%d" % (start, start + 86400000))
    assert status == 200 and body_ms == body
    # A supervisor of t1 reads t1's exports; t2's are not found for it; an unknown tenant is not found.
    add_user(server, "sup1", [{"tenant": "t1", "role": "supervisor"}])
    sup = login(server, "sup1")
    assert get(server, "/api/v1/tenants/t1/queue_log?from=%s" % today, sup)[2] == body
    assert get(server, "/api/v1/tenants/t2/queue_log", sup)[0] == 404
    assert get(server, "/api/v1/tenants/t2/cdr", sup)[0] == 404
    assert get(server, "/api/v1/tenants/t9/queue_log")[0] == 404
    assert get(server, "/api/v1/tenants/t1/queue_log?from=yesterday")[0] == 400

    # CDRs: Asterisk's cdr_csv columns then the contact-centre fields, one line per call record.
    def cdr_fields(r, excel):
        answered = r["answer_ms"] > 0
        disposition = "ANSWERED" if r["outcome"] == "answered" else "NO ANSWER"
        return [r["tenant"], r["caller"], r["number"], r["tenant"], '"" <%s>' % r["caller"],
                "PJSIP/" + r["caller"], "Agent/" + r["agent"] if r["agent"] else "", "Queue", r["queue"],
                local(r["start_ms"]), local(r["answer_ms"]), local(r["end_ms"]),
                str((r["end_ms"] - r["start_ms"]) // 1000),
                str((r["end_ms"] - r["answer_ms"]) // 1000 if answered else 0), disposition, "DOCUMENTATION",
                r["id"], "", r["id"], r["queue"], r["agent"], number(r["wait_ms"] / 1000, excel),
                number(r["ring_ms"] / 1000, excel), number(r["talk_ms"] / 1000, excel),
                number(r["hold_ms"] / 1000, excel), "0", "0", "", r["disposition"], r["recording"],
                "yes" if r["recording_notice"] else "no"]

    header = ("accountcode,src,dst,dcontext,clid,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,"
              "billsec,disposition,amaflags,uniqueid,userfield,linkedid,queue,agent,wait_s,ring_s,talk_s,hold_s,"
              "acw_s,transfers,campaign,disposition_code,recording,recording_notice")
    records = [rec_a, rec_t]
    for profile in ("standard", "excel"):
        excel = profile == "excel"
        status, headers, body = get(server, "/api/v1/tenants/t1/cdr?from=%s&format=csv&profile=%s"
                                    % (today, profile))
        assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8", (status, body)
        assert body.startswith(b"\xef\xbb\xbf") == excel
        text = body.decode("utf-8-sig")
        sep = ";" if excel else ","
        got = text.split("\r\n")
        assert got[-1] == "" and len(got) == 2 + len(records), text
        assert got[0] == header.replace(",", sep)
        for n, r in enumerate(records):
            fields = cdr_fields(r, excel)
            fields[1] = "'" + fields[1] if fields[1].startswith("=") else fields[1]  # CSV injection neutralised
            out = io.StringIO()
            csv.writer(out, delimiter=sep, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow(fields)
            assert got[n + 1] + "\r\n" == out.getvalue(), "%s line %d:\n got  %s\n want %s" % (
                profile, n + 2, got[n + 1], out.getvalue())
        assert ("%s'=cmd%s" % (sep, sep)) in got[1]
    # XLSX: the same cells, numbers as numbers, read back with openpyxl.
    status, headers, body = get(server, "/api/v1/tenants/t1/cdr?from=%s&format=xlsx" % today)
    assert status == 200 and headers["Content-Type"].startswith("application/vnd.openxmlformats"), status
    path = os.path.join(workdir, "cdr.xlsx")
    with open(path, "wb") as f:
        f.write(body)
    script = ("import openpyxl,sys,json; ws=openpyxl.load_workbook(sys.argv[1]).worksheets[0];"
              "print(json.dumps([[c.value for c in r] for r in ws.iter_rows()]))")
    import json
    rows = json.loads(subprocess.check_output(["/usr/bin/python3", "-c", script, path]))
    assert rows[0] == header.split(",")
    assert rows[1][1] == "=cmd" and rows[1][12] == (rec_a["end_ms"] - rec_a["start_ms"]) // 1000, rows[1]
    assert rows[1][21] == rec_a["wait_ms"] / 1000 and rows[2][20] is None, rows
