"""The telephony layer on its own (telephony_driver), driven with the commands the
routing core sends for callbacks, overflow to an external number, announcements and
voicemail: Dial, PlaySequence, PlayPrompt on outgoing legs, Bridge of any two answered
legs, RecordLeg and StopRecording, and a prompt library published while calls play.
The far ends are real sipp user agents (scenarios/uas_customer.xml as the dialled
customer); what they received is read on the wire with rtp_tools.RtpSniffer."""
import os
import socket
import time
import wave

import pytest

from audio_check import assert_mono_8k_with_audio, assert_stereo_8k_with_audio, channel_samples, wav_header
from plateau_harness import SLOWDOWN
from rtp_tools import decode, dominant, runs, show_runs, write_tone_pcap, write_tone_wav
from sipp_harness import PCAP_G711A, Customer, Sipp, register_agent, sdp_body
from test_calls import first_response, wait_answered

TONES = (500, 1000, 1500, 2000)
PCAP_DTMF = "/usr/share/sip-tester/dtmf_2833_%s.pcap"


def tones_heard(packets):
    """The tone each packet carries (one of TONES, or None for silence and mixed frames)."""
    return [dominant(decode(p.payload, p.pt), TONES) for p in packets if p.pt in (0, 8)]


def tone_pcap(workdir, freq, pt=0, seconds=8):
    path = "%s/tone%d_pt%d.pcap" % (workdir, freq, pt)
    write_tone_pcap(path, freq, seconds, pt)
    return path


def answered_customer(telephony, sniffer, workdir, label="customer", call=None, **kw):
    """A started Customer, dialled and answered: (customer, call, leg, plateau's RTP port for the leg)."""
    customer = Customer(workdir, label, **kw).start()
    sniffer.watch(customer.media_port)
    call, leg = telephony.dial(customer, call=call)
    telephony.wait_event("LegAnswered", leg=leg)
    return customer, call, leg, customer.plateau_rtp_port()


def wait_stats(telephony, check, what, timeout=5.0):
    deadline = time.time() + timeout * SLOWDOWN
    while True:
        st = telephony.stats()
        if check(st) or time.time() > deadline:
            assert check(st), "telephony stats: expected %s, got %s" % (what, st)
            return st
        time.sleep(0.3)


def wait_count(count, expected, what, timeout=5.0):
    deadline = time.time() + timeout * SLOWDOWN
    while count() < expected and time.time() < deadline:
        time.sleep(0.05)
    assert count() == expected, "%s: %d, expected %d" % (what, count(), expected)


