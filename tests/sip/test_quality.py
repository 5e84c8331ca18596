"""Recordings and quality with a real call (sipp caller, sipp agent): the agent pauses its call's recording and a
supervisor resumes it (silence, a 1 kHz tone and a labelled cue point at each boundary, in the real file; the
events and the record), the recordings search, listening with HTTP ranges and downloading (audited once per
playback start), evaluations scored on the server and the quality report, access refused to an agent (403) and
to another tenant's supervisor (404), and the retention purge (an aged recording; a purge cut short by a crash)."""
import datetime
import json
import math
import os
import sqlite3
import struct
import time
import urllib.request

import pytest

from audio_check import channel_samples
from plateau_harness import SLOWDOWN, TOKEN, Plateau
from sipp_harness import Agent
from test_calls import caller

PROVISIONING = """
[[tenant]]
name = "t1"
language = "fr"
dispositions = ["sale", "info"]
recording_retention_days = 1

[[evaluation_form]]
tenant = "t1"
name = "standard"
criteria = [
  { id = "greeting", labels = { fr = "Accueil", en = "Greeting" }, weight = 2, max_score = 5 },
  { id = "accuracy", labels = { fr = "Exactitude", en = "Accuracy" }, weight = 3, max_score = 10 },
  { id = "closing", labels = { fr = "Conclusion" }, weight = 1, max_score = 4 },
]

[[tenant]]
name = "t2"

[[trunk]]
tenant = "t1"
name = "carrier"
addresses = ["127.0.0.0/8"]

[[queue]]
tenant = "t1"
name = "sales"
ring_timeout = 6
max_wait = 60

[[queue]]
tenant = "t2"
name = "desk"

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
"""

PASSWORD = "a-long-password"
MAX_RANGE = 1 << 20


@pytest.fixture
def qs(request, workdir):
    path = os.path.join(workdir, "quality.toml")
    with open(path, "w") as f:
        f.write(PROVISIONING)
    server = Plateau(workdir, provision_file=path)
    request.node._plateau = server
    try:
        server.start(timeout=60.0)
    except BaseException:
        server.stop()
        raise
    for login, tenant, role, agent in (("salma", "t1", "agent", "2001"), ("sup1", "t1", "supervisor", ""),
                                       ("adm1", "t1", "administrator", ""), ("sup2", "t2", "supervisor", "")):
        m = {"tenant": tenant, "role": role}
        if agent:
            m["agent"] = agent
        status, _, out = call_api(server, "POST", "/api/v1/users",
                                  {"login": login, "name": login, "password": PASSWORD, "memberships": [m]}, TOKEN)
        assert status == 201, out
    server.tokens = {who: call_api(server, "POST", "/api/v1/auth/login", {"login": who, "password": PASSWORD})[2]["token"]
                     for who in ("salma", "sup1", "adm1", "sup2")}
    yield server
    assert server.stop() == 0, server.log_tail(120)


def call_api(server, method, path, body=None, token=None, headers=None, raw=False):
    """(status, headers, JSON or bytes)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (server.http_port, path), data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=10 * SLOWDOWN) as resp:
            status, hdrs, payload = resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as e:
        status, hdrs, payload = e.code, e.headers, e.read()
    if raw:
        return status, hdrs, payload
    try:
        return status, hdrs, json.loads(payload)
    except ValueError:
        return status, hdrs, payload


def events(server, kind, call_id):
    return [e for e in server.http_json("/api/v1/events?tenant=t1&kind=" + kind)["events"] if e["call_id"] == call_id]


def wait_connected(server, login="2001", timeout=15.0):
    deadline = time.time() + timeout * SLOWDOWN
    while time.time() < deadline:
        view = server.http_json("/api/v1/agents/t1/%s" % login)
        if view["contact"] and view["contact"]["role"] == "connected":
            return view["contact"]
        time.sleep(0.1)
    raise AssertionError("agent %s has no connected contact" % login)


def cue_points(path):
    """[(frame, label)] from the WAV's cue and LIST/adtl chunks."""
    with open(path, "rb") as f:
        data = f.read()
    pos, points, labels = 12, [], {}
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if cid == b"cue ":
            n = struct.unpack("<I", body[:4])[0]
            for i in range(n):
                cue_id, _, _, _, _, frame = struct.unpack("<II4sIII", body[4 + 24 * i:28 + 24 * i])
                points.append((cue_id, frame))
        elif cid == b"LIST" and body[:4] == b"adtl":
            p = 4
            while p + 12 <= len(body):
                sub = struct.unpack("<I", body[p + 4:p + 8])[0]
                if body[p:p + 4] == b"labl":
                    labels[struct.unpack("<I", body[p + 8:p + 12])[0]] = body[p + 12:p + 8 + sub].split(b"\0")[0].decode()
                p += 8 + sub + (sub & 1)
        pos += 8 + size + (size & 1)
    return [(frame, labels.get(cue_id, "")) for cue_id, frame in points]


