"""The agent desktop in headless Chromium against a real Plateau: languages and right to left, the login
form's errors, a refused token, and the state bar following the agent's state."""
import os
import subprocess
import time

from web_harness import HERE, SLOWDOWN
from plateau_harness import free_port
from sipp_harness import register_agent


def has_websocket(plateau):
    """Whether the server has the CTI WebSocket (426 to a plain GET) rather than no such path (404)."""
    return plateau.http_get("/api/v1/ws")[0] != 404


def test_languages_and_right_to_left(desk):
    desk("lang_rtl.cjs")


def test_login_refused_shows_the_reason(desk):
    desk("login_error.cjs")


def test_refused_token_returns_to_the_login_form(desk):
    desk("session_expired.cjs")


def test_state_bar_follows_the_agent(plateau, desk, token, tmp_path):
    # The agent's phone registers (sipp): agent 2001 can log in and is ready (ready_on_register).
    register_agent(str(tmp_path), plateau.sip_port, "2001", "pw2001", free_port(tcp=False))
    desk("state_bar.cjs", TOKEN=token, TENANT="t1", AGENT="2001", LIVE="1" if has_websocket(plateau) else "0")


def test_a_server_restart_leaves_no_stale_state(plateau, token, tmp_path, artefacts):
    register_agent(str(tmp_path), plateau.sip_port, "2001", "pw2001", free_port(tcp=False))
    live = "1" if has_websocket(plateau) else "0"
    env = dict(os.environ, BASE_URL="http://127.0.0.1:%d" % plateau.http_port, OUT_DIR=artefacts, TOKEN=token,
               TENANT="t1", AGENT="2001", LIVE=live, PLATEAU_WEB_TIMEOUT_MS=str(int(10000 * SLOWDOWN)))
    node = subprocess.Popen(["node", os.path.join(HERE, "restart.cjs")], env=env, cwd=HERE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60 * SLOWDOWN
        while not os.path.exists(os.path.join(artefacts, "restart-now")):
            assert node.poll() is None and time.time() < deadline, "restart.cjs: %s" % (node.communicate()[1]
                                                                                        if node.poll() is not None
                                                                                        else "timed out")
            time.sleep(0.1)
        assert plateau.stop() == 0
        time.sleep(1.0)  # the page sees the server gone
        plateau.start()  # the same ports and data directory
        open(os.path.join(artefacts, "restarted"), "w").close()
        out, err = node.communicate(timeout=120 * SLOWDOWN)
    finally:
        if node.poll() is None:
            node.kill()
            node.communicate()
    assert node.returncode == 0, "restart.cjs failed (artefacts in %s):\n%s\n%s" % (artefacts, out[-3000:], err[-3000:])


def test_pages_follow_the_role(plateau, desk):
    password = "pages-password-1"
    for login, memberships in (("sup1", [{"tenant": "t1", "role": "supervisor"}]),
                               ("ag2001", [{"tenant": "t1", "role": "agent", "agent": "2001"}])):
        status, body = plateau.http_post("/api/v1/users", {"login": login, "name": login, "password": password,
                                                           "memberships": memberships})
        assert status == 201, body
    desk("pages_by_role.cjs", SUPERVISOR="sup1", AGENT_USER="ag2001", PASSWORD=password)
