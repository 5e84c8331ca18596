"""Digits from the caller: RFC 4733 telephone-events (sip-tester's dtmf_2833 pcaps)
reach Plateau's media layer once per key press, during a bridged call."""
from sipp_harness import Agent
from test_calls import caller


def test_rfc4733_digits_are_received_once_each(plateau, workdir):
    agent = Agent(workdir, plateau.sip_port, "2001").start()
    call = caller(plateau, workdir, "caller", "100", talk_ms=3000,
                  audio="/usr/share/sip-tester/dtmf_2833_7.pcap").start()
    call.expect_success()
    agent.uas.expect_success()
    plateau.wait_call(call.call_id())
    log = plateau.log_tail(400)
    digits = [line for line in log.splitlines() if "from the caller" in line]
    assert [line.split("digit ")[1][0] for line in digits] == ["7"], "digits seen:\n%s" % "\n".join(digits)
