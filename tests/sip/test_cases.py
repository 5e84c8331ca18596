"""The CRM's cases over real HTTP: categories and their SLA, creation with a reference, changes and their
history, search by reference, a customer's timeline and notes, the disposition given at the end of a real
call's wrap-up (stored on the call record), a voicemail left in the IVR that becomes a case, and another
tenant's ids answering 404."""
import json
import os
import re
import time

import pytest

from ivr_caller import IvrCaller, digits, pause, voice
from plateau_harness import SLOWDOWN, Plateau
from sipp_harness import PCAP_G711A, Agent
from test_calls import show

HOUR_MS = 3600 * 1000

PROVISIONING = """
[[tenant]]
name = "t1"
language = "fr"
dispositions = ["sale", "info"]

[[tenant]]
name = "t2"
language = "fr"

[[trunk]]
tenant = "t1"
name = "loopback"
addresses = ["127.0.0.0/8"]

[[trunk]]
tenant = "t2"
name = "remote"
addresses = ["10.9.9.0/24"]

[[queue]]
tenant = "t1"
name = "care"
ring_timeout = 4
max_wait = 30
wrapup = 60

[[queue]]
tenant = "t2"
name = "t2q"
ring_timeout = 4
max_wait = 30

# 702 runs "direct" (straight into care), 701 runs "closed" (voicemail).
[[number]]
tenant = "t1"
did = "702"
flow = "direct"

[[number]]
tenant = "t1"
did = "701"
flow = "closed"

[[phone]]
tenant = "t1"
username = "2001"
password = "pw2001"

[[phone]]
tenant = "t2"
username = "3001"
password = "pw3001"

[[agent]]
tenant = "t1"
login = "2001"
queues = ["care"]
phone = "2001"

[[agent]]
tenant = "t2"
login = "2001"
queues = ["t2q"]
phone = "3001"

[[schedule]]
tenant = "t1"
name = "never"

# t1 declares its categories (voicemails then take the default 24 h); t2 has the defaults.
[[case_category]]
tenant = "t1"
name = "complaint"
sla_hours = 48

[[case_category]]
tenant = "t1"
name = "billing"
sla_hours = 8
default_priority = "high"
"""

DIRECT = """
[flow]
tenant = "t1"
name = "direct"
start = "queue"

[[step]]
id = "queue"
type = "enqueue"
queue = "care"
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
next = "vm"

[[step]]
id = "vm"
type = "voicemail"
max_seconds = 20
"""

CUSTOMERS = {
    "t1": "customer_id,name,language,phones\n100234,Salma Bennani,fr,0611223344\n100235,Karim Alaoui,ar,0622334455\n",
    "t2": "customer_id,name,language,phones\nB-1,Lucia Garcia,es,+34612345678\n",
}


@pytest.fixture
def crm(request, workdir):
    path = os.path.join(workdir, "cases.toml")
    with open(path, "w") as f:
        f.write(PROVISIONING)
    server = Plateau(workdir, provision_file=path)
    request.node._plateau = server
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    for tenant, csv in CUSTOMERS.items():
        status, body = server.http_post_text("/api/v1/customers/import?tenant=" + tenant, csv, content_type="text/csv")
        assert status == 200, body
    yield server
    assert server.stop() == 0, server.log_tail(120)


def post(server, path, body):
    status, text = server.http_post(path, body)
    return status, json.loads(text)


def get(server, path):
    status, text = server.http_get(path)
    return status, json.loads(text)


def publish(server, text):
    status, body = server.http_post_text("/api/v1/flows", text, timeout=120, content_type="application/toml")
    assert status == 201, body


def new_case(server, **fields):
    body = {"customer_id": "100234", "category": "complaint", "subject": "Facture contestée",
            "description": "Le client conteste la facture de novembre."}
    body.update(fields)
    return post(server, "/api/v1/cases/t1", body)


