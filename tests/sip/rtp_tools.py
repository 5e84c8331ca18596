"""RTP as the tests see it on the wire: a sniffer of the loopback interface (so a test
can check what a real sipp endpoint received, not only what Plateau counted), G.711
decoding, tone detection, and writers for tone prompts (WAV) and tone pcaps that
sipp can play.

The sniffer needs CAP_NET_RAW (the tests run as root, as sipp's pcap playback does).
"""
import math
import socket
import struct
import threading
import time
import wave

ETH_P_ALL = 0x0003
SO_RCVBUFFORCE = getattr(socket, "SO_RCVBUFFORCE", 33)  # Linux; not in the socket module


class RtpPacket:
    __slots__ = ("t", "src", "dst", "pt", "seq", "ts", "ssrc", "marker", "payload")

    def __init__(self, t, src, dst, data):
        self.t, self.src, self.dst = t, src, dst
        self.marker = bool(data[1] & 0x80)
        self.pt = data[1] & 0x7F
        self.seq, self.ts, self.ssrc = struct.unpack("!HII", data[2:12])
        cc = data[0] & 0x0F
        self.payload = data[12 + 4 * cc:]

    def __repr__(self):
        return "RTP %d->%d pt %d seq %d len %d" % (self.src, self.dst, self.pt, self.seq, len(self.payload))


class RtpSniffer:
    """Captures RTP-looking UDP datagrams on `lo` whose source or destination port is watched."""

    def __init__(self, ports=()):
        self.ports = set(ports)
        self._packets = []
        self._lock = threading.Lock()
        self._stop = False
        self._sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        try:  # past net.core.rmem_max (root only): a slow test machine must not drop packets here
            self._sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 8 << 20)
        except OSError:
            self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        self._sock.bind(("lo", 0))
        self._sock.settimeout(0.2)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def watch(self, *ports):
        with self._lock:
            self.ports.update(ports)

    def _run(self):
        while not self._stop:
            try:
                frame, addr = self._sock.recvfrom(65535)
            except socket.timeout:
                continue
            except OSError:
                return
            if addr[2] == socket.PACKET_OUTGOING:  # each loopback packet shows up twice
                continue
            ip = frame[14:]
            if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 17:
                continue
            ihl = (ip[0] & 0x0F) * 4
            src, dst = struct.unpack("!HH", ip[ihl:ihl + 4])
            data = ip[ihl + 8:]
            with self._lock:
                if src not in self.ports and dst not in self.ports:
                    continue
            if len(data) < 12 or data[0] >> 6 != 2:  # not RTP version 2 (SIP, RTCP ...)
                continue
            with self._lock:
                self._packets.append(RtpPacket(time.time(), src, dst, data))

    def packets(self, src=None, dst=None, pt=None, since=0.0):
        with self._lock:
            return [p for p in self._packets if (src is None or p.src == src) and (dst is None or p.dst == dst)
                    and (pt is None or p.pt == pt) and p.t >= since]

    def wait_packets(self, count, timeout, **match):
        deadline = time.time() + timeout
        while time.time() < deadline:
            got = self.packets(**match)
            if len(got) >= count:
                return got
            time.sleep(0.05)
        return self.packets(**match)

    def close(self):
        self._stop = True
        self._thread.join(2)
        self._sock.close()


# ---- G.711 (ITU-T G.711, as in src/media/g711.cpp) ---------------------------

def _ulaw(b):
    b = ~b & 0xFF
    t = ((b & 0x0F) << 3) + 0x84
    t <<= (b & 0x70) >> 4
    return (0x84 - t) if b & 0x80 else (t - 0x84)


def _alaw(b):
    b ^= 0x55
    t = (b & 0x0F) << 4
    seg = (b & 0x70) >> 4
    if seg == 0:
        t += 8
    elif seg == 1:
        t += 0x108
    else:
        t = (t + 0x108) << (seg - 1)
    return t if b & 0x80 else -t


ULAW = [_ulaw(i) for i in range(256)]
ALAW = [_alaw(i) for i in range(256)]


def decode(payload, pt):
    """Linear samples of a PCMU (pt 0) or PCMA (pt 8) payload."""
    table = ALAW if pt == 8 else ULAW
    return [table[b] for b in payload]


# ---- tones ------------------------------------------------------------------

def tone_samples(freq, ms, amplitude=8000, rate=8000):
    return [int(amplitude * math.sin(2 * math.pi * freq * i / rate)) for i in range(rate * ms // 1000)]


def power_at(samples, freq, rate=8000):
    """Goertzel power of `freq` in the samples, normalised by their number."""
    k = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + k * s1 - s2, s1
    return (s1 * s1 + s2 * s2 - k * s1 * s2) / max(len(samples), 1) ** 2


def dominant(samples, freqs, min_ratio=10.0):
    """The one of `freqs` that holds most of the power (min_ratio times the next), or None."""
    powers = sorted(((power_at(samples, f), f) for f in freqs), reverse=True)
    if powers[0][0] <= 0 or powers[0][0] < min_ratio * max(powers[1][0], 1e-9):
        return None
    return powers[0][1]


def runs(seq):
    """[(value, count)] of consecutive equal values."""
    out = []
    for v in seq:
        if out and out[-1][0] == v:
            out[-1][1] += 1
        else:
            out.append([v, 1])
    return [tuple(r) for r in out]


def show_runs(seq, most=30):
    """runs(seq) as text for an assertion message, cut after `most` runs."""
    r = runs(seq)
    return "%s%s" % (r[:most], " ... (%d runs in all)" % len(r) if len(r) > most else "")


def write_tone_wav(path, freq, ms):
    """An 8 kHz mono 16-bit WAV of one sine tone (a prompt for PromptLibrary)."""
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"".join(struct.pack("<h", s) for s in tone_samples(freq, ms)))


def write_tone_pcap(path, freq, seconds, pt=0):
    """A pcap (Ethernet/IPv4/UDP/RTP) of a sine tone in 20 ms PCMU (pt 0) or PCMA (pt 8) packets,
    for sipp's play_pcap_audio (which keeps the RTP header and rewrites addresses and ports)."""
    table = ULAW if pt == 0 else ALAW
    # Encoding by nearest decoded value keeps this file free of a second G.711 implementation.
    order = sorted(range(256), key=lambda c: table[c])
    values = [table[c] for c in order]

    def encode(x):
        lo, hi = 0, 255
        while lo < hi:
            mid = (lo + hi) // 2
            if values[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        if lo > 0 and abs(values[lo - 1] - x) <= abs(values[lo] - x):
            lo -= 1
        return order[lo]

    samples = tone_samples(freq, int(seconds * 1000))
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for n in range(len(samples) // 160):
            payload = bytes(encode(s) for s in samples[n * 160:(n + 1) * 160])
            rtp = struct.pack("!BBHII", 0x80, pt, n + 1, n * 160, 0x5EED0000 + freq) + payload
            udp = struct.pack("!HHHH", 40000, 40002, 8 + len(rtp), 0) + rtp
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0, socket.inet_aton("10.0.0.1"),
                             socket.inet_aton("10.0.0.2")) + udp
            frame = b"\x00" * 12 + b"\x08\x00" + ip
            t = n * 0.02
            f.write(struct.pack("<IIII", int(t), int(round((t % 1) * 1e6)), len(frame), len(frame)))
            f.write(frame)
