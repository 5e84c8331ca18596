"""A supervisor on a live call in the telephony layer (telephony_driver), verified on the audio: the caller sends
a 500 Hz tone, the agent 1000 Hz, the supervisor 1500 Hz (sipp user agents, scenarios/uas_customer.xml), and what
each one is sent by Plateau is told apart on the wire (rtp_tools.RtpSniffer) and in the call's recording.

  listen   the supervisor hears the caller and the agent; neither hears the supervisor
  whisper  the agent hears the caller and the supervisor; the caller hears only the agent
  barge    everybody hears everybody
The mode changes on the same leg (Monitor again); the monitor follows the call through a hold and a retrieve;
the supervisor hanging up leaves the call up; the recording (what the caller says and hears) holds the barge,
not the whisper."""
import time

from rtp_tools import decode, dominant, power_at, show_runs
from test_telephony import TONES, tones_heard
from test_telephony_control import answered, heard_between, recording_of, segment, share

CALLER, AGENT, SUPERVISOR, TARGET = 500, 1000, 1500, 2000
FREQS = (CALLER, AGENT, SUPERVISOR)


def frames_hearing(packets, expected, freqs):
    """How many of the packets carry every tone of `expected` and none of the others of `freqs`, each tone
    of `expected` at least a fifth of the strongest, the others below a twentieth of the weakest."""
    good = 0
    for p in packets:
        samples = decode(p.payload, p.pt)
        pw = {f: power_at(samples, f) for f in freqs}
        heard = [pw[f] for f in expected]
        rest = [pw[f] for f in freqs if f not in expected]
        if min(heard) > 0.2 * max(heard) and (not rest or min(heard) > 20 * max(rest)):
            good += 1
    return good


def check_hearing(sniffer, parties, t0, t1, expect, phase, freqs=FREQS):
    """parties: label -> (customer, plateau port); expect: label -> the tones it must hear (and no other)."""
    for label, tones in expect.items():
        customer, port = parties[label]
        got = heard_between(sniffer, port, customer, t0, t1)
        assert len(got) >= 0.8 * (t1 - t0) / 0.02, "%s: %s got %d packets in %.1f s" % (phase, label, len(got),
                                                                                        t1 - t0)
        good = frames_hearing(got, tones, freqs)
        assert good >= 0.85 * len(got), "%s: %s should hear %s and nothing else in each frame: %d of %d frames " \
            "did (dominant tones: %s)" % (phase, label, sorted(tones), good, len(got),
                                          show_runs(tones_heard(got)))


