"""RFC 4475 torture messages (/work/shared/testdata/sip-torture, or $PLATEAU_TORTURE_DIR):
each is sent byte for byte; after each one the server must still answer OPTIONS,
and at the end a normal call must still be answered."""
import json
import os
import re
import socket
import time

from sip_client import SipClient
from sipp_harness import PCAP_G711A, Agent, Sipp

TORTURE_DIR = os.environ.get("PLATEAU_TORTURE_DIR", "/work/shared/testdata/sip-torture")
# Over TCP these make no sense: trailing octets in a datagram, or framing that a
# stream cannot have (Content-Length missing its bytes, negative, or given twice).
NOT_FOR_TCP = {"dblreq.dat", "clerr.dat", "ncl.dat", "mcl01.dat"}


def torture_messages():
    """[(file name, section, valid)] from the README's table, checked against the files present."""
    with open(os.path.join(TORTURE_DIR, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    rows = re.findall(r"^\|\s*(\S+\.dat)\s*\|\s*([^|]+?)\s*\|\s*(yes|no[^|]*?)\s*\|", readme, re.M)
    assert len(rows) == 49, "expected the 49 RFC 4475 messages in %s/README.md, found %d" % (TORTURE_DIR, len(rows))
    for name, _, _ in rows:
        assert os.path.isfile(os.path.join(TORTURE_DIR, name)), "missing torture file %s" % name
    return [(name, section, valid == "yes") for name, section, valid in rows]


def read(name):
    with open(os.path.join(TORTURE_DIR, name), "rb") as f:
        return f.read()


def send_udp(server_port, data, local_ip):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind((local_ip, 0))
        s.sendto(data, ("127.0.0.1", server_port))
        time.sleep(0.02)
    finally:
        s.close()


def send_tcp(server_port, data, local_ip, linger=0.3):
    """Sends over a fresh connection; returns the first bytes answered on it (if any)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind((local_ip, 0))
        s.settimeout(2.0)
        s.connect(("127.0.0.1", server_port))
        s.sendall(data)
        s.settimeout(linger)
        try:
            return s.recv(65535)
        except (socket.timeout, ConnectionResetError):
            return b""
    finally:
        s.close()


def alive(plateau):
    with SipClient(plateau.sip_port, local_ip="127.0.0.1") as c:
        r = c.options(timeout=3.0)
        return r is not None and r.status == 200


def run_torture(plateau, transport):
    problems = []
    sent = 0
    for name, section, valid in torture_messages():
        if transport == "tcp" and name in NOT_FOR_TCP:
            continue
        data = read(name)
        if transport == "udp":
            send_udp(plateau.sip_port, data, "127.0.0.3")
        else:
            answer = send_tcp(plateau.sip_port, data, "127.0.0.4")
            first = answer.split(b"\r\n", 1)[0].decode("utf-8", "replace")
            if not valid and re.match(r"SIP/2\.0 2\d\d", first):
                problems.append("%s (%s, malformed) was answered %s" % (name, section, first))
        sent += 1
        if not plateau.alive():
            problems.append("plateau DIED after %s over %s (%s)" % (name, transport.upper(), section))
            break
        if not alive(plateau):
            problems.append("no 200 to OPTIONS after %s over %s (%s)" % (name, transport.upper(), section))
    return sent, problems


def normal_call_still_works(plateau, workdir):
    agent = Agent(workdir, plateau.sip_port, "2001").start()
    call = Sipp(workdir, "caller-after", "uac_call.xml", remote=plateau.sip_port, service="200", pause_ms=1500,
                keys={"audio": PCAP_G711A}, timeout_s=40).run()
    agent.uas.expect_success()
    rec = plateau.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2001", json.dumps(rec)


def test_torture_udp_then_normal_call(plateau, workdir):
    sent, problems = run_torture(plateau, "udp")
    assert not problems, "torture over UDP:\n  " + "\n  ".join(problems)
    assert sent == 49
    normal_call_still_works(plateau, workdir)


def test_torture_tcp_then_normal_call(plateau, workdir):
    sent, problems = run_torture(plateau, "tcp")
    assert not problems, "torture over TCP:\n  " + "\n  ".join(problems)
    assert sent == 49 - len(NOT_FOR_TCP)
    normal_call_still_works(plateau, workdir)
