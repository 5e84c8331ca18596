"""Runs sipp scenarios (tests/sip/scenarios/*.xml) as bounded subprocesses.

Every run has a global -timeout (with -timeout_error), -m (number of calls) and
per-step timeouts in the XML, so a silent server fails a test instead of hanging
it. Each run keeps its message trace, error trace and screen in the test's
directory; failures quote them.
"""
import os
import re
import subprocess
import time

from plateau_harness import SLOWDOWN, free_media_port, free_port

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "scenarios")
SIPP = os.environ.get("SIPP", "sipp")
PCAP_G711A = "/usr/share/sip-tester/g711a.pcap"


# Every sipp started by the current test; conftest stops the leftovers after each test.
RUNNING = []


def stop_all():
    while RUNNING:
        RUNNING.pop().stop()


def scenario(name):
    return os.path.join(SCENARIOS, name)


def _tail(path, lines=40):
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


class Sipp:
    """One sipp process. `remote` is the server's SIP port for client scenarios (None for UAS)."""

    def __init__(self, workdir, label, scenario_file, remote=None, service=None, calls=1, timeout_s=30,
                 local_port=None, media_port=None, rtp_echo=False, pause_ms=None, auth=None, keys=None,
                 call_id_prefix=None, transport="u1", extra=None):
        self.workdir = workdir
        self.label = label
        self.local_port = local_port or free_port(tcp=transport.startswith("t"), udp=transport.startswith("u"))
        self.media_port = media_port or free_media_port()
        self.files = {k: os.path.join(workdir, "sipp-%s.%s" % (label, k))
                      for k in ("messages", "errors", "screen", "stdout", "log")}
        self.call_id_prefix = call_id_prefix or "%s-%d-%d" % (label, os.getpid(), int(time.time() * 1000))
        cmd = [SIPP]
        if remote is not None:
            cmd.append("127.0.0.1:%d" % remote)
        cmd += ["-sf", scenario(scenario_file),
                "-t", transport,
                "-i", "127.0.0.1", "-p", str(self.local_port),
                "-mi", "127.0.0.1", "-mp", str(self.media_port),
                "-m", str(calls), "-l", str(max(calls, 1)),
                "-timeout", "%ds" % int(timeout_s * SLOWDOWN), "-timeout_error",
                "-max_retrans", "5",
                "-nostdin",
                "-cid_str", self.call_id_prefix + "-%u",
                "-trace_msg", "-message_file", self.files["messages"],
                "-trace_err", "-error_file", self.files["errors"],
                "-trace_screen", "-screen_file", self.files["screen"],
                "-trace_logs", "-log_file", self.files["log"]]
        if service is not None:
            cmd += ["-s", service]
        if rtp_echo:
            cmd.append("-rtp_echo")
        if pause_ms is not None:
            cmd += ["-d", str(int(pause_ms))]
        if auth is not None:
            cmd += ["-au", auth[0], "-ap", auth[1]]
        for k, v in (keys or {}).items():
            cmd += ["-key", k, str(v)]
        cmd += list(extra or [])
        self.cmd = cmd
        self.proc = None
        self.returncode = None
        self.timeout_s = timeout_s

    def call_id(self, n=1):
        """Call-ID of the n-th call this sipp starts (client scenarios)."""
        return "%s-%d" % (self.call_id_prefix, n)

    def start(self):
        with open(self.files["stdout"], "wb") as out:
            self.proc = subprocess.Popen(self.cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         cwd=self.workdir)
        RUNNING.append(self)
        return self

    def wait(self):
        try:
            self.returncode = self.proc.wait(self.timeout_s * SLOWDOWN + 15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            self.returncode = "killed (did not stop by itself)"
        return self.returncode

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def report(self):
        return ("---- sipp %s: %s\nexit code %s\n-- errors --\n%s\n-- messages (tail) --\n%s\n-- output (tail) --\n%s"
                % (self.label, " ".join(self.cmd), self.returncode, _tail(self.files["errors"], 30),
                   _tail(self.files["messages"], 80), _tail(self.files["stdout"], 15)))

    def expect_success(self):
        """Waits for the end and asserts every call succeeded (sipp exit code 0)."""
        self.wait()
        assert self.returncode == 0, "sipp %s failed\n%s" % (self.label, self.report())

    def run(self):
        self.start()
        self.expect_success()
        return self

    # ---- the message trace ------------------------------------------------
    def messages(self, direction="received"):
        """SIP messages from the trace, as text, in order. direction: "received" or "sent"."""
        try:
            with open(self.files["messages"], "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return []
        # sipp writes "----...\n<timestamp> UDP message received [N] bytes :\n\n<message>"
        parts = re.split(r"(?m)^-{20,}[^\n]*\n", text)
        out = []
        for p in parts:
            m = re.match(r"[^\n]*message (received|sent)[^\n]*:\n\n?", p)
            if m and m.group(1) == direction:
                out.append(p[m.end():].strip("\n"))
        return out

    def received_statuses(self):
        codes = []
        for msg in self.messages("received"):
            m = re.match(r"SIP/2\.0 (\d{3})", msg)
            if m:
                codes.append(int(m.group(1)))
        return codes

    def received_requests(self):
        return [msg.split(" ", 1)[0] for msg in self.messages("received") if not msg.startswith("SIP/2.0")]


def sdp_body(message):
    """The body of a traced SIP message, normalized to LF line ends."""
    _, _, body = message.replace("\r\n", "\n").partition("\n\n")
    return body.strip()


def refusing_scenario(workdir, status_line, headers=()):
    """A copy of uas_refuse.xml (in workdir) that answers the INVITE with `status_line`, e.g. "486 Busy Here",
    plus the given header lines. sipp checks response codes when it loads a scenario, before any -key
    substitution: hence a file per status."""
    with open(scenario("uas_refuse.xml")) as f:
        xml = f.read()
    xml = xml.replace("STATUS_LINE", "\n      ".join([status_line] + list(headers)))
    path = os.path.join(str(workdir), "uas_refuse_%s.xml" % re.sub(r"\W+", "_", status_line).strip("_"))
    with open(path, "w") as f:
        f.write(xml)
    return path


def scenario_without_telephone_event(workdir):
    """A copy of uas_customer.xml (in workdir) whose answer offers no telephone-event: a far end that only
    understands DTMF as tones in the audio."""
    with open(scenario("uas_customer.xml")) as f:
        xml = f.read()
    for line in ("      a=rtpmap:101 telephone-event/8000\n", "      a=fmtp:101 0-15\n"):
        assert line in xml, "uas_customer.xml changed: %r not found" % line
        xml = xml.replace(line, "")
    xml = xml.replace("RTP/AVP [codec_pt] 101", "RTP/AVP [codec_pt]")
    path = os.path.join(str(workdir), "uas_customer_no_telephone_event.xml")
    with open(path, "w") as f:
        f.write(xml)
    return path


def register_agent(workdir, server_port, user, password, contact_port, label=None):
    """Registers phone `user` with sipp (digest auth), its Contact pointing at contact_port."""
    return Sipp(workdir, label or "register-%s" % user, "register.xml", remote=server_port, service=user,
                auth=(user, password), keys={"contact_port": contact_port}, timeout_s=15).run()


class Agent:
    """An agent phone: a sipp UAS bound to a port, registered at Plateau with that port as Contact."""

    def __init__(self, workdir, server_port, user, scenario_file="uas_answer.xml", calls=1, timeout_s=60,
                 rtp_echo=True):
        self.user = user
        self.uas = Sipp(workdir, "agent-%s" % user, scenario_file, service=user, calls=calls,
                        timeout_s=timeout_s, rtp_echo=rtp_echo)
        self.server_port = server_port
        self.workdir = workdir

    @property
    def port(self):
        return self.uas.local_port

    def start(self, password=None):
        self.uas.start()
        time.sleep(0.2)  # let sipp bind before the server could send an INVITE
        assert self.uas.proc.poll() is None, "agent sipp exited at start\n%s" % self.uas.report()
        register_agent(self.workdir, self.server_port, self.user, password or "pw" + self.user, self.port)
        return self


class Customer:
    """A customer's phone behind a trunk, for Plateau to call (Dial): a sipp UAS running
    scenarios/uas_customer.xml on its own port (`port`, or a free one).

    It answers 180, rings `ring_ms`, answers 200 with `codec` ("PCMA", "PCMU", or "G729" for a codec Plateau
    does not have) and telephone-event 101,
    plays `audio` (a pcap) after the ACK, then waits for Plateau's BYE, or hangs up itself after `talk_ms`
    (None: never). `telephone_event=False` leaves telephone-event out of its answer. A CANCEL while it rings is
    answered 200 and 487. `refuse` (a status line such as
    "486 Busy Here", with optional `refuse_headers`) makes it refuse the INVITE instead (uas_refuse.xml).
    `transport` "t1" listens on TCP: the gateway then says ";transport=tcp". `gateway` is what a trunk's
    gateway would say to reach it.
    """

    def __init__(self, workdir, label="customer", port=None, ring_ms=300, talk_ms=None, codec="PCMA",
                 audio=PCAP_G711A, refuse=None, refuse_headers=(), transport="u1", rtp_echo=False, timeout_s=60,
                 telephone_event=True):
        pt = {"PCMU": 0, "PCMA": 8, "G729": 18}[codec]
        if refuse:
            scenario_file, sets, keys = refusing_scenario(workdir, refuse, refuse_headers), [], {}
        else:
            talk = 3600 * 1000 if talk_ms is None else talk_ms
            scenario_file = "uas_customer.xml" if telephone_event else scenario_without_telephone_event(workdir)
            sets = ["-set", "ring_ms", str(int(ring_ms)), "-set", "talk_ms", str(int(talk))]
            keys = {"codec_pt": pt, "codec_name": codec, "audio": audio}
        self.transport = transport
        self.uas = Sipp(workdir, label, scenario_file, local_port=port, keys=keys, extra=sets, transport=transport,
                        rtp_echo=rtp_echo, timeout_s=timeout_s, service="customer")

    @property
    def port(self):
        return self.uas.local_port

    @property
    def media_port(self):
        return self.uas.media_port

    @property
    def gateway(self):
        return "127.0.0.1:%d%s" % (self.port, ";transport=tcp" if self.transport.startswith("t") else "")

    def start(self):
        self.uas.start()
        time.sleep(0.2)  # let sipp bind before anything is sent to it
        assert self.uas.proc.poll() is None, "customer sipp exited at start\n%s" % self.uas.report()
        return self

    def expect_success(self):
        self.uas.expect_success()

    def invite(self, timeout=10.0):
        """The INVITE it received (text), waiting for it."""
        deadline = time.time() + timeout * SLOWDOWN
        while time.time() < deadline:
            for msg in self.uas.messages("received"):
                if msg.startswith("INVITE "):
                    return msg
            time.sleep(0.05)
        raise AssertionError("customer %s received no INVITE\n%s" % (self.uas.label, self.uas.report()))

    def plateau_rtp_port(self, timeout=10.0):
        """The RTP port Plateau offered in its INVITE (the leg's media port)."""
        m = re.search(r"(?m)^m=audio (\d+) ", self.invite(timeout).replace("\r\n", "\n"))
        assert m, "no m=audio line in the INVITE:\n%s" % self.invite()
        return int(m.group(1))
