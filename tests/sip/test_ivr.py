"""The IVR end to end: flows published through the API, sipp callers pressing RFC 4733 digits (sip-tester's
dtmf_2833 pcaps): language choice, digit collection with a wrong then a right entry, a CRM look-up taking the
expected branch, self-service with the balance said, enqueue with the attributes on the call record, voicemail
outside opening hours, webhooks, a new version published while a call runs, and `plateau flow check`."""
import json
import os
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ivr_caller import IvrCaller, digits, pause, voice
from plateau_harness import SLOWDOWN, plateau_bin
from sipp_harness import PCAP_G711A, Agent
from test_calls import show

CUSTOMERS = """customer_id,name,language,phones,account_id,account_kind,account_status,balance,currency,last_payment,last_payment_date
100234,Salma Bennani,ar,+212600000001,MA-2024-0042,mobile,active,1234.50,MAD,300.00,2026-11-15
200777,Pierre Martin,fr,+33612345678,FR-77,fixed,active,-20.00,EUR,45.90,2026-10-02
"""

MAIN = """
[flow]
tenant = "t1"
name = "main"
languages = ["fr", "ar", "es", "en"]
start = "lang"
agent_key = "0"
agent_step = "agent"

[prompts]
enter_id = { fr = "Tapez votre numéro client.", ar = "أَدْخِلُوا رَقْمَ الزَّبُون.", es = "Marque su número de cliente.", en = "Enter your customer number." }
menu_main = { fr = "Solde: 1. Conseiller: 2.", ar = "الرَّصِيد: وَاحِد. مُسْتَشَار: اثْنَان.", es = "Saldo: 1. Asesor: 2.", en = "Balance: 1. Advisor: 2." }

[[step]]
id = "lang"
type = "language"
choices = { "1" = "fr", "2" = "ar", "3" = "es", "4" = "en" }
default = "fr"
next = "hours"

[[step]]
id = "hours"
type = "hours"
schedule = "always"
open = "ident"
closed = "agent"

[[step]]
id = "ident"
type = "collect"
prompt = "enter_id"
into = "customer_number"
min = 6
max = 6
inter_digit_timeout = 4
retries = 2
next = "lookup"

[[step]]
id = "lookup"
type = "lookup"
by = "customer"
from = "customer_number"
found = "menu"
not_found = "agent"

[[step]]
id = "menu"
type = "menu"
prompt = "menu_main"
choices = { "1" = "balance", "2" = "agent" }
into = "reason"

[[step]]
id = "balance"
type = "say"
what = "amount"
value = "{account.balance}"
currency = "{account.currency}"
next = "bye"

[[step]]
id = "bye"
type = "hangup"
prompt = "goodbye"

[[step]]
id = "agent"
type = "enqueue"
queue = "sales"
priority = 5
attach = ["customer_number", "customer.id", "customer.name", "language", "reason"]
"""

CLOSED = """
[flow]
tenant = "t1"
name = "closed"
start = "notice"

[[step]]
id = "notice"
type = "play"
prompt = "recording_notice"
notice = true
next = "hours"

[[step]]
id = "hours"
type = "hours"
schedule = "never"
open = "vm"
closed = "vm"

[[step]]
id = "vm"
type = "voicemail"
max_seconds = 20
"""


def publish(plateau, text):
    status, body = plateau.http_post_text("/api/v1/flows", text, timeout=120, content_type="application/toml")
    assert status == 201, body
    return json.loads(body)


@pytest.fixture
def ivr(plateau):
    status, body = plateau.http_post_text("/api/v1/customers/import?tenant=t1", CUSTOMERS, content_type="text/csv")
    assert status == 200, body
    publish(plateau, MAIN)
    publish(plateau, CLOSED)
    return plateau


def path_of(rec):
    return [(s["step"], s.get("in", ""), s.get("out", "")) for s in rec["ivr_path"]["steps"]]


def test_language_wrong_then_right_entry_lookup_and_self_service(ivr, workdir):
    script = [pause(1500), digits("2"),          # Arabic, interrupting the language menu
              pause(1000), digits("12345#"),     # one digit short: refused, the prompt is played again
              pause(1500), digits("100234"),     # six digits: taken at once
              pause(2500), digits("1")]          # balance
    call = IvrCaller(workdir, ivr, "700", script, end="bye").start()
    call.expect_success()  # Plateau said the balance, goodbye, then hung up
    rec = ivr.wait_call(call.call_id())
    assert rec["outcome"] == "ivr_served", show(rec)
    assert rec["flow"] == "main" and rec["flow_version"] >= 1 and rec["ivr_end"] == "served", show(rec)
    steps = path_of(rec)
    assert [s[0] for s in steps] == ["lang", "hours", "ident", "lookup", "menu", "balance", "bye"], steps
    assert steps[0] == ("lang", "2", "ar"), steps
    assert steps[1][2] == "open", steps
    assert steps[2][1] == "12345#100234" and steps[2][2] == "entered", steps
    assert steps[3][2] == "found", steps
    assert steps[4][1:] == ("1", "1"), steps
    assert rec["attached"]["language"] == "ar" and rec["attached"]["customer.id"] == "100234", show(rec)
    assert rec["attached"]["account.balance"] == "1234.50", show(rec)


