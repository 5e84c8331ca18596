"""Inbound calls through the queue: answered and bridged with recording, abandoned
while queued, ring-no-answer moving to the next agent, CANCEL while an agent rings."""
import json
import re
import socket
import time

from audio_check import assert_stereo_8k_with_audio
from plateau_harness import SLOWDOWN
from sipp_harness import PCAP_G711A, Agent, Sipp, sdp_body


def caller(plateau, workdir, label, number, talk_ms=4000, timeout_s=60, audio=PCAP_G711A):
    return Sipp(workdir, label, "uac_call.xml", remote=plateau.sip_port, service=number, pause_ms=talk_ms,
                keys={"audio": audio}, timeout_s=timeout_s)


def canceller(plateau, workdir, label, number, wait_ms, timeout_s=30):
    return Sipp(workdir, label, "uac_cancel.xml", remote=plateau.sip_port, service=number, pause_ms=wait_ms,
                timeout_s=timeout_s)


def first_response(sipp, code, method="INVITE"):
    for msg in sipp.messages("received"):
        if msg.startswith("SIP/2.0 %d" % code) and re.search(r"(?im)^CSeq:\s*\d+\s+%s" % method, msg):
            return msg
    raise AssertionError("sipp %s received no %d to %s\n%s" % (sipp.label, code, method, sipp.report()))


def wait_answered(sipp, timeout=20.0):
    deadline = time.time() + timeout * SLOWDOWN
    while time.time() < deadline:
        if any(m.startswith("SIP/2.0 200") and "INVITE" in m.split("CSeq:", 1)[-1].split("\n", 1)[0]
               for m in sipp.messages("received")):
            return
        assert sipp.proc.poll() is None, "caller %s ended before being answered\n%s" % (sipp.label, sipp.report())
        time.sleep(0.1)
    raise AssertionError("caller %s not answered within %.0f s\n%s" % (sipp.label, timeout * SLOWDOWN,
                                                                       sipp.report()))


def show(record):
    return json.dumps(record, indent=1)


def test_caller_reaches_agent_bridged_and_recorded(plateau, workdir):
    agent = Agent(workdir, plateau.sip_port, "2001").start()
    call = caller(plateau, workdir, "caller", "100", talk_ms=5000).start()
    call.expect_success()
    agent.uas.expect_success()

    # Caller side: 183 with SDP (early media) before the 200, and the 200 carries the same SDP.
    statuses = call.received_statuses()
    assert 183 in statuses and statuses.index(183) < statuses.index(200), "caller got %s" % statuses
    sdp183, sdp200 = sdp_body(first_response(call, 183)), sdp_body(first_response(call, 200))
    assert "m=audio" in sdp183, "183 without SDP:\n%s" % first_response(call, 183)
    assert sdp183 == sdp200, "the 200 SDP differs from the 183 SDP:\n--183--\n%s\n--200--\n%s" % (sdp183, sdp200)

    # Agent side: the INVITE offers G.711.
    invite = agent.uas.messages("received")[0]
    assert invite.startswith("INVITE"), invite
    assert re.search(r"a=rtpmap:(0 PCMU|8 PCMA)/8000", invite), "agent INVITE offers no G.711:\n%s" % invite

    rec = plateau.wait_call(call.call_id())
    assert rec["outcome"] == "answered", show(rec)
    assert rec["agent"] == "2001", show(rec)
    assert (rec["tenant"], rec["number"], rec["queue"]) == ("t1", "100", "sales"), show(rec)
    assert rec["caller"] == "5550100", show(rec)
    assert rec["start_ms"] <= rec["answer_ms"] <= rec["end_ms"], show(rec)
    assert rec["talk_ms"] >= 3000, "talk_ms %s for a 5 s conversation: %s" % (rec["talk_ms"], show(rec))
    assert rec["talk_ms"] <= rec["end_ms"] - rec["start_ms"], show(rec)

    path = plateau.recording_path(rec)
    hdr, stats = assert_stereo_8k_with_audio(path, min_seconds=3.0)
    print("recording", path, hdr, stats)


