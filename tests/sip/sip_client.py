"""A minimal SIP user agent over raw UDP/TCP sockets, for checks sipp is clumsy at:
REGISTER with digest (RFC 2617/7616 MD5), OPTIONS pings, INVITEs expecting a
failure response, and sending arbitrary bytes (torture messages).
"""
import hashlib
import random
import re
import socket
import time

CALLER_SDP = ("v=0\r\n"
              "o=caller 1 1 IN IP4 {ip}\r\n"
              "s=-\r\n"
              "c=IN IP4 {ip}\r\n"
              "t=0 0\r\n"
              "m=audio {port} RTP/AVP 8 0 101\r\n"
              "a=rtpmap:8 PCMA/8000\r\n"
              "a=rtpmap:0 PCMU/8000\r\n"
              "a=rtpmap:101 telephone-event/8000\r\n"
              "a=fmtp:101 0-15\r\n"
              "a=sendrecv\r\n")


def token(n=10):
    return "".join(random.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))


class Response:
    def __init__(self, raw):
        self.raw = raw
        text = raw.decode("utf-8", "replace")
        head, _, self.body = text.partition("\r\n\r\n")
        lines = head.split("\r\n")
        self.start = lines[0]
        m = re.match(r"SIP/2\.0 (\d{3}) ?(.*)", self.start)
        self.status = int(m.group(1)) if m else 0
        self.reason = m.group(2) if m else ""
        self.headers = []
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                self.headers.append((k.strip().lower(), v.strip()))

    def header(self, name):
        name = name.lower()
        compact = {"via": "v", "from": "f", "to": "t", "call-id": "i", "cseq": "cseq", "contact": "m",
                   "content-length": "l", "content-type": "c"}.get(name)
        for k, v in self.headers:
            if k == name or (compact and k == compact):
                return v
        return None

    def __repr__(self):
        return "<%s>" % self.start


def parse_challenge(value):
    """Digest challenge parameters from a WWW-Authenticate value."""
    assert value and value.lower().startswith("digest"), "not a Digest challenge: %r" % value
    params = {}
    for m in re.finditer(r'(\w+)=("([^"]*)"|[^,\s]+)', value[6:]):
        params[m.group(1).lower()] = m.group(3) if m.group(3) is not None else m.group(2)
    return params


def digest_authorization(challenge, method, uri, user, password, nc=1):
    realm, nonce = challenge["realm"], challenge["nonce"]
    ha1 = hashlib.md5(("%s:%s:%s" % (user, realm, password)).encode()).hexdigest()
    ha2 = hashlib.md5(("%s:%s" % (method, uri)).encode()).hexdigest()
    qops = [q.strip() for q in challenge.get("qop", "").split(",") if q.strip()]
    fields = ['username="%s"' % user, 'realm="%s"' % realm, 'nonce="%s"' % nonce, 'uri="%s"' % uri,
              "algorithm=MD5"]
    if "auth" in qops:
        cnonce, ncs = token(12), "%08x" % nc
        resp = hashlib.md5(("%s:%s:%s:%s:auth:%s" % (ha1, nonce, ncs, cnonce, ha2)).encode()).hexdigest()
        fields += ['response="%s"' % resp, "qop=auth", "nc=%s" % ncs, 'cnonce="%s"' % cnonce]
    else:
        resp = hashlib.md5(("%s:%s:%s" % (ha1, nonce, ha2)).encode()).hexdigest()
        fields.append('response="%s"' % resp)
    if "opaque" in challenge:
        fields.append('opaque="%s"' % challenge["opaque"])
    return "Digest " + ", ".join(fields)


