"""A caller nobody answers leaves the queue after its maximum wait: the no-agent
prompt, then 480, and a call record with outcome no_agent."""
from plateau_harness import SLOWDOWN
from sip_client import SipClient
from test_calls import show


def test_max_wait_ends_with_480_and_no_agent_record(plateau):
    with SipClient(plateau.sip_port) as c:
        final, call_id = c.invite_expect_failure("300", timeout=20.0 * SLOWDOWN)
    assert final is not None and final.status == 480, "final answer: %r" % final
    rec = plateau.wait_call(call_id)
    assert rec["outcome"] == "no_agent", show(rec)
    assert rec["reason"] == "max_wait", show(rec)
    assert 1900 <= rec["wait_ms"] <= 2000 + 1000 * SLOWDOWN, show(rec)
