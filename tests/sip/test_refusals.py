"""An agent phone that refuses the offered call (486, 603, 480): the call goes at
once to the next ready agent, and the refusing agent is made not-ready with a
reason that says why."""
import json
import time

import pytest

from sipp_harness import Agent, refusing_scenario
from test_calls import caller, show


@pytest.mark.parametrize("code,reason,agent_reason", [
    (486, "Busy Here", "busy"),
    (603, "Decline", "declined"),
    (480, "Temporarily Unavailable", "unreachable"),
])
def test_refusal_moves_the_call_to_the_next_agent(plateau, workdir, code, reason, agent_reason):
    refusing_xml = refusing_scenario(workdir, "%d %s" % (code, reason))
    refusing = Agent(workdir, plateau.sip_port, "2001", scenario_file=refusing_xml, rtp_echo=False,
                     timeout_s=30).start()
    time.sleep(0.5)  # 2001 is idle longer: offered first
    good = Agent(workdir, plateau.sip_port, "2002", timeout_s=60).start()

    call = caller(plateau, workdir, "caller", "200", talk_ms=1500).run()
    refusing.uas.expect_success()
    good.uas.expect_success()
    rec = plateau.wait_call(call.call_id())
    assert rec["outcome"] == "answered" and rec["agent"] == "2002", show(rec)
    assert rec["ring_ms"] < 3000, "the refusal should not wait for the ring timeout: %s" % show(rec)

    status, body = plateau.http_get("/api/v1/agents?tenant=t1")
    assert status == 200, body
    agent = [a for a in json.loads(body)["agents"] if a["login"] == "2001"][0]
    assert (agent["state"], agent["reason"]) == ("not_ready", agent_reason), agent
