"""Call control in the telephony layer (telephony_driver), as the core's agent commands use it: Unbridge (hold,
the first step of a transfer) and Bridge again (retrieve, or with a new leg: transfer) under one call recording;
Conference (three-way: each party hears the two others); SendDigits (RFC 4733 telephone-events, in-band tones
for a far end without them); RingPhone with auto_answer (the headers phones read).

The far ends are real sipp user agents (scenarios/uas_customer.xml), each sending a tone of its own, so that
what each one heard can be told apart on the wire (rtp_tools.RtpSniffer) and in the recording's channels."""
import time

from audio_check import channel_samples, wav_header
from plateau_harness import SLOWDOWN
from rtp_tools import decode, dominant, power_at, runs, show_runs
from sipp_harness import Customer, register_agent
from test_telephony import TONES, tone_pcap, tones_heard

DTMF_CODES = "0123456789*#ABCD"


def answered(telephony, sniffer, workdir, label, freq, codec, call=None, **kw):
    """A dialled customer sending a `freq` tone in `codec`, answered: (customer, call, leg, Plateau's port)."""
    pt = 8 if codec == "PCMA" else 0
    customer = Customer(workdir, label, codec=codec, audio=tone_pcap_long(workdir, freq, pt), **kw).start()
    sniffer.watch(customer.media_port)
    call, leg = telephony.dial(customer, call=call)
    telephony.wait_event("LegAnswered", leg=leg)
    return customer, call, leg, customer.plateau_rtp_port()


def tone_pcap_long(workdir, freq, pt):
    path = "%s/tone%d_pt%d_long.pcap" % (workdir, freq, pt)
    from rtp_tools import write_tone_pcap
    write_tone_pcap(path, freq, 20, pt)
    return path


def share(tones, freq):
    return tones.count(freq) / max(len(tones), 1)


def heard_between(sniffer, port, customer, t0, t1):
    return [p for p in sniffer.packets(src=port, dst=customer.media_port, since=t0) if p.t < t1]


def segment(samples, start_s, end_s):
    return samples[int(start_s * 8000):int(end_s * 8000)]


def recording_of(telephony, closed):
    path = "%s/%s" % (telephony.data_dir, closed["path"])
    hdr = wav_header(path)
    assert hdr["channels"] == 2 and hdr["sample_rate"] == 8000, hdr
    left, right = channel_samples(path)
    return left, right