def tone_level(samples, hz=1000.0):
    """Goertzel magnitude of `hz` in samples, relative to the samples' energy (1.0: a pure tone)."""
    k = 2 * math.cos(2 * math.pi * hz / 8000.0)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + k * s1 - s2, s1
    power = s1 * s1 + s2 * s2 - k * s1 * s2
    energy = sum(x * x for x in samples) or 1.0
    return power / (energy * len(samples) / 2)


def rms(samples):
    return math.sqrt(sum(x * x for x in samples) / max(1, len(samples)))


def recorded_call(qs, workdir, pause=True):
    """A call of 8 s to 2001; with `pause`, salma pauses at ~2 s and sup1 resumes at ~4.5 s. The record."""
    agent = Agent(workdir, qs.sip_port, "2001").start()
    call = caller(qs, workdir, "caller", "200", talk_ms=8000).start()
    wait_connected(qs)
    if pause:
        time.sleep(2.0)
        status, _, out = call_api(qs, "POST", "/api/v1/agents/t1/2001/call/pause-recording", {}, qs.tokens["salma"])
        assert status == 200 and out == {"ok": True, "recording_paused": True}, out
        assert qs.http_json("/api/v1/agents/t1/2001")["contact"]["recording_paused"] is True
        status, _, out = call_api(qs, "POST", "/api/v1/agents/t1/2001/call/pause-recording", {}, qs.tokens["salma"])
        assert status == 409 and out["error"]["code"] == "cti.bad_state", out
        time.sleep(2.5)
        status, _, out = call_api(qs, "POST", "/api/v1/agents/t1/2001/call/resume-recording", {}, qs.tokens["sup1"])
        assert status == 200, out
        status, _, out = call_api(qs, "POST", "/api/v1/agents/t1/2001/call/resume-recording", {}, qs.tokens["sup2"])
        assert status == 404, out
    call.expect_success()
    agent.uas.expect_success()
    return qs.wait_call(call.call_id(), timeout=15.0)


