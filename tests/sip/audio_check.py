"""Reads recordings: the WAV header (parsed here, so µ-law/A-law files work too) and
per-channel levels through sox (Debian package sox)."""
import re
import struct
import subprocess

WAV_FORMATS = {1: "pcm", 3: "float", 6: "alaw", 7: "mulaw", 0xFFFE: "extensible"}

# A channel "carries audio" when its RMS level over the whole file is above this.
# G.711 silence decodes to 0 (µ-law) or +-8 (A-law, about -72 dBFS); the test
# signals are around -25 dBFS for the caller's speech and -9 dBFS for tones.
MIN_RMS_DB = -50.0
MIN_PEAK_DB = -30.0


def wav_header(path):
    """{'channels', 'sample_rate', 'bits', 'format', 'data_bytes'} from the RIFF header."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE", "%s is not a RIFF/WAVE file (starts %r)" % (path, data[:12])
    pos, fmt, data_bytes = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            tag, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
            fmt = {"format": WAV_FORMATS.get(tag, "tag %d" % tag), "channels": channels, "sample_rate": rate,
                   "bits": bits}
        elif cid == b"data":
            data_bytes = min(size, len(data) - pos - 8)
        pos += 8 + size + (size & 1)
    assert fmt is not None, "%s has no fmt chunk" % path
    fmt["data_bytes"] = data_bytes or 0
    return fmt


def channel_samples(path):
    """The samples of each channel, as integers: [[left...], [right...]] (PCM 16, µ-law or A-law files)."""
    from rtp_tools import ALAW, ULAW
    hdr = wav_header(path)
    with open(path, "rb") as f:
        data = f.read()
    pos = 12
    while pos + 8 <= len(data) and data[pos:pos + 4] != b"data":
        pos += 8 + struct.unpack("<I", data[pos + 4:pos + 8])[0]
    body = data[pos + 8:pos + 8 + hdr["data_bytes"]]
    if hdr["format"] == "pcm" and hdr["bits"] == 16:
        values = list(struct.unpack("<%dh" % (len(body) // 2), body[:len(body) // 2 * 2]))
    elif hdr["format"] in ("mulaw", "alaw"):
        table = ULAW if hdr["format"] == "mulaw" else ALAW
        values = [table[b] for b in body]
    else:
        raise AssertionError("%s: cannot read %s samples" % (path, hdr))
    n = hdr["channels"]
    return [values[c::n] for c in range(n)]


def channel_stats(path, channel):
    """sox stats of one channel (1-based): {'rms_db', 'peak_db', 'length_s'}."""
    proc = subprocess.run(["sox", path, "-n", "remix", str(channel), "stats"], capture_output=True, text=True,
                          timeout=30)
    assert proc.returncode == 0, "sox failed on %s channel %d: %s" % (path, channel, proc.stderr)
    out = proc.stderr

    def value(label):
        m = re.search(r"^%s\s+(\S+)" % re.escape(label), out, re.M)
        assert m, "no %r in sox stats output:\n%s" % (label, out)
        v = m.group(1)
        return float("-inf") if v in ("-inf", "-1.#J") else float(v)

    return {"rms_db": value("RMS lev dB"), "peak_db": value("Pk lev dB"), "length_s": value("Length s")}


def assert_stereo_8k_with_audio(path, min_seconds=1.0):
    """The recording is a stereo 8 kHz WAV whose both channels carry audio. Returns the stats."""
    return _assert_8k_with_audio(path, ("caller", "agent"), min_seconds)


def assert_mono_8k_with_audio(path, min_seconds=1.0):
    """The recording (of one leg) is a mono 8 kHz WAV that carries audio. Returns the stats."""
    return _assert_8k_with_audio(path, ("leg",), min_seconds)


def _assert_8k_with_audio(path, who_by_channel, min_seconds):
    hdr = wav_header(path)
    channels = len(who_by_channel)
    assert hdr["channels"] == channels, "recording %s has %d channel(s), expected %d: %s" % (
        path, hdr["channels"], channels, hdr)
    assert hdr["sample_rate"] == 8000, "recording %s is %d Hz, expected 8000: %s" % (path, hdr["sample_rate"], hdr)
    stats = {ch: channel_stats(path, ch) for ch in range(1, channels + 1)}
    for ch, who in enumerate(who_by_channel, 1):
        s = stats[ch]
        assert s["length_s"] >= min_seconds, "recording %s lasts %.2f s, expected >= %.1f s" % (
            path, s["length_s"], min_seconds)
        assert s["rms_db"] > MIN_RMS_DB and s["peak_db"] > MIN_PEAK_DB, (
            "recording %s: channel %d (%s) is silent: RMS %.1f dB, peak %.1f dB (expected RMS > %.0f, peak > %.0f)"
            % (path, ch, who, s["rms_db"], s["peak_db"], MIN_RMS_DB, MIN_PEAK_DB))
    return hdr, stats