def test_hold_then_retrieve_keeps_one_recording_that_covers_the_hold(telephony, sniffer, workdir):
    a, call, leg_a, port_a = answered(telephony, sniffer, workdir, "caller-a", 500, "PCMA")
    b, _, leg_b, port_b = answered(telephony, sniffer, workdir, "agent-b", 1000, "PCMU", call=call)
    start = time.time()
    telephony.send("Bridge", call=call, caller_leg=leg_a, agent_leg=leg_b, record_path="rec/hold.wav")
    time.sleep(1.5)
    held = time.time()
    telephony.send("Unbridge", call=call)
    telephony.send("PlayPrompt", leg=leg_a, prompt="tone2000", language="fr", loop=True)  # music on hold
    time.sleep(1.5)
    retrieved = time.time()
    telephony.send("Bridge", call=call, caller_leg=leg_a, agent_leg=leg_b, record_path="rec/second.wav")
    time.sleep(1.5)
    ended = time.time()
    telephony.send("HangupLeg", leg=leg_b)  # the other party leaves first: the recording goes on
    time.sleep(0.5)
    assert not telephony.find("RecordingClosed", call=call), telephony.find("RecordingClosed")
    telephony.send("HangupLeg", leg=leg_a)
    closed = telephony.wait_event("RecordingClosed", call=call)
    hung_up = time.time()
    assert closed["ok"] and closed["path"] == "rec/hold.wav", closed
    a.expect_success()
    b.expect_success()
    time.sleep(0.3)
    assert len(telephony.find("RecordingClosed", call=call)) == 1, telephony.find("RecordingClosed")

    # On the wire: A hears B, then the music, then B again; B hears A, then nothing, then A again.
    tones_a = tones_heard(heard_between(sniffer, port_a, a, start + 0.3, held))
    assert share(tones_a, 1000) >= 0.9, "A before the hold: %s" % show_runs(tones_a)
    tones_a = tones_heard(heard_between(sniffer, port_a, a, held + 0.3, retrieved))
    assert len(tones_a) >= 50 and share(tones_a, 2000) >= 0.9, "A on hold: %s" % show_runs(tones_a)
    tones_a = tones_heard(heard_between(sniffer, port_a, a, retrieved + 0.3, ended))
    assert share(tones_a, 1000) >= 0.9, "A retrieved: %s" % show_runs(tones_a)
    to_b = heard_between(sniffer, port_b, b, held + 0.3, retrieved)
    assert not to_b, "B must hear nothing while A is held: %d packets" % len(to_b)
    tones_b = tones_heard(heard_between(sniffer, port_b, b, retrieved + 0.3, ended))
    assert len(tones_b) >= 50 and share(tones_b, 500) >= 0.9, "B after the retrieve: %s" % show_runs(tones_b)
    ssrcs = {p.ssrc for p in sniffer.packets(src=port_a, dst=a.media_port)}
    assert len(ssrcs) == 1, "A got one stream whatever fed it, SSRCs %s" % ssrcs

    # One file for the call, lasting from the first Bridge to A's end, the hold in it as music.
    left, right = recording_of(telephony, closed)
    seconds = len(left) / 8000
    assert hung_up - start - 0.5 * SLOWDOWN <= seconds <= hung_up - start + 0.1, (
        "the recording lasts %.2f s, the call %.2f s from its first Bridge" % (seconds, hung_up - start))
    hold_at, retrieve_at = held - start, retrieved - start
    assert dominant(segment(right, 0.3, hold_at - 0.2), TONES) == 1000, "right channel before the hold"
    assert dominant(segment(right, hold_at + 0.3, retrieve_at - 0.2), TONES) == 2000, "right channel on hold"
    assert dominant(segment(right, retrieve_at + 0.3, ended - start - 0.2), TONES) == 1000, "after the retrieve"
    for t0, t1 in ((0.3, hold_at - 0.2), (hold_at + 0.3, retrieve_at - 0.2), (retrieve_at + 0.3, ended - start)):
        assert dominant(segment(left, t0, t1), TONES) == 500, "left channel (A) from %.1f to %.1f s" % (t0, t1)
    assert not telephony.sanitizer_findings()


def test_transfer_bridges_the_caller_with_a_new_leg_under_the_same_recording(telephony, sniffer, workdir):
    a, call, leg_a, port_a = answered(telephony, sniffer, workdir, "caller-a", 500, "PCMA")
    b, _, leg_b, port_b = answered(telephony, sniffer, workdir, "agent-b", 1000, "PCMU", call=call)
    start = time.time()
    telephony.send("Bridge", call=call, caller_leg=leg_a, agent_leg=leg_b, record_path="rec/transfer.wav")
    time.sleep(1.2)
    telephony.send("Unbridge", call=call)
    c, _, leg_c, port_c = answered(telephony, sniffer, workdir, "agent-c", 1500, "PCMA", call=call)
    transferred = time.time()
    telephony.send("Bridge", call=call, caller_leg=leg_a, agent_leg=leg_c, record_path="")
    telephony.send("HangupLeg", leg=leg_b)  # the first agent leaves once the transfer is done
    time.sleep(1.5)
    ended = time.time()
    assert not telephony.find("RecordingClosed", call=call), "the call goes on: %s" % telephony.find(
        "RecordingClosed")
    tones_a = tones_heard(heard_between(sniffer, port_a, a, transferred + 0.3, ended))
    assert len(tones_a) >= 50 and share(tones_a, 1500) >= 0.9, "A after the transfer: %s" % show_runs(tones_a)
    tones_c = tones_heard(heard_between(sniffer, port_c, c, transferred + 0.3, ended))
    assert len(tones_c) >= 50 and share(tones_c, 500) >= 0.9, "C hears A: %s" % show_runs(tones_c)

    telephony.send("HangupLeg", leg=leg_c)
    telephony.send("HangupLeg", leg=leg_a)
    closed = telephony.wait_event("RecordingClosed", call=call)
    assert closed["ok"] and closed["path"] == "rec/transfer.wav", closed
    for customer in (a, b, c):
        customer.expect_success()
    left, right = recording_of(telephony, closed)
    assert dominant(segment(right, 0.3, 1.0), TONES) == 1000, "right channel: B first"
    after = transferred - start
    assert dominant(segment(right, after + 0.3, ended - start - 0.2), TONES) == 1500, "right channel: then C"
    assert dominant(segment(left, 0.3, ended - start - 0.2), TONES) == 500, "left channel: A all along"


