"""The reports page in headless Chromium after real calls (reports_page.cjs): charts and table against the KPI
API, downloads, Arabic right to left with the time axis left to right."""
import time

from web_harness import SLOWDOWN, TOKEN
from sipp_harness import PCAP_G711A, Agent, Sipp


def test_reports_page_shows_the_figures_of_the_api(plateau, desk):
    workdir = plateau.workdir
    agent = Agent(workdir, plateau.sip_port, "2001").start()
    answered = Sipp(workdir, "answered", "uac_call.xml", remote=plateau.sip_port, service="200", pause_ms=1500,
                    keys={"audio": PCAP_G711A}, timeout_s=60).start()
    answered.expect_success()
    agent.uas.expect_success()
    plateau.wait_call(answered.call_id())
    # Nobody serves "nobody": the caller leaves after its 2 s maximum wait.
    waiting = Sipp(workdir, "waiting", "uac_call.xml", remote=plateau.sip_port, service="300", pause_ms=500,
                   keys={"audio": PCAP_G711A}, timeout_s=30).start()
    waiting.wait()
    plateau.wait_call(waiting.call_id())
    # Logged out, the agent's time in each state stops growing: the page and the check read the same figures.
    status, body = plateau.http_post("/api/v1/agents/t1/2001/logout", {})
    assert status == 200, body
    time.sleep(0.5 * SLOWDOWN)
    password = "reports-password-1"
    status, body = plateau.http_post("/api/v1/users", {"login": "sup1", "name": "Sup", "password": password,
                                                       "memberships": [{"tenant": "t1", "role": "supervisor"}]})
    assert status == 201, body
    desk("reports_page.cjs", SUPERVISOR="sup1", PASSWORD=password, API_TOKEN=TOKEN, CALLS=2, ANSWERED=1)