def test_pause_is_in_the_file_then_search_listen_download_and_evaluate(qs, workdir):
    rec = recorded_call(qs, workdir)
    call_id = rec["id"]
    assert rec["recording_pauses"] == 1 and 2000 <= rec["recording_paused_ms"] <= 4000, rec

    # The file: cue points at the boundaries, a tone after each, silence in between, the caller's audio before.
    path = qs.recording_path(rec)
    cues = cue_points(path)
    assert [label for _, label in cues] == ["recording paused", "recording resumed"], cues
    (paused_at, _), (resumed_at, _) = cues
    assert 1.5 * 8000 <= paused_at and 1.8 * 8000 <= resumed_at - paused_at <= 3.5 * 8000, cues
    left, right = channel_samples(path)
    for at in (paused_at, resumed_at):
        for ch in (left, right):
            tone = ch[at + 200:at + 1800]
            assert rms(tone) > 2000 and tone_level(tone) > 0.8, (at, rms(tone), tone_level(tone))
    quiet = left[paused_at + 2400:resumed_at - 400] + right[paused_at + 2400:resumed_at - 400]
    assert quiet and max(abs(x) for x in quiet) == 0, "the pause is not silent"
    assert rms(left[max(0, paused_at - 8000):paused_at - 400]) > 100, "no caller audio before the pause"

    paused = events(qs, "recording.paused", call_id)
    resumed = events(qs, "recording.resumed", call_id)
    assert len(paused) == 1 and paused[0]["data"]["actor"] == "salma" and paused[0]["agent"] == "2001", paused
    assert len(resumed) == 1 and resumed[0]["data"]["actor"] == "sup1", resumed
    # The logged offsets and the cue points agree within a few media ticks.
    assert abs(paused[0]["data"]["offset_ms"] - paused_at / 8) < 300, (paused, cues)
    assert abs(resumed[0]["data"]["offset_ms"] - resumed_at / 8) < 300, (resumed, cues)

    # Search.
    sup = qs.tokens["sup1"]
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=1))).date().isoformat()
    status, _, found = call_api(qs, "GET", "/api/v1/tenants/t1/recordings?agent=2001&from=%s&to=%s" % (today, today),
                                token=sup)
    assert status == 200 and found["total"] == 1, found
    r = found["recordings"][0]
    assert r["call_id"] == call_id and r["queue"] == "sales" and r["recording_pauses"] == 1 and not r["purged"], r
    assert r["audio"] == "/api/v1/tenants/t1/recordings/%s/audio" % call_id
    assert call_api(qs, "GET", "/api/v1/tenants/t1/recordings?queue=other", token=sup)[2]["total"] == 0
    assert call_api(qs, "GET", "/api/v1/tenants/t1/recordings?customer=5550100", token=sup)[2]["total"] == 1
    assert call_api(qs, "GET", "/api/v1/tenants/t1/recordings?from=yesterday", token=sup)[0] == 400

    # Listen: ranges as <audio> asks them; one playback start is one audited listen.
    with open(path, "rb") as f:
        whole = f.read()
    audio = "/api/v1/tenants/t1/recordings/%s/audio" % call_id
    status, hdrs, body = call_api(qs, "GET", audio, token=sup, headers={"Range": "bytes=0-"}, raw=True)
    assert status == 206 and hdrs["Content-Type"] == "audio/wav" and hdrs["Accept-Ranges"] == "bytes", hdrs
    n = min(len(whole), MAX_RANGE)
    assert hdrs["Content-Range"] == "bytes 0-%d/%d" % (n - 1, len(whole)) and body == whole[:n]
    status, hdrs, body = call_api(qs, "GET", audio, token=sup, headers={"Range": "bytes=1000-1999"}, raw=True)
    assert status == 206 and body == whole[1000:2000] and hdrs["Content-Range"] == "bytes 1000-1999/%d" % len(whole)
    status, _, _ = call_api(qs, "GET", audio, token=sup, headers={"Range": "bytes=0-"}, raw=True)  # same playback
    assert status == 206
    status, hdrs, _ = call_api(qs, "GET", audio, token=sup, headers={"Range": "bytes=%d-" % len(whole)}, raw=True)
    assert status == 416 and hdrs["Content-Range"] == "bytes */%d" % len(whole)
    listened = events(qs, "recording.listened", call_id)
    assert len(listened) == 1 and listened[0]["data"] == {"actor": "sup1"}, listened
    status, hdrs, body = call_api(qs, "GET", audio + "?download=1", token=sup, raw=True)
    assert status == 200 and body == whole, status
    assert hdrs["Content-Disposition"] == 'attachment; filename="%s.wav"' % call_id
    downloaded = events(qs, "recording.downloaded", call_id)
    assert len(downloaded) == 1 and downloaded[0]["data"] == {"actor": "sup1"}, downloaded

    # Access: an agent 403, another tenant's supervisor 404 (as if nothing were there), paths stay in the data dir.
    salma, sup2 = qs.tokens["salma"], qs.tokens["sup2"]
    assert call_api(qs, "GET", audio, token=salma, raw=True)[0] == 403
    assert call_api(qs, "GET", "/api/v1/tenants/t1/recordings", token=salma)[0] == 403
    assert call_api(qs, "GET", audio, token=sup2, raw=True)[0] == 404
    assert call_api(qs, "GET", "/api/v1/tenants/t1/recordings", token=sup2)[0] == 404
    status, _, out = call_api(qs, "GET", "/api/v1/tenants/t2/recordings/%s/audio" % call_id, token=sup2)
    assert status == 404, out  # t1's call asked through t2
    assert call_api(qs, "GET", "/api/v1/tenants/t1/recordings/..%2F..%2Fplateau.db/audio", token=sup, raw=True)[0] == 404
    assert len(events(qs, "recording.listened", call_id)) == 1

    # Evaluation forms, an evaluation scored on the server, its audit, the report.
    status, _, forms = call_api(qs, "GET", "/api/v1/tenants/t1/evaluation-forms", token=sup)
    assert status == 200 and [c["id"] for c in forms["forms"][0]["criteria"]] == ["greeting", "accuracy", "closing"]
    body = {"call_id": call_id, "form": "standard", "scores": {"greeting": 4, "accuracy": 7, "closing": None},
            "comment": "Bon accueil", "score": 100}
    status, _, saved = call_api(qs, "POST", "/api/v1/tenants/t1/evaluations", body, sup)
    # 100 * (2 * 4/5 + 3 * 7/10) / 5 = 74 (the client's "score" is ignored)
    assert status == 201 and saved["score"] == 74 and saved["agent"] == "2001" and saved["evaluator"] == "sup1", saved
    bad = dict(body, scores={"greeting": 6, "accuracy": 7, "closing": 1})
    status, _, out = call_api(qs, "POST", "/api/v1/tenants/t1/evaluations", bad, sup)
    assert status == 422 and "greeting" in out["error"]["message"], out
    assert call_api(qs, "POST", "/api/v1/tenants/t1/evaluations", body, salma)[0] == 403
    assert call_api(qs, "POST", "/api/v1/tenants/t2/evaluations", dict(body, form="standard"), sup2)[0] == 422
    status, _, out = call_api(qs, "POST", "/api/v1/tenants/t1/evaluations", dict(body, call_id="c-nope"), sup)
    assert status == 404, out
    status, _, listed = call_api(qs, "GET", "/api/v1/tenants/t1/evaluations?call=" + call_id, token=sup)
    assert status == 200 and [e["id"] for e in listed["evaluations"]] == [saved["id"]], listed
    assert listed["evaluations"][0]["scores"][2] == {"criterion": "closing", "score": None, "max_score": 4, "weight": 1}
    saved_events = events(qs, "evaluation.saved", call_id)
    assert len(saved_events) == 1 and saved_events[0]["data"]["actor"] == "sup1"
    assert saved_events[0]["data"]["form"] == "standard" and saved_events[0]["data"]["score"] == 74
    status, _, report = call_api(qs, "GET", "/api/v1/tenants/t1/reports/quality?interval=month", token=sup)
    assert status == 200 and report["time_zone"] == "Africa/Casablanca", report
    rows = {(row["agent"], row["criterion"]): row for row in report["rows"]}
    assert rows[("2001", "")]["mean"] == 74 and rows[("2001", "greeting")]["mean"] == 80
    assert rows[("2001", "accuracy")]["mean"] == 70 and ("2001", "closing") not in rows, report
    assert call_api(qs, "GET", "/api/v1/tenants/t1/reports/quality?interval=day", token=sup)[0] == 400