def test_categories_creation_history_and_search(crm):
    status, cats = get(crm, "/api/v1/tenants/t1/case-categories")
    assert status == 200, cats
    assert cats["categories"] == [{"name": "complaint", "sla_hours": 48, "default_priority": "normal"},
                                  {"name": "billing", "sla_hours": 8, "default_priority": "high"}]
    status, cats = get(crm, "/api/v1/tenants/t2/case-categories")
    assert [c["name"] for c in cats["categories"]] == ["complaint", "request", "technical", "voicemail"], cats

    status, first = new_case(crm)
    assert status == 201, first
    assert re.fullmatch(r"T1-\d{4}-000001", first["reference"]), first
    assert first["status"] == "open" and first["priority"] == "normal" and first["created_by"] == "system", first
    assert first["due_ms"] == first["created_ms"] + 48 * HOUR_MS, first
    status, billing = new_case(crm, category="billing", customer_id="100235")
    assert status == 201, billing
    assert billing["reference"].endswith("-000002") and billing["priority"] == "high", billing
    assert billing["due_ms"] == billing["created_ms"] + 8 * HOUR_MS, billing
    assert billing["history"] == [{"ts_ms": billing["created_ms"], "actor": "system", "field": "status", "old": "",
                                   "new": "open", "note": ""}], billing

    # Refusals: an unknown category, an unknown customer, a missing subject, a bad priority.
    assert new_case(crm, category="sales")[0] == 422
    assert new_case(crm, customer_id="999999")[0] == 422
    assert new_case(crm, subject="")[0] == 400
    assert new_case(crm, priority="asap")[0] == 422

    ref = first["reference"]
    status, case = post(crm, "/api/v1/cases/t1/" + ref, {"status": "in_progress", "owner": "karim", "note": "pris"})
    assert status == 200, case
    status, case = post(crm, "/api/v1/cases/t1/" + ref, {"status": "resolved", "priority": "high"})
    assert status == 200, case
    status, refused = post(crm, "/api/v1/cases/t1/" + ref, {"status": "open"})
    assert status == 409 and refused["error"]["code"] == "crm.bad_transition", refused
    status, case = get(crm, "/api/v1/cases/t1/" + ref.lower())
    assert status == 200, case
    changes = [(h["field"], h["old"], h["new"], h["note"]) for h in case["history"]]
    assert changes == [("status", "", "open", ""), ("status", "open", "in_progress", "pris"),
                       ("owner", "", "karim", "pris"), ("status", "in_progress", "resolved", ""),
                       ("priority", "normal", "high", "")], changes
    assert case["status"] == "resolved" and case["owner"] == "karim" and case["priority"] == "high", case

    status, listed = get(crm, "/api/v1/cases/t1?customer=100234")
    assert [c["reference"] for c in listed["cases"]] == [ref], listed
    status, listed = get(crm, "/api/v1/cases/t1?status=open")
    assert [c["reference"] for c in listed["cases"]] == [billing["reference"]], listed
    status, listed = get(crm, "/api/v1/cases/t1?owner=karim")
    assert [c["reference"] for c in listed["cases"]] == [ref], listed
    assert get(crm, "/api/v1/cases/t1?status=done")[0] == 400

    status, found = get(crm, "/api/v1/customers/t1/search?q=" + billing["reference"].lower())
    assert status == 200, found
    assert [c["id"] for c in found["customers"]] == ["100235"], found
    assert [c["reference"] for c in found["cases"]] == [billing["reference"]], found
    status, found = get(crm, "/api/v1/customers/t1/search?q=06%2011%2022%2033%2044")
    assert [c["id"] for c in found["customers"]] == ["100234"], found
    status, found = get(crm, "/api/v1/customers/t1/search?q=salma")
    assert [c["id"] for c in found["customers"]] == ["100234"], found
    # The customer card is still answered beside the search.
    status, card = get(crm, "/api/v1/customers/t1/100234")
    assert status == 200 and card["phones"] == ["+212611223344"], card


def test_another_tenants_ids_answer_404(crm):
    status, case = new_case(crm)
    assert status == 201, case
    ref = case["reference"]
    assert get(crm, "/api/v1/cases/t2/" + ref)[0] == 404
    assert post(crm, "/api/v1/cases/t2/" + ref, {"status": "closed"})[0] == 404
    assert get(crm, "/api/v1/cases/t2?customer=100234")[1]["cases"] == []
    assert get(crm, "/api/v1/customers/t2/100234/timeline")[0] == 404
    assert post(crm, "/api/v1/customers/t2/100234/notes", {"text": "x"})[0] == 404
    assert post(crm, "/api/v1/cases/t2", {"customer_id": "100234", "category": "complaint", "subject": "x"})[0] == 422
    status, found = get(crm, "/api/v1/customers/t2/search?q=" + ref)
    assert found == {"customers": [], "cases": []}, found
    status, found = get(crm, "/api/v1/customers/t2/search?q=0611223344")
    assert found["customers"] == [], found
    # Nothing was changed through t2.
    assert get(crm, "/api/v1/cases/t1/" + ref)[1]["status"] == "open"