def tone_powers(samples, freqs):
    return {f: power_at(samples, f) for f in freqs}


def test_three_way_conference_each_hears_the_two_others(telephony, sniffer, workdir):
    parties = {}
    call = None
    for label, freq, codec in (("a", 500, "PCMA"), ("b", 1000, "PCMU"), ("c", 1500, "PCMA")):
        customer, call, leg, port = answered(telephony, sniffer, workdir, "party-" + label, freq, codec, call=call)
        parties[label] = (customer, leg, port, freq, 8 if codec == "PCMA" else 0)
    legs = [parties[k][1] for k in "abc"]
    start = time.time()
    telephony.send("Conference", call=call, legs=legs, record_path="rec/three.wav")
    time.sleep(2.5)
    mixed_until = time.time()

    freqs = (500, 1000, 1500)
    for label, (customer, leg, port, own, pt) in parties.items():
        got = heard_between(sniffer, port, customer, start + 0.3, mixed_until)
        assert len(got) >= 90, "%s got %d packets in 2.2 s of conference" % (label, len(got))
        assert {p.pt for p in got} == {pt}, "%s: payload types %s, expected its codec %d" % (
            label, {p.pt for p in got}, pt)
        assert len({p.ssrc for p in got}) == 1, "%s: one SSRC expected, got %s" % (label, {p.ssrc for p in got})
        steps = [(q.seq - p.seq) & 0xFFFF for p, q in zip(got, got[1:])]
        assert set(steps) == {1}, "%s: sequence numbers not continuous: %s" % (label, sorted(set(steps)))
        # A tick more than 100 ms late (a loaded machine) starts a new talkspurt: marker and a timestamp jump.
        ts_steps = {(q.ts - p.ts) & 0xFFFFFFFF for p, q in zip(got, got[1:]) if not q.marker}
        assert ts_steps == {160}, "%s: timestamps not continuous: %s" % (label, sorted(ts_steps))
        both = 0
        for p in got:
            pw = tone_powers(decode(p.payload, p.pt), freqs)
            others = [pw[f] for f in freqs if f != own]
            if min(others) > 20 * pw[own] and min(others) > 0.2 * max(others):
                both += 1
        assert both >= 0.85 * len(got), "%s (%d Hz) should hear the two others and not itself in each frame: " \
            "%d of %d frames did" % (label, own, both, len(got))

    # One party leaves: the two others go on hearing each other.
    customer_c, leg_c = parties["c"][0], parties["c"][1]
    telephony.send("HangupLeg", leg=leg_c)
    time.sleep(1.2)
    customer_a, leg_a, port_a = parties["a"][:3]
    tones_a = tones_heard(heard_between(sniffer, port_a, customer_a, time.time() - 0.8, time.time()))
    assert len(tones_a) >= 30 and share(tones_a, 1000) >= 0.9, "A after C left: %s" % show_runs(tones_a)

    telephony.send("HangupLeg", leg=parties["b"][1])
    telephony.send("HangupLeg", leg=leg_a)
    closed = telephony.wait_event("RecordingClosed", call=call)
    assert closed["ok"] and closed["path"] == "rec/three.wav", closed
    for customer, *_ in parties.values():
        customer.expect_success()
    left, right = recording_of(telephony, closed)
    assert dominant(segment(left, 0.5, 2.0), TONES) == 500, "left channel: A, the first leg"
    pw = tone_powers(segment(right, 0.5, 2.0), freqs)
    assert min(pw[1000], pw[1500]) > 20 * pw[500], "right channel: B and C mixed, not A: %s" % pw


def test_conference_refused_for_a_leg_that_is_gone(telephony, sniffer, workdir):
    a, call, leg_a, port_a = answered(telephony, sniffer, workdir, "party-a", 500, "PCMU")
    telephony.send("Conference", call=call, legs=[leg_a, telephony.new_id()], record_path="rec/x.wav")
    closed = telephony.wait_event("RecordingClosed", call=call)
    assert not closed["ok"] and closed["path"] == "", closed
    assert "is gone" in telephony.log_text()
    telephony.send("Unbridge", call=call)  # nothing to unbridge: nothing happens
    telephony.send("HangupLeg", leg=leg_a)
    a.expect_success()


