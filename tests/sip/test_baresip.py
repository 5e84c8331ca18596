"""Interop with a real SIP phone: baresip registers as agent 2001 (digest auth),
auto-answers, sends a 600 Hz tone from a WAV file (aufile) and dumps what it hears
(sndfile); a sipp caller plays speech from a pcap. Both directions must carry audio."""
import glob
import json
import os
import re
import signal
import subprocess
import time

import pytest

from audio_check import assert_stereo_8k_with_audio, channel_stats, MIN_RMS_DB
from plateau_harness import SLOWDOWN, free_media_port, free_port
from sipp_harness import PCAP_G711A, Sipp

MODULES = "/usr/lib/baresip/modules"


class Baresip:
    def __init__(self, workdir, server_port, user, password, lifetime_s=60):
        self.dir = os.path.join(workdir, "baresip")
        self.snd = os.path.join(self.dir, "snd")
        os.makedirs(self.snd, exist_ok=True)
        self.log_path = os.path.join(self.dir, "baresip.log")
        self.port = free_port(tcp=False)
        rtp = free_media_port()
        tone = os.path.join(self.dir, "agent-tone.wav")
        subprocess.run(["sox", "-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", tone,
                        "synth", "60", "sine", "600", "vol", "0.5"], check=True, timeout=30)
        config = "\n".join([
            "poll_method\tepoll",
            "sip_listen\t127.0.0.1:%d" % self.port,
            "sip_trans_def\tudp",
            "net_interface\t127.0.0.1",
            "call_local_timeout\t120",
            "audio_source\taufile,%s" % tone,
            # aubridge with no matching source is a sink that goes nowhere: no sound card needed.
            "audio_player\taubridge,nowhere",
            "audio_alert\taubridge,nowhere",
            "audio_srate\t8000",
            "audio_channels\t1",
            "rtp_ports\t%d-%d" % (rtp, rtp + 3),
            "module_path\t%s" % MODULES,
            "module\tg711.so",
            "module\taufile.so",
            "module\taubridge.so",
            "module\tsndfile.so",
            "module_app\taccount.so",
            "module_app\tmenu.so",
            "snd_path\t%s" % self.snd,
            ""])
        with open(os.path.join(self.dir, "config"), "w") as f:
            f.write(config)
        with open(os.path.join(self.dir, "accounts"), "w") as f:
            f.write("<sip:%s@127.0.0.1:%d;transport=udp>;auth_pass=%s;answermode=auto;regint=3600;"
                    "audio_codecs=PCMU,PCMA\n" % (user, server_port, password))
        self.cmd = ["baresip", "-f", self.dir, "-t", str(int(lifetime_s * SLOWDOWN)), "-v"]
        self.proc = None

    def start(self):
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(self.cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         cwd=self.dir)
        return self

    def log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def wait_registered(self, timeout=10.0):
        deadline = time.time() + timeout * SLOWDOWN
        while time.time() < deadline:
            text = self.log()
            if re.search(r"200 OK.*\[\d+ binding", text):
                return
            assert self.proc.poll() is None, "baresip exited (%s)\n%s" % (self.proc.returncode, text[-3000:])
            time.sleep(0.1)
        raise AssertionError("baresip did not register within %.0f s\n%s" % (timeout * SLOWDOWN, self.log()[-3000:]))

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.mark.baresip
def test_baresip_agent_answers_and_audio_flows_both_ways(plateau, workdir):
    phone = Baresip(workdir, plateau.sip_port, "2001", "pw2001").start()
    try:
        phone.wait_registered()
        call = Sipp(workdir, "caller", "uac_call.xml", remote=plateau.sip_port, service="100", pause_ms=4000,
                    keys={"audio": PCAP_G711A}, timeout_s=60).run()
        deadline = time.time() + 5 * SLOWDOWN
        while "terminated" not in phone.log() and time.time() < deadline:
            time.sleep(0.1)
        log = phone.log()
    finally:
        phone.stop()
    assert "Call established" in log, "baresip never established the call\n%s" % log[-3000:]

    rec = plateau.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2001", json.dumps(rec)
    assert rec["talk_ms"] >= 2500, json.dumps(rec)
    path = plateau.recording_path(rec)
    _, stats = assert_stereo_8k_with_audio(path, min_seconds=3.0)

    # What baresip decoded is what Plateau relayed from the caller.
    heard = glob.glob(os.path.join(phone.snd, "dump-*-dec.wav"))
    assert heard, "baresip's sndfile module wrote no decoded-audio dump in %s\n%s" % (phone.snd, log[-2000:])
    s = channel_stats(heard[0], 1)
    assert s["rms_db"] > MIN_RMS_DB, "baresip heard silence from the caller (RMS %.1f dB)" % s["rms_db"]
