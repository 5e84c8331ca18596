"""Registration: digest authentication, un-registration, and blocking of a source
that keeps failing authentication (while other sources are still served)."""
import re
import socket
import time

from sip_client import SipClient, digest_authorization, parse_challenge, token, wait_options_ok


def test_register_good_credentials_gets_200(plateau):
    with SipClient(plateau.sip_port) as phone:
        r = phone.register("2001", "pw2001", expires=3600)
        assert r is not None, "no final answer to an authenticated REGISTER"
        assert r.status == 200, "REGISTER with the right password answered %s" % r.start
        contacts = [v for k, v in r.headers if k in ("contact", "m")]
        assert any(":%d" % phone.local_port in c for c in contacts), (
            "the 200 does not list the registered contact (port %d): %s" % (phone.local_port, contacts))


def test_register_challenge_is_digest_realm_plateau(plateau):
    with SipClient(plateau.sip_port) as phone:
        host = "127.0.0.1:%d" % plateau.sip_port
        req = phone.build("REGISTER", "sip:" + host, token() + "@t", token(), "sip:2002@127.0.0.1",
                          extra="Contact: <sip:2002@127.0.0.1:%d>\r\nExpires: 600" % phone.local_port)
        rs = phone.transact(req)
        assert rs and rs[-1].status == 401, "unauthenticated REGISTER answered %s (expected 401)" % rs
        ch = parse_challenge(rs[-1].header("www-authenticate"))
        assert ch.get("realm") == "plateau", "challenge realm is %r" % ch.get("realm")
        assert ch.get("nonce"), "challenge has no nonce"


def test_register_wrong_password_is_rejected(plateau):
    with SipClient(plateau.sip_port) as phone:
        r = phone.register("2001", "not-the-password")
        assert r is not None, "no answer to a REGISTER with a wrong password (a single failure must not block)"
        assert r.status in (401, 403), "REGISTER with a wrong password answered %s" % r.start
        r = phone.register("2999", "pw2999")
        assert r is not None and r.status in (401, 403, 404), "REGISTER of an unknown phone answered %r" % r


def test_unregister_with_expires_zero(plateau):
    with SipClient(plateau.sip_port) as phone:
        call_id = token() + "@unreg"
        r = phone.register("2003", "pw2003", expires=3600, call_id=call_id)
        assert r is not None and r.status == 200, "REGISTER answered %r" % r
        r = phone.register("2003", "pw2003", expires=0, call_id=call_id)
        assert r is not None and r.status == 200, "un-REGISTER (Expires: 0) answered %r" % r
        still = [v for k, v in r.headers if k in ("contact", "m") and ":%d" % phone.local_port in v]
        assert not still, "the binding is still listed after Expires: 0: %s" % still

        # The phone is gone: a call to the "sales" queue must not make it ring (whether the
        # caller is queued or turned away for want of agents).
        with SipClient(plateau.sip_port) as caller:
            caller.invite_expect_failure("200", timeout=2.5)
        phone.sock.settimeout(0.2)
        got = []
        try:
            while True:
                data, _ = phone.sock.recvfrom(65535)
                got.append(data.split(b"\r\n", 1)[0].decode("utf-8", "replace"))
        except (socket.timeout, BlockingIOError):
            pass
        assert not any(line.startswith("INVITE") for line in got), (
            "the un-registered phone still received: %s" % got)


def test_register_burst_blocks_source_other_sources_served(plateau, capsys):
    host = "127.0.0.1:%d" % plateau.sip_port
    uri = "sip:" + host
    attacker = SipClient(plateau.sip_port, local_ip="127.0.0.1")
    try:
        # A real challenge first, so each guess is a well-formed digest answer to a valid nonce.
        first = attacker.build("REGISTER", uri, token() + "@scan", token(), "sip:2001@127.0.0.1",
                               extra="Contact: <sip:2001@127.0.0.1:%d>\r\nExpires: 600" % attacker.local_port)
        rs = attacker.transact(first)
        assert rs and rs[-1].status == 401, "unauthenticated REGISTER answered %s" % rs
        challenge = parse_challenge(rs[-1].header("www-authenticate"))

        cpu_before = plateau.cpu_seconds()
        t0 = time.time()
        statuses = []
        attacker.sock.setblocking(False)
        for i in range(300):
            auth = digest_authorization(challenge, "REGISTER", uri, "2001", "guess-%03d" % i)
            req = attacker.build("REGISTER", uri, token() + "@scan", token(), "sip:2001@127.0.0.1",
                                 extra="Contact: <sip:2001@127.0.0.1:%d>\r\nExpires: 600\r\nAuthorization: %s"
                                 % (attacker.local_port, auth))
            attacker.send_raw(req)
            if i % 10 == 9:
                time.sleep(0.002)  # a fast scanner, not a socket-buffer flood
            statuses += _drain(attacker)
        deadline = time.time() + 1.5
        while time.time() < deadline:
            statuses += _drain(attacker)
            time.sleep(0.05)
        elapsed = time.time() - t0
        cpu_used = plateau.cpu_seconds() - cpu_before
    finally:
        attacker.close()

    counts = {s: statuses.count(s) for s in sorted(set(statuses))}
    with capsys.disabled():
        print("\n[register burst] 300 bad REGISTERs in %.2f s: server CPU %.3f s (%.2f ms per request); "
              "answers by status: %s" % (elapsed, cpu_used, cpu_used * 1000 / 300, counts))
    assert statuses.count(200) == 0, "a REGISTER with a wrong password was accepted: %s" % counts

    # The source is blocked now: even the right password gets no 200 from it.
    with SipClient(plateau.sip_port, local_ip="127.0.0.1") as again:
        r = again.register("2001", "pw2001", timeout=1.5)
        assert r is None or r.status == 403, (
            "after 300 failed REGISTERs, the source 127.0.0.1 still gets %s to a REGISTER" % r.start)

    # Another source is served as usual.
    assert wait_options_ok(plateau.sip_port, local_ip="127.0.0.2"), "no 200 to OPTIONS from 127.0.0.2"
    with SipClient(plateau.sip_port, local_ip="127.0.0.2") as other:
        r = other.register("2002", "pw2002")
        assert r is not None and r.status == 200, "REGISTER from 127.0.0.2 answered %r" % r
    assert plateau.alive()


def _drain(client):
    out = []
    while True:
        try:
            data, _ = client.sock.recvfrom(65535)
        except (BlockingIOError, socket.timeout):
            return out
        m = re.match(rb"SIP/2\.0 (\d{3})", data)
        if m:
            out.append(int(m.group(1)))
