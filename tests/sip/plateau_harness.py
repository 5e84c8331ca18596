"""Starts and stops a real Plateau server for one test, and reads its HTTP API.

Contract used (see tests/sip/README.md): `plateau serve` with --sip-listen (UDP
and TCP on one port), --http-listen, --http-api-token, --provision-file,
--prompts-dir (one folder shared by the session's servers); ready
when GET /healthz answers 200; SIGTERM stops it with exit code 0.
"""
import atexit
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PROVISIONING = os.path.join(HERE, "provisioning.toml")
TOKEN = "sip-test-token"
SANITIZED = os.environ.get("PLATEAU_SANITIZED") == "1"
# Sanitizer builds are several times slower: every wait is scaled by this.
SLOWDOWN = 3.0 if SANITIZED else 1.0
SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "runtime error:")


def _shared_prompts_dir():
    """One prompts folder for every server of the session: the first start generates the ~520 files
    (sentences, say fragments, music; about 3 s), the others find them there. The folder is put in the
    environment so that the workers of a parallel run (pytest -n, started after this import) share it."""
    given = os.environ.get("PLATEAU_TEST_PROMPTS_DIR")
    if given:
        return given
    made = tempfile.mkdtemp(prefix="plateau-test-prompts-")
    atexit.register(shutil.rmtree, made, True)
    os.environ["PLATEAU_TEST_PROMPTS_DIR"] = made
    return made


PROMPTS_DIR = _shared_prompts_dir()


def warm_prompts(config):
    """Before the tests (and before the workers of a parallel run start), one server start fills the shared
    prompts folder, so that no test's start-up waits for espeak-ng and no two servers write the same prompt."""
    if hasattr(config, "workerinput") or os.listdir(PROMPTS_DIR):
        return
    workdir = tempfile.mkdtemp(prefix="plateau-test-warm-")
    server = Plateau(workdir)
    try:
        server.start()
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def plateau_bin():
    return os.environ.get("PLATEAU_BIN") or os.path.join(REPO, "build", "src", "app", "plateau")