def event_packets(sniffer, port, customer, since, te_pt=101):
    return [p for p in sniffer.packets(src=port, dst=customer.media_port, since=since) if p.pt == te_pt]


def test_send_digits_as_rfc4733_events(telephony, sniffer, workdir):
    # The customer echoes what it gets: Plateau's own receiver must read the events back as digits.
    customer, call, leg, port = answered(telephony, sniffer, workdir, "customer", 500, "PCMU", rtp_echo=True)
    telephony.send("PlayPrompt", leg=leg, prompt="tone2000", language="fr", loop=True)
    time.sleep(0.4)
    start = time.time()
    telephony.send("SendDigits", leg=leg, digits="1#9")
    time.sleep(1.2)
    digits = [e["digit"] for e in telephony.find("Digit", leg=leg)]
    assert digits == ["1", "#", "9"], "digits read back from the echo: %s" % digits

    events = event_packets(sniffer, port, customer, start - 0.1)
    by_ts = {}
    for p in events:
        by_ts.setdefault(p.ts, []).append(p)
    assert len(by_ts) == 3, "three events expected, got timestamps %s" % sorted(by_ts)
    starts = []
    for (ts, pkts), digit in zip(sorted(by_ts.items(), key=lambda kv: kv[1][0].t), "1#9"):
        codes = {p.payload[0] for p in pkts}
        assert codes == {DTMF_CODES.index(digit)}, "event codes %s for digit %s" % (codes, digit)
        assert [p.marker for p in pkts] == [True] + [False] * (len(pkts) - 1), "marker on the first packet only"
        durations = [(p.payload[2] << 8) | p.payload[3] for p in pkts]
        ends = [bool(p.payload[1] & 0x80) for p in pkts]
        assert durations == [160, 320, 480, 640, 800, 800, 800], "durations of %s: %s" % (digit, durations)
        assert ends == [False] * 4 + [True] * 3, "E bits of %s: %s" % (digit, ends)
        assert all(p.payload[1] & 0x3F == 10 for p in pkts), "volume"
        starts.append(pkts[0].t)
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert all(0.1 <= g <= 0.3 * SLOWDOWN for g in gaps), "digits start 200 ms apart: %s" % gaps

    # One stream: the music and the events share SSRC and sequence; no music while a digit's packets go out.
    stream = [p for p in sniffer.packets(src=port, dst=customer.media_port, since=start - 0.3)
              if p.t < starts[-1] + 0.3]
    assert len({p.ssrc for p in stream}) == 1, {p.ssrc for p in stream}
    steps = {(q.seq - p.seq) & 0xFFFF for p, q in zip(stream, stream[1:])}
    assert steps == {1}, "sequence numbers of the stream: steps %s" % steps
    for pkts in by_ts.values():
        first, last = pkts[0].seq, pkts[-1].seq
        inside = [p for p in stream if first <= p.seq <= last and p.pt != 101]
        assert not inside, "audio sent during an event: %s" % inside
    music = tones_heard([p for p in stream if p.pt == 0])
    assert share(music, 2000) >= 0.9, "the music goes on between the digits: %s" % show_runs(music)
    telephony.send("HangupLeg", leg=leg)
    customer.expect_success()


def test_send_digits_to_a_bridged_leg_holds_the_relayed_voice_back(telephony, sniffer, workdir):
    a, call, leg_a, port_a = answered(telephony, sniffer, workdir, "caller-a", 500, "PCMA")
    b, _, leg_b, port_b = answered(telephony, sniffer, workdir, "far-end-b", 1000, "PCMU", call=call)
    telephony.send("Bridge", call=call, caller_leg=leg_a, agent_leg=leg_b, record_path="")
    time.sleep(0.6)
    start = time.time()
    telephony.send("SendDigits", leg=leg_b, digits="05")
    time.sleep(0.8)
    stream = sniffer.packets(src=port_b, dst=b.media_port, since=start - 0.3)
    events = [p for p in stream if p.pt == 101]
    assert [p.payload[0] for p in events] == [0] * 7 + [5] * 7, [p.payload[0] for p in events]
    assert len({p.ssrc for p in stream}) == 1, "one stream for the relayed voice and the digits"
    steps = {(q.seq - p.seq) & 0xFFFF for p, q in zip(stream, stream[1:])}
    assert steps == {1}, "sequence numbers: steps %s" % steps
    for digit in (0, 5):
        seqs = [p.seq for p in events if p.payload[0] == digit]
        inside = [p for p in stream if seqs[0] <= p.seq <= seqs[-1] and p.pt != 101]
        assert not inside, "A's voice relayed during digit %d: %s" % (digit, inside)
    voice = tones_heard([p for p in stream if p.pt == 0])
    assert share(voice, 500) >= 0.9, "B hears A around the digits: %s" % show_runs(voice)
    after = tones_heard([p for p in stream if p.t > events[-1].t + 0.1])
    assert len(after) >= 10 and share(after, 500) >= 0.9, "the relay goes on after the digits: %s" % show_runs(after)
    telephony.send("HangupLeg", leg=leg_a)
    telephony.send("HangupLeg", leg=leg_b)
    a.expect_success()
    b.expect_success()