def test_disposition_after_a_real_calls_wrap_up_and_the_timeline(crm, workdir):
    publish(crm, DIRECT)
    agent = Agent(workdir, crm.sip_port, "2001").start()
    call = IvrCaller(workdir, crm, "702", [pause(3000)], end="hangup", caller="0611223344").start()
    call.expect_success()
    agent.uas.expect_success()
    rec = crm.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2001" and rec["disposition"] == "", show(rec)
    # The record is committed and the agent is still wrapping this call up.
    agents = {a["login"]: a for a in crm.http_json("/api/v1/agents?tenant=t1")["agents"]}
    assert agents["2001"]["state"] == "wrap_up" and agents["2001"]["call"] == rec["id"], agents
    # A disposition the tenant does not know is refused: the agent stays in wrap-up and nothing is stored.
    status, refused = post(crm, "/api/v1/agents/t1/2001/end-wrap-up", {"disposition": "nope", "note": "x"})
    assert status == 422 and refused["error"]["code"] == "acd.disposition_unknown", refused
    assert crm.wait_call(call.call_id())["disposition"] == ""
    status, done = post(crm, "/api/v1/agents/t1/2001/end-wrap-up", {"disposition": "sale", "note": "offre fibre"})
    assert status == 200 and done == {"ok": True, "call_id": rec["id"]}, done
    rec = crm.wait_call(call.call_id())
    assert rec["disposition"] == "sale" and rec["wrapup_note"] == "offre fibre", show(rec)

    status, note = post(crm, "/api/v1/customers/t1/100234/notes", {"text": "rappeler le matin", "call_id": rec["id"]})
    assert status == 201 and note["author"] == "system" and note["call_id"] == rec["id"], note
    status, case = new_case(crm, call_id=rec["id"])
    assert status == 201, case
    status, timeline = get(crm, "/api/v1/customers/t1/100234/timeline")
    assert status == 200, timeline
    kinds = [i["type"] for i in timeline["items"]]
    assert kinds == ["call", "disposition", "note", "case"], kinds
    times = [i["ts_ms"] for i in timeline["items"]]
    assert times == sorted(times), timeline
    item = timeline["items"][0]["call"]
    assert item["id"] == rec["id"] and item["recording"] == rec["recording"] and item["recording"], item
    assert item["disposition"] == "sale" and item["ivr_path"]["steps"][0]["step"] == "queue", item
    disp = next(i["disposition"] for i in timeline["items"] if i["type"] == "disposition")
    assert disp == {"call_id": rec["id"], "agent": "2001", "disposition": "sale", "note": "offre fibre"}, disp
    # The other customer has none of it.
    status, other = get(crm, "/api/v1/customers/t1/100235/timeline")
    assert other["items"] == [], other
    # The wrap-up is over: a second end is refused.
    assert post(crm, "/api/v1/agents/t1/2001/end-wrap-up", {"disposition": "info"})[0] == 409
    assert crm.wait_call(call.call_id())["disposition"] == "sale"


def test_a_voicemail_becomes_a_case(crm, workdir):
    publish(crm, CLOSED)
    script = [pause(7000), voice(PCAP_G711A, 3500), digits("#"), pause(500)]
    call = IvrCaller(workdir, crm, "701", script, end="bye", caller="0611223344").start()
    call.expect_success()
    rec = crm.wait_call(call.call_id())
    assert rec["outcome"] == "voicemail", show(rec)
    vms = crm.http_json("/api/v1/voicemails?tenant=t1")["voicemails"]
    assert len(vms) == 1 and vms[0]["customer_id"] == "100234", vms
    status, listed = get(crm, "/api/v1/cases/t1?status=open")
    assert status == 200 and len(listed["cases"]) == 1, listed
    case = listed["cases"][0]
    assert case["category"] == "voicemail" and case["customer_id"] == "100234", case
    assert case["call_id"] == rec["id"] and case["recording"] == vms[0]["path"], case
    assert case["due_ms"] == case["created_ms"] + 24 * HOUR_MS and case["created_by"] == "system", case
    assert os.path.getsize(os.path.join(crm.data_dir, case["recording"])) > 8000, case
    status, timeline = get(crm, "/api/v1/customers/t1/100234/timeline")
    assert [i["type"] for i in timeline["items"]] == ["call", "case"], timeline
