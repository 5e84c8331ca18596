"""An IVR caller played by sipp: it calls a number from a trunk, is answered, then follows a script of
pauses, RFC 4733 digits (sip-tester's dtmf_2833_<key>.pcap files) and voice (a pcap), and ends by
waiting for Plateau's BYE or by hanging up itself.

The scenario is written for each caller from its script, e.g.
    IvrCaller(workdir, plateau, "700", [pause(2500), digits("2"), pause(1500), digits("100234#"),
              pause(6000)], end="bye")
"""
import os

from sipp_harness import Sipp

PCAP_DIR = "/usr/share/sip-tester"
KEY_FILES = {"*": "star", "#": "pound"}
DIGIT_MS = 400  # one digit pcap lasts 140 ms; this leaves a gap before the next one


def pause(ms):
    return ("pause", int(ms))


def digits(keys, gap_ms=DIGIT_MS):
    return ("digits", keys, gap_ms)


def voice(pcap, ms):
    """Plays `pcap` (sipp plays it asynchronously) and waits `ms`."""
    return ("voice", pcap, int(ms))


def digit_pcap(key):
    return os.path.join(PCAP_DIR, "dtmf_2833_%s.pcap" % KEY_FILES.get(key, key))


_HEAD = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="IVR caller">
  <send retrans="500">
    <![CDATA[

      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: "IVR Caller" <sip:{caller}@[local_ip]:[local_port]>;tag=[pid]ivr[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:{caller}@[local_ip]:[local_port];transport=[transport]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=caller 1 1 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 8 101
      a=rtpmap:8 PCMA/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=sendrecv

    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rtd="true" rrs="true" timeout="20000"/>
  <send>
    <![CDATA[

      ACK [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      [routes]
      From: "IVR Caller" <sip:{caller}@[local_ip]:[local_port]>;tag=[pid]ivr[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Contact: <sip:{caller}@[local_ip]:[local_port];transport=[transport]>
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
"""

_WAIT_BYE = """  <recv request="BYE" timeout="{timeout}"/>
  <send>
    <![CDATA[

      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

    ]]>
  </send>
</scenario>
"""

_SEND_BYE = """  <send retrans="500">
    <![CDATA[

      BYE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      [routes]
      From: "IVR Caller" <sip:{caller}@[local_ip]:[local_port]>;tag=[pid]ivr[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 2 BYE
      Contact: <sip:{caller}@[local_ip]:[local_port];transport=[transport]>
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="200" crlf="true" timeout="10000"/>
</scenario>
"""


def scenario_xml(script, end, caller="0611223344", bye_timeout_ms=30000):
    parts = [_HEAD.format(caller=caller)]
    for step in script:
        if step[0] == "pause":
            parts.append('  <pause milliseconds="%d"/>\n' % step[1])
        elif step[0] == "digits":
            for key in step[1]:
                parts.append('  <nop><action><exec play_pcap_audio="%s"/></action></nop>\n' % digit_pcap(key))
                parts.append('  <pause milliseconds="%d"/>\n' % step[2])
        elif step[0] == "voice":
            parts.append('  <nop><action><exec play_pcap_audio="%s"/></action></nop>\n' % step[1])
            parts.append('  <pause milliseconds="%d"/>\n' % step[2])
        else:
            raise ValueError(step)
    parts.append((_WAIT_BYE if end == "bye" else _SEND_BYE).format(caller=caller, timeout=bye_timeout_ms))
    return "".join(parts)


class IvrCaller(Sipp):
    """`end`: "bye" waits for Plateau to hang up; "hangup" hangs up after the script."""

    def __init__(self, workdir, plateau, number, script, end="bye", caller="0611223344", label="ivr",
                 timeout_s=60):
        path = os.path.join(workdir, "%s-scenario.xml" % label)
        with open(path, "w") as f:
            f.write(scenario_xml(script, end, caller))
        Sipp.__init__(self, workdir, label, path, remote=plateau.sip_port, service=number, timeout_s=timeout_s)