DTMF_LOW, DTMF_HIGH = (697, 770, 852, 941), (1209, 1336, 1477, 1633)
DTMF_KEYS = ("123A", "456B", "789C", "*0#D")


def dtmf_key(samples):
    """The keypad key whose two tones the frame carries, or None."""
    low = sorted((power_at(samples, f), i) for i, f in enumerate(DTMF_LOW))
    high = sorted((power_at(samples, f), i) for i, f in enumerate(DTMF_HIGH))
    if low[-1][0] <= 0 or high[-1][0] <= 0:
        return None
    if low[-1][0] < 10 * low[-2][0] or high[-1][0] < 10 * high[-2][0]:
        return None
    return DTMF_KEYS[low[-1][1]][high[-1][1]]


def test_send_digits_in_band_when_the_far_end_has_no_telephone_event(telephony, sniffer, workdir):
    customer, call, leg, port = answered(telephony, sniffer, workdir, "customer", 500, "PCMA",
                                         telephone_event=False)
    start = time.time()
    telephony.send("SendDigits", leg=leg, digits="25*")
    time.sleep(1.2)
    sent = sniffer.packets(src=port, dst=customer.media_port, since=start - 0.1)
    assert sent and {p.pt for p in sent} == {8}, "tones in the audio codec only: %s" % {p.pt for p in sent}
    keys = [dtmf_key(decode(p.payload, p.pt)) for p in sent]
    tones = [(k, n) for k, n in runs(keys) if k]
    assert [k for k, _ in tones] == ["2", "5", "*"], "keys heard: %s" % show_runs(keys)
    assert all(4 <= n <= 6 for _, n in tones), "100 ms per tone: %s" % show_runs(keys)
    assert 28 <= len(sent) <= 31, "three tones, each followed by 100 ms of silence: %d packets" % len(sent)
    telephony.send("SendDigits", leg=telephony.new_id(), digits="1")  # a leg that is gone: a warning
    telephony.send("HangupLeg", leg=leg)
    customer.expect_success()
    assert "digits \"1\" not sent: the leg is gone" in telephony.log_text()


def test_ring_phone_with_auto_answer_sends_the_headers_phones_know(telephony, workdir):
    phones = {}
    for user in ("2001", "2002"):
        phone = Customer(workdir, "phone-" + user, ring_ms=100, codec="PCMU").start()
        register_agent(workdir, telephony.sip_port, user, "pw" + user, phone.port)
        telephony.wait_event("PhoneRegistration", username=user, registered=True)
        phones[user] = phone
    call = telephony.new_id()
    legs = {}
    for user, auto in (("2001", True), ("2002", False)):
        legs[user] = telephony.new_id()
        telephony.send("RingPhone", call=call, leg=legs[user], username=user, caller="0612345678",
                       caller_name="Support", auto_answer=auto)
    for user in legs:
        telephony.wait_event("LegAnswered", leg=legs[user])
    auto = phones["2001"].invite().replace("\r\n", "\n")
    assert "\nCall-Info: <sip:127.0.0.1>;answer-after=0\n" in auto, auto
    assert "\nAlert-Info: <http://127.0.0.1>;info=alert-autoanswer\n" in auto, auto
    plain = phones["2002"].invite()
    assert "Call-Info" not in plain and "Alert-Info" not in plain, plain
    for user in legs:
        telephony.send("HangupLeg", leg=legs[user])
        phones[user].expect_success()
