"""Calls refused at the door: unknown number (404), a source that is not a trunk of
the number's tenant (403); and OPTIONS keep-alives (200)."""
import json

from sip_client import SipClient


def test_options_answered_200(plateau):
    for transport in ("udp", "tcp"):
        with SipClient(plateau.sip_port, transport=transport) as c:
            r = c.options()
            assert r is not None and r.status == 200, "OPTIONS over %s answered %r" % (transport, r)


def test_unknown_number_gets_404_and_rejected_record(plateau):
    with SipClient(plateau.sip_port) as c:
        final, call_id = c.invite_expect_failure("5559999")
    assert final is not None, "no final answer to an INVITE for an unknown number"
    assert final.status == 404, "INVITE for an unknown number answered %s" % final.start
    rec = plateau.wait_call(call_id)
    assert rec["outcome"] == "rejected", json.dumps(rec)
    assert rec["number"] == "5559999" and rec["agent"] == "" and rec["answer_ms"] == 0, json.dumps(rec)


def test_forbidden_source_gets_403(plateau):
    # 900 belongs to tenant t2, whose only trunk is 10.9.9.0/24; 127.0.0.1 is t1's trunk, not t2's.
    with SipClient(plateau.sip_port) as c:
        final, call_id = c.invite_expect_failure("900")
    assert final is not None, "no final answer to an INVITE from a forbidden source"
    assert final.status == 403, "INVITE for 900 from 127.0.0.1 answered %s" % final.start
    rec = plateau.wait_call(call_id)
    assert rec["outcome"] == "rejected" and rec["answer_ms"] == 0, json.dumps(rec)
    # The refusal is about the source, not the server: a t1 number is still served from there.
    with SipClient(plateau.sip_port) as c:
        r = c.options()
        assert r is not None and r.status == 200