class SipClient:
    """One socket bound to local_ip (any port), talking to the server at (ip, port)."""

    def __init__(self, server_port, server_ip="127.0.0.1", local_ip="127.0.0.1", transport="udp"):
        self.server = (server_ip, server_port)
        self.transport = transport
        if transport == "udp":
            self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            self.sock.bind((local_ip, 0))
        else:
            self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.sock.bind((local_ip, 0))
            self.sock.settimeout(3.0)
            self.sock.connect(self.server)
        self.local_ip, self.local_port = self.sock.getsockname()
        self.tp = "UDP" if transport == "udp" else "TCP"
        self._tcp_buf = b""
        self.cseq = 0

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- raw I/O ----------------------------------------------------------
    def send_raw(self, data):
        if self.transport == "udp":
            self.sock.sendto(data, self.server)
        else:
            self.sock.sendall(data)

    def recv(self, timeout):
        """Next SIP message (a Response), or None on timeout."""
        if self.transport == "udp":
            self.sock.settimeout(max(timeout, 0.001))
            try:
                data, _ = self.sock.recvfrom(65535)
            except (socket.timeout, BlockingIOError):
                return None
            except ConnectionRefusedError:
                return None
            return Response(data)
        deadline = time.time() + timeout
        while True:
            msg = self._tcp_extract()
            if msg is not None:
                return Response(msg)
            left = deadline - time.time()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65535)
            except socket.timeout:
                return None
            except OSError:
                return None
            if not chunk:
                return None
            self._tcp_buf += chunk

    def _tcp_extract(self):
        buf = self._tcp_buf.lstrip(b"\r\n")
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            self._tcp_buf = buf
            return None
        m = re.search(rb"(?im)^(?:content-length|l)\s*:\s*(\d+)", buf[:end])
        length = int(m.group(1)) if m else 0
        total = end + 4 + length
        if len(buf) < total:
            self._tcp_buf = buf
            return None
        self._tcp_buf = buf[total:]
        return buf[:total]

    # ---- requests ---------------------------------------------------------
    def build(self, method, ruri, call_id, from_tag, to_uri, from_uri=None, cseq=None, extra="", body="",
              to_tag=None, branch=None):
        if cseq is None:
            self.cseq += 1
            cseq = self.cseq
        branch = branch or "z9hG4bK" + token(16)
        from_uri = from_uri or to_uri
        to = "<%s>" % to_uri + (";tag=%s" % to_tag if to_tag else "")
        lines = ["%s %s SIP/2.0" % (method, ruri),
                 "Via: SIP/2.0/%s %s:%d;branch=%s;rport" % (self.tp, self.local_ip, self.local_port, branch),
                 "Max-Forwards: 70",
                 "From: <%s>;tag=%s" % (from_uri, from_tag),
                 "To: %s" % to,
                 "Call-ID: %s" % call_id,
                 "CSeq: %d %s" % (cseq, method),
                 "User-Agent: plateau-sip-tests"]
        if extra:
            lines += [x for x in extra.split("\r\n") if x]
        if body:
            lines.append("Content-Type: application/sdp")
        lines.append("Content-Length: %d" % len(body.encode()))
        return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()

    def transact(self, data, timeout=2.0, final=True):
        """Sends a request; returns the responses received, ending with the first final one
        (or whatever came before the timeout). UDP requests are retransmitted (T1 = 500 ms)."""
        self.send_raw(data)
        m = re.search(rb"(?im)^(?:call-id|i)\s*:\s*(\S+)", data)
        call_id = m.group(1).decode() if m else None
        responses = []
        deadline = time.time() + timeout
        next_retx, interval = time.time() + 0.5, 0.5
        while time.time() < deadline:
            wait = min(deadline, next_retx) - time.time() if self.transport == "udp" and not responses \
                else deadline - time.time()
            r = self.recv(max(wait, 0.001))
            if r is None:
                if self.transport == "udp" and not responses and time.time() >= next_retx:
                    self.send_raw(data)
                    interval = min(interval * 2, 4.0)
                    next_retx = time.time() + interval
                continue
            if r.status == 0:
                continue  # a request from the server (not expected here)
            if call_id is not None and r.header("call-id") != call_id:
                continue  # a late answer to an earlier request on this socket
            responses.append(r)
            if r.status >= 200 or not final:
                break
        return responses

    def options(self, timeout=2.0):
        host = "%s:%d" % self.server
        data = self.build("OPTIONS", "sip:%s" % host, token() + "@test", token(), "sip:ping@%s" % host,
                          from_uri="sip:ping@%s" % self.local_ip)
        rs = self.transact(data, timeout)
        return rs[-1] if rs else None

    def register(self, user, password, expires=3600, contact_port=None, timeout=2.0, call_id=None,
                 contact=None):
        """REGISTER, answering one digest challenge. Returns the final Response (or None)."""
        host = "%s:%d" % self.server
        aor = "sip:%s@%s" % (user, self.server[0])
        call_id = call_id or token() + "@test"
        tag = token()
        if contact is None:
            contact = "<sip:%s@%s:%d;transport=%s>" % (user, self.local_ip, contact_port or self.local_port,
                                                       self.transport)
        extra = "Contact: %s\r\nExpires: %d" % (contact, expires)
        rs = self.transact(self.build("REGISTER", "sip:%s" % host, call_id, tag, aor, extra=extra), timeout)
        if not rs or rs[-1].status != 401:
            return rs[-1] if rs else None
        ch = parse_challenge(rs[-1].header("www-authenticate"))
        auth = digest_authorization(ch, "REGISTER", "sip:%s" % host, user, password)
        rs = self.transact(self.build("REGISTER", "sip:%s" % host, call_id, tag, aor,
                                      extra=extra + "\r\nAuthorization: " + auth), timeout)
        return rs[-1] if rs else None

    def invite_expect_failure(self, did, media_port=40000, timeout=4.0):
        """INVITE sip:<did>@server with an SDP offer; returns (final response or None, Call-ID).
        ACKs a non-2xx final answer (RFC 3261 17.1.1.3); CANCELs anything that is not refused."""
        host = "%s:%d" % self.server
        call_id = token() + "@test"
        tag, branch = token(), "z9hG4bK" + token(16)
        ruri = "sip:%s@%s" % (did, host)
        body = CALLER_SDP.format(ip=self.local_ip, port=media_port)
        contact = "Contact: <sip:caller@%s:%d;transport=%s>" % (self.local_ip, self.local_port, self.transport)
        inv = self.build("INVITE", ruri, call_id, tag, ruri, from_uri="sip:5550001@%s" % self.local_ip, cseq=1,
                         extra=contact, body=body, branch=branch)
        rs = self.transact(inv, timeout)
        final = rs[-1] if rs and rs[-1].status >= 200 else None
        if final is not None and final.status >= 300:
            to_tag = re.search(r";\s*tag=([^;>\s]+)", final.header("to") or "")
            ack = ("ACK %s SIP/2.0\r\n"
                   "Via: SIP/2.0/%s %s:%d;branch=%s;rport\r\n"
                   "Max-Forwards: 70\r\n"
                   "From: <sip:5550001@%s>;tag=%s\r\n"
                   "To: <%s>%s\r\n"
                   "Call-ID: %s\r\n"
                   "CSeq: 1 ACK\r\n"
                   "Content-Length: 0\r\n\r\n") % (ruri, self.tp, self.local_ip, self.local_port, branch,
                                                   self.local_ip, tag, ruri,
                                                   ";tag=" + to_tag.group(1) if to_tag else "", call_id)
            self.send_raw(ack.encode())
        elif rs and (final is None or final.status < 300):
            cancel = self.build("CANCEL", ruri, call_id, tag, ruri, from_uri="sip:5550001@%s" % self.local_ip,
                                cseq=1, branch=branch)
            self.transact(cancel, 1.0)
        return final, call_id

    def invite_press_digit(self, did, from_user, digit, after_s, timeout=30.0):
        """INVITE sip:<did>@server from sip:<from_user>, waits for early media (183 with SDP), then after
        `after_s` seconds sends `digit` as RFC 4733 telephone-events (payload type 101) to the media address of
        the 183; returns (final response or None, Call-ID) and ACKs a non-2xx final answer."""
        media = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        media.bind((self.local_ip, 0))
        try:
            host = "%s:%d" % self.server
            call_id = token() + "@test"
            tag, branch = token(), "z9hG4bK" + token(16)
            ruri = "sip:%s@%s" % (did, host)
            from_uri = "sip:%s@%s" % (from_user, self.local_ip)
            body = CALLER_SDP.format(ip=self.local_ip, port=media.getsockname()[1])
            contact = "Contact: <sip:%s@%s:%d;transport=%s>" % (from_user, self.local_ip, self.local_port,
                                                                self.transport)
            inv = self.build("INVITE", ruri, call_id, tag, ruri, from_uri=from_uri, cseq=1, extra=contact,
                             body=body, branch=branch)
            deadline = time.time() + timeout
            early, final = None, None
            for r in self.transact(inv, 5.0, final=False):
                early = r
            while time.time() < deadline and final is None:
                if early is not None and early.status == 183 and b"m=audio" in early.raw:
                    break
                r = self.recv(0.5)
                if r is not None and r.status >= 200:
                    final = r
                elif r is not None and r.status:
                    early = r
            if final is None and early is not None:
                text = early.raw.decode("utf-8", "replace")
                port = int(re.search(r"m=audio (\d+)", text).group(1))
                ip = re.search(r"c=IN IP4 (\S+)", text).group(1)
                time.sleep(after_s)
                send_rfc4733(media, (ip, port), digit)
            while time.time() < deadline and final is None:
                r = self.recv(0.5)
                if r is not None and r.status >= 200:
                    final = r
            if final is not None and final.status >= 300:
                to_tag = re.search(r";\s*tag=([^;>\s]+)", final.header("to") or "")
                ack = ("ACK %s SIP/2.0\r\n"
                       "Via: SIP/2.0/%s %s:%d;branch=%s;rport\r\n"
                       "Max-Forwards: 70\r\n"
                       "From: <%s>;tag=%s\r\n"
                       "To: <%s>%s\r\n"
                       "Call-ID: %s\r\n"
                       "CSeq: 1 ACK\r\n"
                       "Content-Length: 0\r\n\r\n") % (ruri, self.tp, self.local_ip, self.local_port, branch,
                                                       from_uri, tag, ruri,
                                                       ";tag=" + to_tag.group(1) if to_tag else "", call_id)
                self.send_raw(ack.encode())
            return final, call_id
        finally:
            media.close()


def send_rfc4733(sock, dest, digit, pt=101):
    """One key press as RFC 4733 telephone-event packets: 5 updates every 20 ms, then 3 end packets."""
    import struct
    event = "0123456789*#".index(digit)
    ssrc, seq, ts = random.getrandbits(32), random.getrandbits(16), random.getrandbits(32)
    for i in range(8):
        end = i >= 5
        duration = min(i, 5) * 160 + 160
        header = struct.pack("!BBHII", 0x80, (0x80 if i == 0 else 0) | pt, (seq + i) & 0xFFFF, ts, ssrc)
        payload = struct.pack("!BBH", event, (0x80 if end else 0) | 10, duration)
        sock.sendto(header + payload, dest)
        time.sleep(0.02)


def wait_options_ok(server_port, local_ip="127.0.0.1", timeout=3.0):
    """Whether the server answers an OPTIONS with 200 within `timeout`."""
    with SipClient(server_port, local_ip=local_ip) as c:
        r = c.options(timeout)
        return r is not None and r.status == 200