def test_abandon_while_queued(plateau, workdir):
    # The only agent is busy with a first caller; a second caller waits in the queue, then gives up.
    agent = Agent(workdir, plateau.sip_port, "2001").start()
    first = caller(plateau, workdir, "caller1", "200", talk_ms=9000).start()
    wait_answered(first)
    second = canceller(plateau, workdir, "caller2", "200", wait_ms=3000).run()
    assert 487 in second.received_statuses(), second.received_statuses()
    first.expect_success()
    agent.uas.expect_success()
    invites = agent.uas.received_requests().count("INVITE")
    assert invites == 1, "the busy agent was offered %d calls" % invites

    rec2 = plateau.wait_call(second.call_id())
    assert rec2["outcome"] == "abandoned", show(rec2)
    assert rec2["agent"] == "" and rec2["answer_ms"] == 0 and rec2["talk_ms"] == 0, show(rec2)
    assert rec2["wait_ms"] >= 2000, "waited ~3 s in queue, wait_ms=%s: %s" % (rec2["wait_ms"], show(rec2))
    rec1 = plateau.wait_call(first.call_id())
    assert rec1["outcome"] == "answered" and rec1["agent"] == "2001", show(rec1)


def test_ring_no_answer_goes_to_next_agent(plateau, workdir, capsys):
    # 2001 registers first (longest idle, offered first) and never answers; 2002 answers.
    slow = Agent(workdir, plateau.sip_port, "2001", scenario_file="uas_ring_noanswer.xml", rtp_echo=False,
                 timeout_s=40).start()
    time.sleep(0.5)
    good = Agent(workdir, plateau.sip_port, "2002", calls=2, timeout_s=90).start()

    first = caller(plateau, workdir, "caller1", "200", talk_ms=2000).run()
    slow.uas.expect_success()  # it got the INVITE, rang, and was CANCELled
    rec1 = plateau.wait_call(first.call_id())
    assert rec1["outcome"] == "answered" and rec1["agent"] == "2002", show(rec1)
    assert rec1["ring_ms"] >= 3800, "ring_ms %s, expected >= ring_timeout (4 s): %s" % (rec1["ring_ms"], show(rec1))

    # 2001 is not ready any more: a second call goes straight to 2002, nothing reaches 2001's phone.
    listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    listener.bind(("127.0.0.1", slow.port))
    listener.settimeout(0.1)
    try:
        second = caller(plateau, workdir, "caller2", "200", talk_ms=1000).run()
        got = []
        try:
            while True:
                got.append(listener.recv(65535).split(b"\r\n", 1)[0])
        except socket.timeout:
            pass
    finally:
        listener.close()
    good.uas.expect_success()
    assert not got, "the agent who did not answer was offered the next call: %s" % got
    rec2 = plateau.wait_call(second.call_id())
    assert rec2["outcome"] == "answered" and rec2["agent"] == "2002", show(rec2)
    assert rec2["ring_ms"] < 4000, show(rec2)

    agents_lines = [l for l in plateau.metrics().splitlines() if "agent" in l and not l.startswith("#")]
    with capsys.disabled():
        print("\n[ring no answer] metrics: %s" % "; ".join(agents_lines[:10]))


def test_cancel_while_agent_rings(plateau, workdir):
    agent = Agent(workdir, plateau.sip_port, "2001", scenario_file="uas_ring_noanswer.xml", rtp_echo=False,
                  timeout_s=30).start()
    # Number 200 has no greeting: the agent rings at once; the caller gives up after 2 s (< ring_timeout 4 s).
    call = canceller(plateau, workdir, "caller", "200", wait_ms=2000).run()
    assert call.received_statuses()[-1] == 487, call.received_statuses()
    agent.uas.expect_success()  # the phone got INVITE, then CANCEL (and answered 200/487)
    assert "CANCEL" in agent.uas.received_requests(), agent.uas.report()

    rec = plateau.wait_call(call.call_id())
    assert rec["outcome"] == "abandoned", show(rec)
    assert rec["agent"] == "" and rec["answer_ms"] == 0, show(rec)
    assert 0 < rec["ring_ms"] < 4000, "ring_ms %s: %s" % (rec["ring_ms"], show(rec))