def test_enqueue_carries_the_ivr_attributes_to_the_agent_and_the_record(ivr, workdir):
    agent = Agent(workdir, ivr.sip_port, "2001").start()
    script = [pause(1200), digits("1"), pause(1000), digits("100234"), pause(1500), digits("2"), pause(4000)]
    call = IvrCaller(workdir, ivr, "700", script, end="hangup").start()
    call.expect_success()
    agent.uas.expect_success()
    rec = ivr.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2001" and rec["queue"] == "sales", show(rec)
    assert rec["ivr_end"] == "enqueued", show(rec)
    assert rec["attached"] == {"customer_number": "100234", "customer.id": "100234", "customer.name": "Salma Bennani",
                               "language": "fr", "reason": "2"}, show(rec)
    queued = [e for e in ivr.http_json("/api/v1/events?kind=call.ivr_ended")["events"] if e["call_id"] == rec["id"]]
    assert queued and queued[0]["data"]["end"] == "enqueued" and queued[0]["data"]["detail"] == "sales", queued


def test_agent_key_from_a_menu_and_the_unknown_customer_branch(ivr, workdir):
    # "0" in the digit collection goes to the agent step; nobody is logged in: the caller waits, then hangs up.
    call = IvrCaller(workdir, ivr, "700", [pause(1200), digits("3"), pause(1200), digits("0"), pause(2500)],
                     end="hangup").start()
    call.expect_success()
    rec = ivr.wait_call(call.call_id())
    assert rec["outcome"] == "abandoned" and rec["ivr_end"] == "enqueued", show(rec)
    assert path_of(rec)[2] == ("ident", "0", "agent_key"), path_of(rec)
    assert rec["attached"]["language"] == "es", show(rec)
    # An id the CRM does not know takes the not_found branch (to an advisor).
    call = IvrCaller(workdir, ivr, "700", [pause(1200), digits("1"), pause(1200), digits("999999"), pause(2500)],
                     end="hangup", label="ivr2").start()
    call.expect_success()
    rec = ivr.wait_call(call.call_id())
    assert [s for s in path_of(rec) if s[0] == "lookup"] == [("lookup", "", "not_found")], path_of(rec)


def test_outside_opening_hours_the_caller_leaves_a_voicemail(ivr, workdir):
    # The notice (heard whole), then the invitation and the beep (about 5 s), then 3 s of voice, then "#".
    script = [pause(7000), voice(PCAP_G711A, 3500), digits("#"), pause(500)]
    call = IvrCaller(workdir, ivr, "701", script, end="bye").start()
    call.expect_success()  # thanked, then Plateau hangs up
    rec = ivr.wait_call(call.call_id())
    assert rec["outcome"] == "voicemail" and rec["ivr_end"] == "voicemail", show(rec)
    assert rec["recording_notice"] is True, show(rec)
    vms = ivr.http_json("/api/v1/voicemails?tenant=t1")["voicemails"]
    assert len(vms) == 1, vms
    vm = vms[0]
    assert vm["id"] == rec["id"] and vm["caller"] == "0611223344" and vm["flow"] == "closed", vm
    path = os.path.join(ivr.data_dir, vm["path"])
    assert os.path.getsize(path) > 8000, path  # a WAV with at least a second of audio
    assert 2000 <= vm["duration_ms"] <= 12000, vm
    out = subprocess.run(["sox", "--i", "-D", path], capture_output=True, text=True, check=True).stdout
    assert abs(float(out) * 1000 - vm["duration_ms"]) < 300, (out, vm)


class _Webhook(BaseHTTPRequestHandler):
    replies = []
    bodies = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        _Webhook.bodies.append(json.loads(body))
        delay, status, reply = _Webhook.replies.pop(0)
        time.sleep(delay)
        data = json.dumps(reply).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass

    def log_message(self, *args):
        pass