def _udp_free(ip, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind((ip, port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def _tcp_free(ip, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind((ip, port))
        return True
    except OSError:
        return False
    finally:
        s.close()


_handed_out = set()


def free_port(tcp=True, udp=True):
    """A port free on 127.0.0.1 for the asked transports (ephemeral range)."""
    for _ in range(200):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if udp else socket.SOCK_STREAM)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        if port in _handed_out:
            continue
        if (not udp or _udp_free("127.0.0.1", port)) and (not tcp or _tcp_free("127.0.0.1", port)):
            _handed_out.add(port)
            return port
    raise RuntimeError("no free port found")


def free_media_port():
    """An even UDP port p with p..p+3 free (sipp uses p for audio RTP and p+2 for video).

    Taken from 21000-31000: below the ephemeral range and above Plateau's RTP range (10000-20000).
    """
    for _ in range(500):
        p = random.randrange(21000, 31000, 4)
        if any(q in _handed_out for q in range(p, p + 4)):
            continue
        if all(_udp_free("127.0.0.1", q) for q in range(p, p + 4)):
            _handed_out.update(range(p, p + 4))
            return p
    raise RuntimeError("no free media port range found")


def now_ms():
    return int(time.time() * 1000)


class Plateau:
    """One running server: ports, data dir, logs, HTTP helpers."""

    def __init__(self, workdir, provision_file=PROVISIONING):
        self.workdir = workdir
        self.data_dir = os.path.join(workdir, "data")
        os.makedirs(self.data_dir, exist_ok=True)
        self.provision_file = provision_file
        self.sip_port = free_port()
        self.http_port = free_port(udp=False)
        self.stdout_path = os.path.join(workdir, "plateau.stdout.log")
        self.stderr_path = os.path.join(workdir, "plateau.stderr.log")
        self.proc = None
        self.started_ms = 0
        self.exit_code = None

    # ---- life cycle -------------------------------------------------------
    def command(self):
        return [plateau_bin(), "serve",
                "--data-dir", self.data_dir,
                "--sip-listen", "127.0.0.1:%d" % self.sip_port,
                "--http-listen", "127.0.0.1:%d" % self.http_port,
                "--http-api-token", TOKEN,
                "--provision-file", self.provision_file,
                "--prompts-dir", PROMPTS_DIR,
                "--provision-demo", "false",
                "--log-level", "debug"]

    def start(self, timeout=60.0):
        binary = plateau_bin()
        if not os.access(binary, os.X_OK):
            raise AssertionError("Plateau binary not found or not executable: %s "
                                 "(build it, or set PLATEAU_BIN)" % binary)
        self.started_ms = now_ms()
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(self.command(), stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                         cwd=self.workdir)
        deadline = time.time() + timeout * SLOWDOWN
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("plateau exited during start-up with code %s\n%s"
                                     % (self.proc.returncode, self.log_tail()))
            try:
                if self.http_get("/healthz", auth=False, timeout=1.0)[0] == 200:
                    return self
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.1)
        raise AssertionError("plateau did not answer /healthz within %.0f s\n%s" % (timeout * SLOWDOWN,
                                                                                   self.log_tail()))

    def stop(self, timeout=15.0):
        """SIGTERM, wait; returns the exit code (kills and returns None on a hang)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout * SLOWDOWN)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self.exit_code = None
                return None
        self.exit_code = self.proc.returncode
        return self.exit_code

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    @property
    def pid(self):
        return self.proc.pid

    def cpu_seconds(self):
        """utime + stime of the server process, from /proc/<pid>/stat."""
        with open("/proc/%d/stat" % self.pid) as f:
            stat = f.read()
        fields = stat[stat.rindex(")") + 2:].split()
        # fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    # ---- logs -------------------------------------------------------------
    def log_tail(self, lines=60):
        parts = []
        for label, path in (("stderr", self.stderr_path), ("stdout", self.stdout_path)):
            try:
                with open(path, "rb") as f:
                    text = f.read().decode("utf-8", "replace")
            except OSError:
                continue
            tail = text.splitlines()[-lines:]
            if tail:
                parts.append("---- plateau %s (last %d lines) ----\n%s" % (label, len(tail), "\n".join(tail)))
        return "\n".join(parts)

    def sanitizer_findings(self):
        found = []
        for path in (self.stderr_path, self.stdout_path):
            try:
                with open(path, "rb") as f:
                    text = f.read().decode("utf-8", "replace")
            except OSError:
                continue
            for line in text.splitlines():
                if any(m in line for m in SANITIZER_MARKERS):
                    found.append(line)
        return found

    # ---- HTTP -------------------------------------------------------------
    def http_get(self, path, auth=True, timeout=5.0):
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.http_port, path))
        if auth:
            req.add_header("Authorization", "Bearer " + TOKEN)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def http_post(self, path, body, timeout=5.0):
        return self.http_post_text(path, json.dumps(body), timeout, "application/json")

    def http_post_text(self, path, text, timeout=5.0, content_type="text/plain; charset=utf-8"):
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.http_port, path),
                                     data=text.encode(), method="POST")
        req.add_header("Authorization", "Bearer " + TOKEN)
        req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def http_json(self, path):
        status, body = self.http_get(path)
        assert status == 200, "GET %s answered %d: %s" % (path, status, body[:500])
        return json.loads(body)

    def calls(self, from_ms=None, to_ms=None):
        from_ms = self.started_ms - 60000 if from_ms is None else from_ms
        to_ms = now_ms() + 60000 if to_ms is None else to_ms
        status, body = self.http_get("/api/v1/calls?" + urllib.parse.urlencode({"from": from_ms, "to": to_ms}))
        assert status == 200, "GET /api/v1/calls answered %d: %s" % (status, body[:500])
        return json.loads(body)["calls"]

    def wait_call(self, sip_call_id, timeout=8.0):
        """The call record whose sip_call_id matches, polling until it exists."""
        deadline = time.time() + timeout * SLOWDOWN
        seen = []
        while True:
            seen = self.calls()
            for c in seen:
                if c.get("sip_call_id") == sip_call_id:
                    return c
            if time.time() > deadline:
                break
            time.sleep(0.2)
        raise AssertionError("no call record with sip_call_id %r after %.0f s; records: %s"
                             % (sip_call_id, timeout * SLOWDOWN, json.dumps(seen)[:2000]))

    def metrics(self):
        status, body = self.http_get("/metrics", auth=False)
        if status == 401:
            status, body = self.http_get("/metrics", auth=True)
        assert status == 200, "GET /metrics answered %d" % status
        return body

    def recording_path(self, record):
        rel = record.get("recording") or ""
        assert rel, "call record has no recording: %s" % json.dumps(record)
        return rel if os.path.isabs(rel) else os.path.join(self.data_dir, rel)