def test_retention_purges_an_aged_recording_and_finishes_a_purge_cut_short(qs, workdir):
    rec = recorded_call(qs, workdir, pause=False)
    path = qs.recording_path(rec)
    assert os.path.exists(path)
    # A second record whose purge was cut short by a crash: marked, its file still there.
    crashed = os.path.join(os.path.dirname(path), "crashed.wav")
    with open(path, "rb") as src, open(crashed, "wb") as dst:
        dst.write(src.read())
    three_days = int(time.time() * 1000) - 3 * 86_400_000
    db = sqlite3.connect(os.path.join(qs.data_dir, "plateau.db"), timeout=10)
    with db:
        db.execute("UPDATE calls SET start_ms = ? WHERE id = ?", (three_days, rec["id"]))
        db.execute("INSERT INTO calls(id, sip_call_id, tenant, caller, number, queue, agent, start_ms, answer_ms, "
                   "end_ms, wait_ms, ring_ms, talk_ms, outcome, reason, recording, recording_purged_ms) "
                   "SELECT 'c-crashed', 'x', tenant, caller, number, queue, agent, start_ms, answer_ms, end_ms, "
                   "wait_ms, ring_ms, talk_ms, outcome, reason, ?, ? FROM calls WHERE id = ?",
                   (os.path.relpath(crashed, qs.data_dir), three_days, rec["id"]))
    db.close()
    sup, adm = qs.tokens["sup1"], qs.tokens["adm1"]
    assert call_api(qs, "POST", "/api/v1/tenants/t1/recordings/purge", {}, sup)[0] == 403
    status, _, out = call_api(qs, "POST", "/api/v1/tenants/t1/recordings/purge", {}, adm)
    assert status == 200 and out == {"purged": 2}, out
    assert not os.path.exists(path) and not os.path.exists(crashed)
    status, _, found = call_api(qs, "GET", "/api/v1/tenants/t1/recordings?limit=10", token=sup)
    assert sorted(r["call_id"] for r in found["recordings"] if r["purged"]) == sorted([rec["id"], "c-crashed"]), found
    status, _, out = call_api(qs, "GET", "/api/v1/tenants/t1/recordings/%s/audio" % rec["id"], token=sup)
    assert status == 410 and out["error"]["code"] == "quality.recording_purged", out
    for call_id in (rec["id"], "c-crashed"):
        purged = events(qs, "recording.purged", call_id)
        assert len(purged) == 1 and purged[0]["data"] == {"actor": "system", "reason": "retention", "days": 1}, purged
    # Nothing left to do.
    assert call_api(qs, "POST", "/api/v1/tenants/t1/recordings/purge", {}, adm)[2] == {"purged": 0}