def same_audio(a, b):
    """Two lists of samples carry the same sound, give or take G.711 re-quantisation."""
    return len(a) == len(b) and all(abs(x - y) <= max(16, abs(x) // 8) for x, y in zip(a, b))


def test_dial_rings_answers_media_flows_and_is_counted(telephony, sniffer, workdir):
    customer = Customer(workdir, ring_ms=400, codec="PCMA").start()
    sniffer.watch(customer.media_port)
    call, leg = telephony.dial(customer, number="+33612345678", caller_id="0522000000")
    ringing = telephony.wait_event("LegRinging", leg=leg)
    answered = telephony.wait_event("LegAnswered", leg=leg)
    assert answered["t_ms"] - ringing["t_ms"] >= 300, "answered %d ms after ringing, the customer rang 400 ms" % (
        answered["t_ms"] - ringing["t_ms"])

    invite = customer.invite().replace("\r\n", "\n")
    assert invite.startswith("INVITE sip:+33612345678@127.0.0.1:%d SIP/2.0" % customer.port), invite
    assert "<sip:0522000000@127.0.0.1>" in invite.split("\nFrom:", 1)[1].split("\n", 1)[0], invite
    assert "\nm=audio %d RTP/AVP 0 8 101\n" % customer.plateau_rtp_port() in invite, invite
    for line in ("a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000"):
        assert line in invite, "%s missing from the offer:\n%s" % (line, invite)
    port = customer.plateau_rtp_port()

    # Customer -> Plateau: the pcap sipp plays reaches the leg's port.
    got = sniffer.wait_packets(50, 5 * SLOWDOWN, src=customer.media_port, dst=port)
    assert len(got) >= 50, "Plateau's leg received %d RTP packets from the customer" % len(got)

    # Plateau -> customer: a prompt on the answered outgoing leg, in the customer's codec (PCMA).
    start = time.time()
    telephony.send("PlayPrompt", leg=leg, prompt="tone1000", language="fr", loop=False)
    telephony.wait_event("PromptDone", leg=leg)
    heard = sniffer.wait_packets(20, 2, src=port, dst=customer.media_port, since=start)
    assert {p.pt for p in heard} == {8}, "payload types sent: %s" % {p.pt for p in heard}
    assert 19 <= len(heard) <= 22, "a 400 ms prompt took %d packets" % len(heard)
    assert tones_heard(heard).count(1000) >= 18, tones_heard(heard)

    stats = wait_stats(telephony, lambda s: s["rtp_rx"] >= 50 and s["rtp_tx"] >= 20, "RTP counted both ways")
    assert stats["dialled_legs"] == 1 and stats["agent_legs"] == 0 and stats["inbound_legs"] == 0, stats
    assert stats["requests_out"]["INVITE"] == 1 and stats["requests_out"]["ACK"] == 1, stats
    assert stats["responses_in"]["1xx"] >= 1 and stats["responses_in"]["2xx"] == 1, stats

    telephony.send("HangupLeg", leg=leg, reason="test")
    customer.expect_success()
    assert customer.uas.received_requests()[-1] == "BYE", customer.uas.received_requests()
    stats = wait_stats(telephony, lambda s: s["dialled_legs"] == 0, "no dialled leg left")
    assert stats["requests_out"]["BYE"] == 1 and stats["responses_in"]["2xx"] == 2, stats
    assert not telephony.find("LegEnded", leg=leg), "a leg the core hung up is not reported back"


@pytest.mark.parametrize("status,headers", [
    ("486 Busy Here", ()),
    ("480 Temporarily Unavailable", ()),
    ("404 Not Found", ()),
    ("603 Decline", ()),
    ("401 Unauthorized", ('WWW-Authenticate: Digest realm="gateway", nonce="0123456789abcdef"',)),
])
def test_dial_refused_ends_the_leg_with_the_sip_code(telephony, workdir, status, headers):
    customer = Customer(workdir, refuse=status, refuse_headers=headers).start()
    call, leg = telephony.dial(customer)
    ended = telephony.wait_event("LegEnded", leg=leg)
    code = int(status.split()[0])
    assert ended["code"] == code and ended["reason"].startswith(status), ended
    if code == 401:
        assert "authentication" in ended["reason"], ended
    customer.expect_success()  # it got the ACK of its final answer, and nothing else
    assert customer.uas.received_requests() == ["INVITE", "ACK"], customer.uas.received_requests()
    assert not telephony.find("LegAnswered", leg=leg)


def test_dial_answered_without_g711_ends_with_488(telephony, workdir):
    customer = Customer(workdir, codec="G729").start()
    call, leg = telephony.dial(customer)
    ended = telephony.wait_event("LegEnded", leg=leg)
    assert ended["code"] == 488 and "neither PCMU nor PCMA" in ended["reason"], ended
    customer.expect_success()  # ACKed, then hung up: the BYE answered 200
    assert customer.uas.received_requests() == ["INVITE", "ACK", "BYE"], customer.uas.received_requests()
    assert not telephony.find("LegAnswered", leg=leg)


def test_dial_no_answer_then_hangup_cancels(telephony, workdir):
    customer = Customer(workdir, ring_ms=600_000).start()
    call, leg = telephony.dial(customer)
    telephony.wait_event("LegRinging", leg=leg)
    time.sleep(0.5)
    telephony.send("HangupLeg", leg=leg, reason="no answer")
    customer.expect_success()  # CANCEL answered 200, INVITE answered 487, then the ACK
    assert customer.uas.received_requests() == ["INVITE", "CANCEL", "ACK"], customer.uas.received_requests()
    time.sleep(0.3)
    assert not telephony.find("LegEnded", leg=leg) and not telephony.find("LegAnswered", leg=leg)


def test_dial_without_any_answer_ends_with_408(telephony, workdir):
    # A gateway that never answers: libre gives up after 64*T1 = 32 s.
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    try:
        leg = telephony.new_id()
        telephony.send("Dial", call=telephony.new_id(), leg=leg, tenant="t1", number="0612",
                       gateway="127.0.0.1:%d" % silent.getsockname()[1], caller_id="")
        ended = telephony.wait_event("LegEnded", leg=leg, timeout=45)
        assert ended["code"] == 408 and "timeout" in ended["reason"], ended
        assert silent.recv(65535).startswith(b"INVITE sip:0612@127.0.0.1:"), "the INVITE went elsewhere"
    finally:
        silent.close()


def test_dial_over_tcp_and_hangup_by_the_customer(telephony, sniffer, workdir):
    customer, call, leg, port = answered_customer(telephony, sniffer, workdir, transport="t1", talk_ms=1500)
    assert "SIP/2.0/TCP" in customer.invite(), customer.invite()
    ended = telephony.wait_event("LegEnded", leg=leg, timeout=10)
    assert ended["code"] == 0 and ended["reason"] == "callee_hangup", ended
    customer.expect_success()


def test_dial_commands_that_cannot_be_sent_end_at_once(telephony):
    cases = [("gw.example.com", "0612", 400, "not an IP address"), ("127.0.0.1:5060", "06 12", 484, "not dialable"),
             ("127.0.0.1;transport=tls", "0612", 400, "unknown parameter")]
    for gateway, number, code, words in cases:
        leg = telephony.new_id()
        telephony.send("Dial", call=telephony.new_id(), leg=leg, tenant="t1", number=number, gateway=gateway,
                       caller_id="")
        ended = telephony.wait_event("LegEnded", leg=leg)
        assert ended["code"] == code and words in ended["reason"], ended


def test_digits_from_a_dialled_leg(telephony, sniffer, workdir):
    customer, call, leg, port = answered_customer(telephony, sniffer, workdir, audio=PCAP_DTMF % "7")
    digit = telephony.wait_event("Digit", leg=leg)
    assert digit["digit"] == "7", digit
    time.sleep(0.5)
    assert len(telephony.find("Digit", leg=leg)) == 1, telephony.find("Digit")
    telephony.send("HangupLeg", leg=leg)
    customer.expect_success()


def test_play_sequence_on_a_dialled_leg_plays_in_order_then_prompt_done(telephony, sniffer, workdir):
    customer, call, leg, port = answered_customer(telephony, sniffer, workdir, codec="PCMU")
    start = time.time()
    telephony.send("PlayPrompt", leg=leg, prompt="tone2000", language="fr", loop=True)  # music on hold
    time.sleep(0.5)
    telephony.send("PlaySequence", leg=leg, prompts=["tone500", "no_such_prompt", "tone1000", "tone1500"],
                   language="fr")
    telephony.wait_event("PromptDone", leg=leg)
    time.sleep(0.5)  # nothing plays after the sequence
    heard = sniffer.packets(src=port, dst=customer.media_port, since=start)
    assert {p.pt for p in heard} == {0}, "payload types sent: %s" % {p.pt for p in heard}
    tones = tones_heard(heard)
    sequence = [(f, n) for f, n in runs(tones) if f is not None]
    assert [f for f, _ in sequence] == [2000, 500, 1000, 1500], "tones heard, in order: %s" % show_runs(tones)
    assert all(18 <= n <= 21 for f, n in sequence[1:]), "frames per 400 ms prompt: %s" % sequence
    assert tones.index(1500) + 20 + 2 >= len(tones), "packets were sent after the sequence: %s" % show_runs(tones)
    first, last = tones.index(500), len(tones) - 1 - tones[::-1].index(1500)
    assert 1.0 <= heard[last].t - heard[first].t <= 1.5 * SLOWDOWN, "the three prompts took %.2f s" % (
        heard[last].t - heard[first].t)

    # Missing prompts are skipped, and said once per name; a sequence of nothing is over at once.
    for prompts in (["no_such_prompt", "tone500"], ["no_such_prompt"]):
        before = len(telephony.find("PromptDone", leg=leg))
        telephony.send("PlaySequence", leg=leg, prompts=prompts, language="fr")
        wait_count(lambda: len(telephony.find("PromptDone", leg=leg)), before + 1, "PromptDone after %s" % prompts)
    warnings = [l for l in telephony.log_text().splitlines() if '"no_such_prompt"' in l]
    assert len(warnings) == 1, "warnings about the missing prompt:\n%s" % "\n".join(warnings)
    telephony.send("HangupLeg", leg=leg)
    customer.expect_success()


def test_bridge_of_two_dialled_legs_relays_both_ways_and_records(telephony, sniffer, workdir):
    # A speaks (g711a.pcap, A-law); B sends a 1 kHz tone in µ-law: each must hear the other, transcoded.
    a, call, leg_a, port_a = answered_customer(telephony, sniffer, workdir, "customer-a", codec="PCMA")
    b, _, leg_b, port_b = answered_customer(telephony, sniffer, workdir, "customer-b", call=call, codec="PCMU",
                                            audio=tone_pcap(workdir, 1000, pt=0))
    start = time.time()
    telephony.send("Bridge", call=call, caller_leg=leg_a, agent_leg=leg_b, record_path="rec/bridge.wav")
    time.sleep(3)

    to_a = sniffer.packets(src=port_a, dst=a.media_port, since=start)
    assert len(to_a) >= 100, "A received %d packets in 3 s of bridge" % len(to_a)
    assert {p.pt for p in to_a} == {8}, "A (PCMA) got payload types %s" % {p.pt for p in to_a}
    assert tones_heard(to_a).count(1000) >= 0.9 * len(to_a), "A did not hear B's tone: %s" % show_runs(
        tones_heard(to_a))

    to_b = sniffer.packets(src=port_b, dst=b.media_port, since=start)
    spoken = [decode(p.payload, p.pt) for p in sniffer.packets(src=a.media_port, dst=port_a)]
    assert len(to_b) >= 70, "B received %d packets in 3 s of bridge" % len(to_b)
    assert {p.pt for p in to_b} == {0}, "B (PCMU) got payload types %s" % {p.pt for p in to_b}
    unmatched = [p for p in to_b if not any(same_audio(s, decode(p.payload, 0)) for s in spoken)]
    assert not unmatched, "%d of %d packets B got are not A's speech: %s" % (len(unmatched), len(to_b), unmatched[:3])

    telephony.send("HangupLeg", leg=leg_a)
    telephony.send("HangupLeg", leg=leg_b)
    closed = telephony.wait_event("RecordingClosed", call=call)
    assert closed["ok"] and closed["path"] == "rec/bridge.wav", closed
    path = "%s/%s" % (telephony.data_dir, closed["path"])
    assert_stereo_8k_with_audio(path, min_seconds=2.0)
    left, right = channel_samples(path)
    assert dominant(right[8000:16000], TONES) == 1000, "the right channel (agent_leg, B) is not B's tone"
    assert dominant(left[8000:16000], TONES) is None, "the left channel (caller_leg, A) should be A's speech"
    a.expect_success()
    b.expect_success()


def test_caller_transferred_to_an_external_number(telephony, sniffer, workdir):
    # A caller in early media hears an announcement (PlaySequence), then is bridged to a dialled number:
    # only then does it get its 200.
    caller = Sipp(workdir, "caller", "uac_call.xml", remote=telephony.sip_port, service="200", pause_ms=3000,
                  keys={"audio": PCAP_G711A}, timeout_s=60).start()
    sniffer.watch(caller.media_port)
    inbound = telephony.wait_event("InboundCall", number="200")
    call, caller_leg = inbound["call"], inbound["leg"]
    deadline = time.time() + 5 * SLOWDOWN
    while 183 not in caller.received_statuses() and time.time() < deadline:
        time.sleep(0.05)
    caller_port = int(first_response(caller, 183).split("m=audio ", 1)[1].split()[0])

    start = time.time()
    telephony.send("PlaySequence", leg=caller_leg, prompts=["tone500", "tone1000"], language="fr")
    telephony.wait_event("PromptDone", leg=caller_leg)
    announced = sniffer.packets(src=caller_port, dst=caller.media_port, since=start)
    assert [f for f, _ in runs(tones_heard(announced)) if f] == [500, 1000], show_runs(tones_heard(announced))
    assert 200 not in caller.received_statuses(), "the caller was answered before the bridge"

    customer, _, leg, port = answered_customer(telephony, sniffer, workdir, call=call, codec="PCMU",
                                               audio=tone_pcap(workdir, 1500, pt=0))
    bridged = time.time()
    telephony.send("Bridge", call=call, caller_leg=caller_leg, agent_leg=leg, record_path="rec/transfer.wav")
    wait_answered(caller)
    ended = telephony.wait_event("LegEnded", leg=caller_leg, timeout=15)
    assert ended["code"] == 0 and ended["reason"] == "caller_hangup", ended
    telephony.send("HangupLeg", leg=leg, reason="caller_hangup")
    caller.expect_success()
    customer.expect_success()

    to_caller = sniffer.packets(src=caller_port, dst=caller.media_port, since=bridged)
    assert len(to_caller) >= 100 and {p.pt for p in to_caller} == {8}, (len(to_caller), {p.pt for p in to_caller})
    assert tones_heard(to_caller).count(1500) >= 0.9 * len(to_caller), show_runs(tones_heard(to_caller))
    to_customer = sniffer.packets(src=port, dst=customer.media_port, since=bridged)
    assert len(to_customer) >= 60 and {p.pt for p in to_customer} == {0}, (len(to_customer),
                                                                          {p.pt for p in to_customer})
    closed = telephony.wait_event("RecordingClosed", call=call)
    assert closed["ok"], closed
    assert_stereo_8k_with_audio("%s/%s" % (telephony.data_dir, closed["path"]), min_seconds=2.0)


def test_callback_agent_hears_a_prompt_then_is_bridged_to_the_customer(telephony, sniffer, workdir):
    # The agent's phone: a sipp UAS registered as 2001, echoing what it hears, sending digit 5 once answered.
    agent = Customer(workdir, "agent-2001", ring_ms=200, codec="PCMA", audio=PCAP_DTMF % "5", rtp_echo=True).start()
    sniffer.watch(agent.media_port)
    register_agent(workdir, telephony.sip_port, "2001", "pw2001", agent.port)
    telephony.wait_event("PhoneRegistration", username="2001", registered=True)
    call, agent_leg = telephony.new_id(), telephony.new_id()
    telephony.send("RingPhone", call=call, leg=agent_leg, username="2001", caller="0612345678",
                   caller_name="Callback")
    telephony.wait_event("LegRinging", leg=agent_leg)
    telephony.wait_event("LegAnswered", leg=agent_leg)
    assert telephony.wait_event("Digit", leg=agent_leg)["digit"] == "5"
    agent_port = agent.plateau_rtp_port()

    start = time.time()
    telephony.send("PlayPrompt", leg=agent_leg, prompt="tone2000", language="fr", loop=True)
    customer, _, leg, port = answered_customer(telephony, sniffer, workdir, call=call, codec="PCMU",
                                               audio=tone_pcap(workdir, 1500, pt=0))
    bridged = time.time()
    telephony.send("Bridge", call=call, caller_leg=leg, agent_leg=agent_leg, record_path="")
    closed = telephony.wait_event("RecordingClosed", call=call)
    assert not closed["ok"] and closed["path"] == "", "no recording asked: %s" % closed
    time.sleep(2.5)

    waiting = sniffer.packets(src=agent_port, dst=agent.media_port, since=start)
    waiting = [p for p in waiting if p.t < bridged]
    assert tones_heard(waiting).count(2000) >= 10, "the agent did not hear the prompt: %s" % show_runs(
        tones_heard(waiting))
    to_agent = sniffer.packets(src=agent_port, dst=agent.media_port, since=bridged + 0.3)
    assert len(to_agent) >= 80 and tones_heard(to_agent).count(1500) >= 0.9 * len(to_agent), (
        "after the bridge the agent should hear the customer, not the prompt: %s" % show_runs(tones_heard(to_agent)))
    to_customer = sniffer.packets(src=port, dst=customer.media_port, since=bridged + 0.3)
    assert len(to_customer) >= 80 and tones_heard(to_customer).count(1500) >= 0.9 * len(to_customer), (
        "the customer should hear the agent (its phone echoes the customer's tone): %s"
        % show_runs(tones_heard(to_customer)))

    stats = wait_stats(telephony, lambda s: s["agent_legs"] == 1 and s["dialled_legs"] == 1, "one leg of each")
    telephony.send("HangupLeg", leg=agent_leg)
    telephony.send("HangupLeg", leg=leg)
    agent.expect_success()
    customer.expect_success()


# ---- RecordLeg, StopRecording (voicemail) ------------------------------------------------------------

def caller_in_early_media(telephony, sniffer, workdir, audio, talk_ms, label="caller"):
    """A sipp caller to 200 that gets its 183 (early media) and waits for its 200; once answered it plays
    `audio` and hangs up after talk_ms. Returns (caller, call, leg, Plateau's RTP port for the leg)."""
    caller = Sipp(workdir, label, "uac_call.xml", remote=telephony.sip_port, service="200", pause_ms=talk_ms,
                  keys={"audio": audio}, timeout_s=60).start()
    sniffer.watch(caller.media_port)
    inbound = telephony.wait_event("InboundCall", number="200")
    deadline = time.time() + 5 * SLOWDOWN
    while 183 not in caller.received_statuses() and time.time() < deadline:
        time.sleep(0.05)
    port = int(first_response(caller, 183).split("m=audio ", 1)[1].split()[0])
    return caller, inbound["call"], inbound["leg"], port


def recording(telephony, event):
    """(header, samples) of the mono file a LegRecorded names."""
    path = "%s/%s" % (telephony.data_dir, event["path"])
    hdr = wav_header(path)
    assert hdr["channels"] == 1 and hdr["sample_rate"] == 8000 and hdr["format"] == "mulaw", hdr
    samples = channel_samples(path)[0]
    assert len(samples) == event["duration_ms"] * 8, "the file holds %d samples, LegRecorded says %d ms" % (
        len(samples), event["duration_ms"])
    return hdr, samples


def test_record_leg_answers_the_caller_records_its_voice_and_stops_on_stop_recording(telephony, sniffer, workdir):
    # The caller sends a 1 kHz tone once answered; it hears a 2 kHz loop that must go on while it is recorded.
    caller, call, leg, port = caller_in_early_media(telephony, sniffer, workdir, tone_pcap(workdir, 1000, pt=8),
                                                    talk_ms=6000)
    telephony.send("PlayPrompt", leg=leg, prompt="tone2000", language="fr", loop=True)
    time.sleep(0.3)
    path = "voicemail/2026/12/01/%d.wav" % call
    start = time.time()
    telephony.send("RecordLeg", call=call, leg=leg, path=path, max_ms=60000)
    wait_answered(caller)
    assert sdp_body(first_response(caller, 200)) == sdp_body(first_response(caller, 183)), (
        "the 200 must carry the SDP of the 183")
    time.sleep(3)
    telephony.send("StopRecording", leg=leg)
    stopped = time.time()
    done = telephony.wait_event("LegRecorded", leg=leg)
    assert done["ok"] and done["path"] == path and done["call"] == call, done
    assert abs(done["duration_ms"] - (stopped - start) * 1000) <= 300 * SLOWDOWN, (
        "recorded %d ms between RecordLeg and StopRecording sent %.0f ms apart" % (
            done["duration_ms"], (stopped - start) * 1000))
    assert not telephony.find("LegEnded", leg=leg), "the recording ended, not the leg"

    hdr, samples = recording(telephony, done)
    assert_mono_8k_with_audio("%s/%s" % (telephony.data_dir, path), min_seconds=2.5)
    assert dominant(samples[8000:16000], TONES) == 1000, "the file should hold the caller's tone (1 kHz)"
    assert dominant(samples[-8000:], TONES) == 1000, "the caller's tone should last to the end of the file"

    heard = sniffer.packets(src=port, dst=caller.media_port, since=start + 0.5)
    heard = [p for p in heard if p.t < stopped]
    assert len(heard) >= 100 and tones_heard(heard).count(2000) >= 0.9 * len(heard), (
        "the loop should keep playing to the recorded caller: %s" % show_runs(tones_heard(heard)))

    ended = telephony.wait_event("LegEnded", leg=leg, timeout=15)
    assert ended["reason"] == "caller_hangup", ended
    caller.expect_success()
    time.sleep(0.3)
    assert len(telephony.find("LegRecorded", leg=leg)) == 1, telephony.find("LegRecorded")


def test_record_leg_ends_at_max_ms(telephony, sniffer, workdir):
    caller, call, leg, port = caller_in_early_media(telephony, sniffer, workdir, PCAP_G711A, talk_ms=4000)
    path = "voicemail/%d.wav" % call
    telephony.send("RecordLeg", call=call, leg=leg, path=path, max_ms=1500)
    done = telephony.wait_event("LegRecorded", leg=leg, timeout=5)
    assert done["ok"] and done["path"] == path and done["duration_ms"] == 1500, done
    recording(telephony, done)
    stats = assert_mono_8k_with_audio("%s/%s" % (telephony.data_dir, path), min_seconds=1.5)[1]
    assert stats[1]["length_s"] == 1.5, stats  # the caller's speech (g711a.pcap), 1.5 s of it
    telephony.send("StopRecording", leg=leg)  # nothing left to stop: no second event
    telephony.wait_event("LegEnded", leg=leg, timeout=15)
    caller.expect_success()
    assert len(telephony.find("LegRecorded", leg=leg)) == 1, telephony.find("LegRecorded")


def test_record_leg_ends_when_the_caller_hangs_up(telephony, sniffer, workdir):
    caller, call, leg, port = caller_in_early_media(telephony, sniffer, workdir, tone_pcap(workdir, 1500, pt=8),
                                                    talk_ms=2500)
    path = "voicemail/%d.wav" % call
    start = time.time()
    telephony.send("RecordLeg", call=call, leg=leg, path=path, max_ms=60000)
    ended = telephony.wait_event("LegEnded", leg=leg, timeout=15)
    hung_up = time.time()
    done = telephony.wait_event("LegRecorded", leg=leg, timeout=5)
    assert ended["reason"] == "caller_hangup", ended
    assert telephony.events.index(done) > telephony.events.index(ended), "LegRecorded must follow LegEnded"
    assert done["ok"] and done["path"] == path, done
    assert 2300 <= done["duration_ms"] <= (hung_up - start) * 1000 + 100, done
    hdr, samples = recording(telephony, done)
    assert_mono_8k_with_audio("%s/%s" % (telephony.data_dir, path), min_seconds=2.3)
    assert dominant(samples[4000:12000], TONES) == 1500, "the file should hold the caller's tone (1.5 kHz)"
    caller.expect_success()


def test_digits_are_reported_while_recording_and_stop_it(telephony, sniffer, workdir):
    # The caller presses '#' (RFC 4733) once answered: the IVR stops the recording on it.
    caller, call, leg, port = caller_in_early_media(telephony, sniffer, workdir, PCAP_DTMF % "pound",
                                                    talk_ms=3000)
    path = "voicemail/%d.wav" % call
    telephony.send("RecordLeg", call=call, leg=leg, path=path, max_ms=20000)
    digit = telephony.wait_event("Digit", leg=leg)  # the caller sends it once answered, i.e. once recorded
    assert digit["digit"] == "#", digit
    time.sleep(1)
    assert not telephony.find("LegRecorded", leg=leg), "the digit must not end the recording by itself"
    telephony.send("StopRecording", leg=leg)
    done = telephony.wait_event("LegRecorded", leg=leg)
    assert done["ok"] and done["t_ms"] > digit["t_ms"] and 900 <= done["duration_ms"] < 3000, done
    recording(telephony, done)
    telephony.wait_event("LegEnded", leg=leg, timeout=15)
    caller.expect_success()


def test_record_an_answered_dialled_leg(telephony, sniffer, workdir):
    customer, call, leg, port = answered_customer(telephony, sniffer, workdir, codec="PCMU",
                                                  audio=tone_pcap(workdir, 500, pt=0))
    path = "rec/customer-%d.wav" % call
    telephony.send("RecordLeg", call=call, leg=leg, path=path, max_ms=2000)
    done = telephony.wait_event("LegRecorded", leg=leg)
    assert done["ok"] and done["duration_ms"] == 2000, done
    hdr, samples = recording(telephony, done)
    assert dominant(samples[4000:12000], TONES) == 500, "the file should hold the customer's tone (PCMU, 500 Hz)"
    st = wait_stats(telephony, lambda s: s["recordings_active"] == 0, "no recording left")
    assert st["dialled_legs"] == 1, st
    telephony.send("HangupLeg", leg=leg)
    customer.expect_success()


def test_record_leg_refused(telephony):
    leg = telephony.new_id()
    telephony.send("RecordLeg", call=telephony.new_id(), leg=leg, path="voicemail/x.wav", max_ms=1000)
    done = telephony.wait_event("LegRecorded", leg=leg)
    assert not done["ok"] and done["path"] == "" and done["duration_ms"] == 0, done
    assert "the leg is gone" in telephony.log_text()


# ---- a new prompt library while calls play -----------------------------------------------------------

def test_set_prompts_publishes_a_new_library_and_what_plays_goes_on(telephony, sniffer, workdir):
    customer, call, leg, port = answered_customer(telephony, sniffer, workdir, codec="PCMU")
    telephony.send("PlayPrompt", leg=leg, prompt="tone2000", language="fr", loop=True)
    time.sleep(0.5)

    # The new library: a flow prompt named with dots, and one bad file (16 kHz) that must not cost the others.
    folder = os.path.join(workdir, "prompts2", "fr")
    os.makedirs(folder)
    write_tone_wav(os.path.join(folder, "demo.accueil.bienvenue.wav"), 1500, 400)
    write_tone_wav(os.path.join(folder, "tone500.wav"), 500, 400)
    with wave.open(os.path.join(folder, "broken.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(16000), w.writeframes(b"\0\0" * 1600)
    swapped = time.time()
    telephony.send("SetPrompts", dir=os.path.dirname(folder))
    loaded = telephony.wait_event("PromptsLoaded")
    assert loaded["prompts"] == 2 and "broken.wav" in loaded["error"], loaded
    time.sleep(1)
    looping = sniffer.packets(src=port, dst=customer.media_port, since=swapped + 0.1)
    assert len(looping) >= 40 and tones_heard(looping).count(2000) >= 0.9 * len(looping), (
        "the loop of the old library should go on: %s" % show_runs(tones_heard(looping)))

    start = time.time()
    telephony.send("PlayPrompt", leg=leg, prompt="demo.accueil.bienvenue", language="fr", loop=False)
    telephony.wait_event("PromptDone", leg=leg)
    heard = sniffer.packets(src=port, dst=customer.media_port, since=start)
    assert tones_heard(heard).count(1500) >= 18, show_runs(tones_heard(heard))

    # tone2000 is not in the new library: nothing to play, PromptDone at once.
    before = len(telephony.find("PromptDone", leg=leg))
    telephony.send("PlayPrompt", leg=leg, prompt="tone2000", language="fr", loop=False)
    wait_count(lambda: len(telephony.find("PromptDone", leg=leg)), before + 1, "PromptDone of a missing prompt",
               timeout=1)
    telephony.send("HangupLeg", leg=leg)
    customer.expect_success()
