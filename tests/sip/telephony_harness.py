"""Runs the telephony layer alone (build/src/sip/telephony_driver, a test-only program)
and talks to it in JSON lines: the commands the routing core would send (Dial,
PlaySequence, Bridge ...) go to its stdin; every event it reports comes back on its
stdout and is kept, in order, with the driver's monotonic time (t_ms).

The driver is found beside the server binary: <build>/src/sip/telephony_driver for
PLATEAU_BIN=<build>/src/app/plateau (or PLATEAU_TELEPHONY_DRIVER).
"""
import json
import os
import subprocess
import threading
import time

from plateau_harness import SANITIZER_MARKERS, SLOWDOWN, free_port, plateau_bin
from rtp_tools import write_tone_wav

# Prompts the driver loads (fr): name -> (frequency Hz, duration ms). Each is one sine tone, so what a
# leg heard can be told apart frame by frame.
TONE_PROMPTS = {"tone500": (500, 400), "tone1000": (1000, 400), "tone1500": (1500, 400), "tone2000": (2000, 300)}


def write_tone_prompts(workdir):
    """<workdir>/prompts/fr/<name>.wav for TONE_PROMPTS; returns the prompts directory."""
    folder = os.path.join(workdir, "prompts", "fr")
    os.makedirs(folder, exist_ok=True)
    for name, (freq, ms) in TONE_PROMPTS.items():
        write_tone_wav(os.path.join(folder, name + ".wav"), freq, ms)
    return os.path.dirname(folder)


# Ids the tests give to calls and legs: far above the ones the driver allocates to inbound calls.
FIRST_TEST_ID = 1_000_000


def driver_bin():
    return os.environ.get("PLATEAU_TELEPHONY_DRIVER") or os.path.join(
        os.path.dirname(os.path.dirname(plateau_bin())), "sip", "telephony_driver")


class TelephonyDriver:
    def __init__(self, workdir, prompts_dir, provision_file=None):
        self.workdir = workdir
        self.sip_port = free_port()
        self.data_dir = os.path.join(workdir, "data")
        os.makedirs(self.data_dir, exist_ok=True)
        self.stderr_path = os.path.join(workdir, "telephony_driver.stderr.log")
        self.cmd = [driver_bin(), "--sip-listen", "127.0.0.1:%d" % self.sip_port, "--prompts", prompts_dir,
                    "--data-dir", self.data_dir]
        if provision_file:
            self.cmd += ["--provision-file", provision_file]
        self.proc = None
        self.events = []
        self._cv = threading.Condition()
        self._next_id = FIRST_TEST_ID

    def new_id(self):
        self._next_id += 1
        return self._next_id

    # ---- life cycle ---------------------------------------------------------
    def start(self):
        binary = self.cmd[0]
        assert os.access(binary, os.X_OK), "telephony driver not found: %s (build it, or set PLATEAU_BIN)" % binary
        self._stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
                                     cwd=self.workdir)
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_event("Ready", timeout=10)
        return self

    def _read(self):
        for line in self.proc.stdout:
            try:
                ev = json.loads(line)
            except ValueError:
                ev = {"event": "Unparsed", "line": line.decode("utf-8", "replace")}
            with self._cv:
                self.events.append(ev)
                self._cv.notify_all()

    def stop(self, timeout=15.0):
        """Closes stdin (the driver hangs up what is left and exits); returns the exit code."""
        if self.proc is None:
            return None
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            code = self.proc.wait(timeout * SLOWDOWN)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            code = None
        self._stderr.close()
        return code

    # ---- commands and events ------------------------------------------------
    def send(self, cmd, **fields):
        fields["cmd"] = cmd
        self.proc.stdin.write((json.dumps(fields) + "\n").encode())
        self.proc.stdin.flush()

    def find(self, name, **match):
        with self._cv:
            return [e for e in self.events if e.get("event") == name
                    and all(e.get(k) == v for k, v in match.items())]

    def wait_event(self, name, timeout=10.0, **match):
        """The first event `name` whose fields match, waiting for it."""
        deadline = time.time() + timeout * SLOWDOWN
        with self._cv:
            while True:
                for e in self.events:
                    if e.get("event") == name and all(e.get(k) == v for k, v in match.items()):
                        return e
                left = deadline - time.time()
                if left <= 0 or self.proc.poll() is not None:
                    break
                self._cv.wait(min(left, 0.2))
        raise AssertionError("no %s event matching %s within %.0f s; events: %s\n%s" % (
            name, match, timeout * SLOWDOWN, json.dumps(self.events)[-3000:], self.log_tail()))

    def stats(self):
        """TelephonyStats as the driver last refreshed them (once a second)."""
        n = len(self.find("Stats"))
        self.send("Stats")
        deadline = time.time() + 5 * SLOWDOWN
        while time.time() < deadline:
            got = self.find("Stats")
            if len(got) > n:
                return got[-1]
            time.sleep(0.05)
        raise AssertionError("no Stats answer\n%s" % self.log_tail())

    def dial(self, customer, number="0612345678", caller_id="0522000000", call=None, tenant="t1"):
        """Sends Dial to a sipp_harness.Customer; returns (call, leg)."""
        call = call or self.new_id()
        leg = self.new_id()
        self.send("Dial", call=call, leg=leg, tenant=tenant, number=number, gateway=customer.gateway,
                  caller_id=caller_id)
        return call, leg

    # ---- logs ----------------------------------------------------------------
    def log_text(self):
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def log_tail(self, lines=60):
        tail = self.log_text().splitlines()[-lines:]
        return "---- telephony driver stderr (last %d lines) ----\n%s" % (len(tail), "\n".join(tail)) if tail else ""

    def sanitizer_findings(self):
        return [l for l in self.log_text().splitlines() if any(m in l for m in SANITIZER_MARKERS)]