def test_listen_whisper_barge_on_the_audio(telephony, sniffer, workdir):
    a, call, leg_a, port_a = answered(telephony, sniffer, workdir, "caller", CALLER, "PCMA")
    b, _, leg_b, port_b = answered(telephony, sniffer, workdir, "agent", AGENT, "PCMU", call=call)
    c, _, leg_c, port_c = answered(telephony, sniffer, workdir, "supervisor", SUPERVISOR, "PCMA", call=call)
    parties = {"caller": (a, port_a), "agent": (b, port_b), "supervisor": (c, port_c)}
    start = time.time()
    telephony.send("Bridge", call=call, caller_leg=leg_a, agent_leg=leg_b, record_path="rec/monitored.wav")
    time.sleep(1.0)

    # Listen.
    listen_at = time.time()
    telephony.send("Monitor", call=call, leg=leg_c, agent_leg=leg_b, mode="listen")
    time.sleep(2.0)
    whisper_at = time.time()
    check_hearing(sniffer, parties, listen_at + 0.3, whisper_at - 0.1,
                  {"supervisor": {CALLER, AGENT}, "caller": {AGENT}, "agent": {CALLER}}, "listen")

    # Whisper: the same leg, a new mode.
    telephony.send("Monitor", call=call, leg=leg_c, agent_leg=leg_b, mode="whisper")
    time.sleep(2.0)
    barge_at = time.time()
    check_hearing(sniffer, parties, whisper_at + 0.3, barge_at - 0.1,
                  {"agent": {CALLER, SUPERVISOR}, "caller": {AGENT}, "supervisor": {CALLER, AGENT}}, "whisper")

    # Barge: a three-way call.
    telephony.send("Monitor", call=call, leg=leg_c, agent_leg=leg_b, mode="barge")
    time.sleep(2.0)
    hold_at = time.time()
    check_hearing(sniffer, parties, barge_at + 0.3, hold_at - 0.1,
                  {"caller": {AGENT, SUPERVISOR}, "agent": {CALLER, SUPERVISOR}, "supervisor": {CALLER, AGENT}},
                  "barge")

    # Hold: the call has no bridge, the supervisor hears nothing; the retrieve takes the monitor back in.
    telephony.send("Unbridge", call=call)
    time.sleep(1.0)
    retrieve_at = time.time()
    to_c = heard_between(sniffer, port_c, c, hold_at + 0.3, retrieve_at)
    assert not to_c, "the supervisor must hear nothing while the call is held: %d packets" % len(to_c)
    telephony.send("Bridge", call=call, caller_leg=leg_a, agent_leg=leg_b, record_path="")
    time.sleep(1.5)
    hangup_at = time.time()
    check_hearing(sniffer, parties, retrieve_at + 0.3, hangup_at - 0.1,
                  {"caller": {AGENT, SUPERVISOR}, "agent": {CALLER, SUPERVISOR}, "supervisor": {CALLER, AGENT}},
                  "barge after the retrieve")

    # The supervisor hangs up: the caller and the agent go on, each hearing the other only.
    telephony.send("HangupLeg", leg=leg_c)
    time.sleep(1.5)
    end_at = time.time()
    check_hearing(sniffer, parties, hangup_at + 0.3, end_at - 0.1, {"caller": {AGENT}, "agent": {CALLER}},
                  "after the supervisor left")
    assert not telephony.find("RecordingClosed", call=call), "the call goes on"
    ssrcs = {p.ssrc for p in sniffer.packets(src=port_a, dst=a.media_port)}
    assert len(ssrcs) == 1, "the caller got one stream whatever fed it, SSRCs %s" % ssrcs

    telephony.send("HangupLeg", leg=leg_b)
    telephony.send("HangupLeg", leg=leg_a)
    closed = telephony.wait_event("RecordingClosed", call=call)
    assert closed["ok"] and closed["path"] == "rec/monitored.wav", closed
    for customer in (a, b, c):
        customer.expect_success()

    # The recording is what the caller said (left) and heard (right): the supervisor only while barging.
    left, right = recording_of(telephony, closed)
    at = lambda t: t - start  # noqa: E731
    assert dominant(segment(left, at(listen_at) + 0.3, at(end_at) - 0.2), TONES) == CALLER, "left: the caller"
    for t0, t1, phase in ((listen_at, whisper_at, "listen"), (whisper_at, barge_at, "whisper"),
                          (hangup_at, end_at, "after the supervisor left")):
        part = segment(right, at(t0) + 0.3, at(t1) - 0.1)
        assert dominant(part, TONES) == AGENT, "right channel while %s: the agent only (%s)" % (
            phase, {f: power_at(part, f) for f in FREQS})
    part = segment(right, at(barge_at) + 0.3, at(hold_at) - 0.1)
    pw = {f: power_at(part, f) for f in FREQS}
    assert min(pw[AGENT], pw[SUPERVISOR]) > 20 * pw[CALLER], "right channel while barging: agent and supervisor %s" % pw
    assert not telephony.sanitizer_findings()


def test_a_whisper_follows_the_call_into_a_conference_and_goes_to_the_agent_only(telephony, sniffer, workdir):
    a, call, leg_a, port_a = answered(telephony, sniffer, workdir, "caller", CALLER, "PCMA")
    b, _, leg_b, port_b = answered(telephony, sniffer, workdir, "agent", AGENT, "PCMU", call=call)
    c, _, leg_c, port_c = answered(telephony, sniffer, workdir, "supervisor", SUPERVISOR, "PCMA", call=call)
    d, _, leg_d, port_d = answered(telephony, sniffer, workdir, "target", TARGET, "PCMU", call=call)
    telephony.send("Monitor", call=call, leg=leg_c, agent_leg=leg_b, mode="whisper")  # before any bridge
    telephony.send("Conference", call=call, legs=[leg_a, leg_b, leg_d], record_path="")
    t0 = time.time()
    time.sleep(2.0)
    t1 = time.time()
    parties = {"caller": (a, port_a), "agent": (b, port_b), "supervisor": (c, port_c), "target": (d, port_d)}
    check_hearing(sniffer, parties, t0 + 0.3, t1 - 0.1,
                  {"agent": {CALLER, SUPERVISOR, TARGET}, "caller": {AGENT, TARGET}, "target": {CALLER, AGENT},
                   "supervisor": {CALLER, AGENT, TARGET}}, "whisper in a conference", FREQS + (TARGET,))
    # A monitor named in a Bridge becomes a party: the supervisor takes over the caller.
    telephony.send("Bridge", call=call, caller_leg=leg_a, agent_leg=leg_c, record_path="")
    time.sleep(1.2)
    tones_a = tones_heard(heard_between(sniffer, port_a, a, time.time() - 0.8, time.time()))
    assert len(tones_a) >= 30 and share(tones_a, SUPERVISOR) >= 0.9, "the caller with the supervisor: %s" % (
        show_runs(tones_a))
    for leg in (leg_a, leg_b, leg_c, leg_d):
        telephony.send("HangupLeg", leg=leg)
    for customer in (a, b, c, d):
        customer.expect_success()
    assert not telephony.sanitizer_findings()