def test_webhook_reply_branches_and_a_timeout_takes_the_fallback(plateau, workdir):
    server = HTTPServer(("127.0.0.1", 0), _Webhook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        flow = """
[flow]
tenant = "t1"
name = "main"
start = "ask"

[[step]]
id = "ask"
type = "webhook"
url = "http://127.0.0.1:%d/check"
timeout_ms = 1500
headers = { Authorization = "Bearer client-key" }
ok = "branch"
fallback = "fallback"

[[step]]
id = "branch"
type = "branch"
cases = [{ when = "webhook.contract.blocked == \\"true\\"", goto = "blocked" }]
else = "fine"

[[step]]
id = "blocked"
type = "hangup"
prompt = "goodbye"

[[step]]
id = "fine"
type = "hangup"
prompt = "goodbye"

[[step]]
id = "fallback"
type = "hangup"
prompt = "technical_problem"
served = false
""" % server.server_port
        publish(plateau, flow)
        _Webhook.replies[:] = [(0, 200, {"contract": {"blocked": True}}), (3, 200, {"contract": {"blocked": False}})]
        first = IvrCaller(workdir, plateau, "700", [], end="bye").start()
        first.expect_success()
        rec = plateau.wait_call(first.call_id())
        assert path_of(rec)[0] == ("ask", "", "ok 200") and path_of(rec)[2][0] == "blocked", path_of(rec)
        assert _Webhook.bodies[0]["caller"] == "0611223344" and _Webhook.bodies[0]["call_id"] == rec["id"]
        # The second reply comes after 3 s: the 1.5 s timeout takes the fallback.
        second = IvrCaller(workdir, plateau, "700", [], end="bye", label="ivr2").start()
        second.expect_success()
        rec = plateau.wait_call(second.call_id())
        assert path_of(rec)[0] == ("ask", "", "timeout") and path_of(rec)[1][0] == "fallback", path_of(rec)
        assert rec["outcome"] == "failed" and rec["ivr_end"] == "failed", show(rec)
    finally:
        server.shutdown()


def test_a_new_version_changes_no_call_in_progress(ivr, workdir):
    # The caller waits in the language menu of version 1 (it presses nothing for 4 s) ...
    first = IvrCaller(workdir, ivr, "700", [pause(4000), digits("1"), pause(1000), digits("0"), pause(1500)],
                      end="hangup").start()
    time.sleep(1.5 * SLOWDOWN)
    # ... while version 2 is published: during opening hours it goes straight to the agent.
    v2 = MAIN.replace('open = "ident"\nclosed = "agent"', 'open = "agent"\nclosed = "ident"')
    assert v2 != MAIN
    published = publish(ivr, v2)
    first.expect_success()
    rec = ivr.wait_call(first.call_id())
    assert rec["flow_version"] == published["version"] - 1, show(rec)
    assert [s[0] for s in path_of(rec)][:3] == ["lang", "hours", "ident"], path_of(rec)
    second = IvrCaller(workdir, ivr, "700", [pause(1200), digits("1"), pause(1500)], end="hangup",
                       label="ivr2").start()
    second.expect_success()
    rec = ivr.wait_call(second.call_id())
    assert rec["flow_version"] == published["version"], show(rec)
    assert [s[0] for s in path_of(rec)] == ["lang", "hours", "agent"], path_of(rec)
    report = ivr.http_json("/api/v1/ivr/report?tenant=t1")["flows"]
    assert {(f["flow"], f["version"], f["calls"]) for f in report} == {
        ("main", published["version"] - 1, 1), ("main", published["version"], 1)}, report


BROKEN = {
    "unknown step type": ('[[step]]\nid = "a"\ntype = "dance"\n',
                          'f.toml:8:8: [[step]] #1 (a): unknown step type "dance"'),
    "unknown target": ('[[step]]\nid = "a"\ntype = "menu"\nprompt = "goodbye"\nchoices = { "1" = "nowhere" }\n',
                       'f.toml:10:19: [[step]] #1 (a): choices.1: unknown step "nowhere"'),
    "unreachable": ('[[step]]\nid = "a"\ntype = "hangup"\n[[step]]\nid = "b"\ntype = "hangup"\n',
                    'f.toml:9:1: [[step]] #2 (b): unreachable'),
    "missing prompt text": ('[prompts]\nhi = { fr = "Bonjour" }\n[[step]]\nid = "a"\ntype = "hangup"\nprompt = "hi"\n',
                            'f.toml:7:1: [prompts]: hi has no text in "ar"'),
    "loop without exit": ('[[step]]\nid = "a"\ntype = "play"\nprompt = "goodbye"\nnext = "a"\n',
                          'f.toml:6:1: [[step]] #1 (a): loop without exit'),
    "bad expression": ('[[step]]\nid = "a"\ntype = "branch"\ncases = [{ when = "x >", goto = "c" }]\nelse = "c"\n'
                       '[[step]]\nid = "c"\ntype = "hangup"\n',
                       'f.toml:9:19: [[step]] #1 (a): cases[0].when: column 4: expected an operand after ">"'),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_flow_check_reports_each_fault_with_its_place(workdir, case):
    text, expected = BROKEN[case]
    path = os.path.join(workdir, "f.toml")
    with open(path, "w") as f:
        f.write('[flow]\ntenant = "t1"\nname = "m"\nlanguages = ["fr", "ar"]\nstart = "a"\n' + text)
    out = subprocess.run([plateau_bin(), "flow", "check", "f.toml", "--data-dir", os.path.join(workdir, "none")],
                         capture_output=True, text=True, cwd=workdir, timeout=30)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert out.stderr.startswith(expected), out.stderr


def test_flow_check_accepts_the_demo_flow():
    demo = os.path.join(os.path.dirname(__file__), "..", "..", "data", "demo", "flows", "accueil.toml")
    out = subprocess.run([plateau_bin(), "flow", "check", demo, "--data-dir", "/nonexistent"], capture_output=True,
                         text=True, timeout=30)
    assert out.returncode == 0, (out.stdout, out.stderr)
    assert "flow demo/accueil, 17 steps, languages fr ar es en" in out.stdout, out.stdout
