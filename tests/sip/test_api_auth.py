"""Users, logins, tokens and the access rule of every API endpoint, over real HTTP (docs/API.md,
"Authentication and access"). The API token of the harness is the system principal; users are created
through the API, tenant t2 gets an agent, a phone and a customer here (POST /api/v1/provisioning), so the
shared tests/sip/provisioning.toml is untouched."""
import json
import os
import time
import urllib.error
import urllib.request

import pytest

from plateau_harness import Plateau, PROVISIONING, SLOWDOWN
from sip_client import SipClient

T2_PROVISIONING = """
[[tenant]]
name = "t2"
display_name = "Test tenant two"
timezone = "Africa/Casablanca"
language = "fr"

[[trunk]]
tenant = "t2"
name = "remote"
addresses = ["10.9.9.0/24"]

[[queue]]
tenant = "t2"
name = "support"
ring_timeout = 4
max_wait = 30
wrapup = 0
music = "moh"

[[number]]
tenant = "t2"
did = "900"
flow = "queue"
queue = "support"

[[phone]]
tenant = "t2"
username = "9001"
password = "pw9001"

[[agent]]
tenant = "t2"
login = "9001"
name = "Agent 9001"
queues = ["support"]
phone = "9001"
"""

CUSTOMERS_HEADER = ("customer_id,name,language,phones,account_id,account_kind,account_status,balance,currency,"
                    "last_payment,last_payment_date\n")
T1_CUSTOMER = "100234,Salma Bennani,ar,+212600000001,MA-2024-0042,mobile,active,1234.50,MAD,300.00,2026-11-15\n"
T2_CUSTOMER = "900001,Pierre Martin,fr,+33612345678,FR-77,fixed,active,-20.00,EUR,45.90,2026-10-02\n"

T1_FLOW = """
[flow]
tenant = "t1"
name = "tiny"
languages = ["fr"]
start = "a"

[[step]]
id = "a"
type = "hangup"
"""

PASSWORD = "a-long-password"


class Server(Plateau):
    """A Plateau with extra command-line flags."""

    def __init__(self, workdir, extra=()):
        super().__init__(workdir, PROVISIONING)
        self.extra = list(extra)

    def command(self):
        return super().command() + self.extra


def request(server, method, path, body=None, token=None, content_type="application/json"):
    """(status, headers, parsed JSON or text)."""
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (server.http_port, path), data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=10 * SLOWDOWN) as resp:
            status, headers, raw = resp.status, resp.headers, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        status, headers, raw = e.code, e.headers, e.read().decode("utf-8", "replace")
    try:
        return status, headers, json.loads(raw)
    except ValueError:
        return status, headers, raw


def system(server, method, path, body=None, content_type="application/json"):
    from plateau_harness import TOKEN
    return request(server, method, path, body, TOKEN, content_type)


def add_user(server, login, memberships, password=PASSWORD, token=None):
    body = {"login": login, "name": login.title(), "password": password, "memberships": memberships}
    status, _, out = (request(server, "POST", "/api/v1/users", body, token) if token
                      else system(server, "POST", "/api/v1/users", body))
    assert status == 201, out
    return out


def login(server, who, password=PASSWORD):
    status, _, out = request(server, "POST", "/api/v1/auth/login", {"login": who, "password": password})
    assert status == 200, out
    return out["token"]


def setup_tenants(server):
    status, _, out = system(server, "POST", "/api/v1/provisioning", T2_PROVISIONING, "application/toml")
    assert status == 200, out
    for tenant, line in (("t1", T1_CUSTOMER), ("t2", T2_CUSTOMER)):
        status, _, out = system(server, "POST", "/api/v1/customers/import?tenant=" + tenant,
                                CUSTOMERS_HEADER + line, "text/csv")
        assert status == 200, out


def make_t1_call(server):
    """A call to t1's number 300 (queue "nobody"): a call record and events of t1."""
    with SipClient(server.sip_port) as c:
        final, call_id = c.invite_expect_failure("300", timeout=20.0 * SLOWDOWN)
    assert final is not None and final.status == 480, "final answer: %r" % final
    return server.wait_call(call_id)


def passes_access(status, out):
    """The request got past the access check: the core answered (agent commands without a registered phone
    answer 409 "acd.*")."""
    return status == 200 or (status == 409 and out["error"]["code"].startswith("acd."))


@pytest.fixture
def server(request, workdir):
    s = Server(workdir)
    request.node._plateau = s
    s.start()
    yield s
    assert s.stop() == 0, s.log_tail()


def test_login_me_logout(server):
    setup_tenants(server)
    add_user(server, "salma", [{"tenant": "t1", "role": "agent", "agent": "2001"}])
    status, _, out = request(server, "POST", "/api/v1/auth/login", {"login": "salma", "password": PASSWORD})
    assert status == 200, out
    token = out["token"]
    assert len(token) == 43
    assert out["expires_ms"] > time.time() * 1000 + 11 * 3600 * 1000  # 12 hours by default
    assert out["user"] == {"login": "salma", "name": "Salma",
                           "memberships": [{"tenant": "t1", "role": "agent", "agent": "2001"}]}
    status, _, me = request(server, "GET", "/api/v1/auth/me", token=token)
    assert status == 200 and me["user"]["login"] == "salma" and me["expires_ms"] == out["expires_ms"], me
    # The token is also accepted as ?access_token= (WebSocket clients).
    status, _, me = request(server, "GET", "/api/v1/auth/me?access_token=" + token)
    assert status == 200, me
    status, _, out = request(server, "POST", "/api/v1/auth/logout", token=token)
    assert status == 200, out
    status, headers, out = request(server, "GET", "/api/v1/auth/me", token=token)
    assert status == 401, out
    # Nothing but the login answers without a token.
    assert request(server, "GET", "/api/v1/auth/me")[0] == 401
    assert request(server, "POST", "/api/v1/auth/logout")[0] == 401
    assert request(server, "GET", "/api/v1/calls?tenant=t1")[0] == 401
    # The API token is no session: it cannot log out.
    status, _, out = system(server, "POST", "/api/v1/auth/logout")
    assert status == 400 and out["error"]["code"] == "auth.not_a_session", out


def test_wrong_password_then_throttled(server):
    setup_tenants(server)
    add_user(server, "salma", [{"tenant": "t1", "role": "agent", "agent": "2001"}])
    for _ in range(3):  # three free failures
        status, _, out = request(server, "POST", "/api/v1/auth/login", {"login": "salma", "password": "wrong-pass"})
        assert status == 401 and out["error"]["code"] == "auth.bad_credentials", out
    # An unknown login answers the same.
    status, _, out = request(server, "POST", "/api/v1/auth/login", {"login": "nobody", "password": "wrong-pass"})
    assert status == 401 and out["error"]["code"] == "auth.bad_credentials", out
    status, _, out = request(server, "POST", "/api/v1/auth/login", {"login": "salma", "password": "wrong-pass"})
    assert status == 401, out  # the fourth failure starts the delay (1 s)
    status, headers, out = request(server, "POST", "/api/v1/auth/login", {"login": "salma", "password": PASSWORD})
    assert status == 429 and out["error"]["code"] == "auth.throttled", out
    assert int(headers["Retry-After"]) >= 1
    # Another login from the same address is not held back by salma's failures.
    add_user(server, "youssef", [{"tenant": "t1", "role": "agent", "agent": "2002"}])
    login(server, "youssef")
    # Once the delay has passed, the right password works.
    time.sleep(int(headers["Retry-After"]) + 0.2)
    login(server, "salma")
    status, _, out = request(server, "POST", "/api/v1/auth/login", {"login": "salma"})
    assert status == 400, out


def test_token_survives_restart_and_expires(workdir):
    s = Server(workdir, ["--auth-session-seconds", "10"])
    s.start()
    try:
        setup_tenants(s)
        add_user(s, "salma", [{"tenant": "t1", "role": "agent", "agent": "2001"}])
        token = login(s, "salma")
        revoked = login(s, "salma")
        assert request(s, "POST", "/api/v1/auth/logout", token=revoked)[0] == 200
        assert s.stop() == 0
        s.start()
        status, _, me = request(s, "GET", "/api/v1/auth/me", token=token)
        assert status == 200 and me["user"]["login"] == "salma", me
        assert request(s, "GET", "/api/v1/auth/me", token=revoked)[0] == 401
        expires_ms = me["expires_ms"]
        time.sleep(max(0.0, expires_ms / 1000.0 - time.time()) + 0.5)
        status, _, out = request(s, "GET", "/api/v1/auth/me", token=token)
        assert status == 401, out
    finally:
        assert s.stop() == 0, s.log_tail()


def test_password_change_and_removal_revoke_tokens(server):
    setup_tenants(server)
    add_user(server, "salma", [{"tenant": "t1", "role": "agent", "agent": "2001"}])
    add_user(server, "admin1", [{"tenant": "t1", "role": "administrator"}])
    first, second = login(server, "salma"), login(server, "salma")
    # Her own change needs the current password; the token used stays valid, the others end.
    status, _, out = request(server, "POST", "/api/v1/users/salma/password", {"password": "new-password-1"}, first)
    assert status == 400, out
    status, _, out = request(server, "POST", "/api/v1/users/salma/password",
                             {"password": "new-password-1", "current_password": "not-it-at-all"}, first)
    assert status == 401, out
    status, _, out = request(server, "POST", "/api/v1/users/salma/password",
                             {"password": "new-password-1", "current_password": PASSWORD}, first)
    assert status == 200, out
    assert request(server, "GET", "/api/v1/auth/me", token=first)[0] == 200
    assert request(server, "GET", "/api/v1/auth/me", token=second)[0] == 401
    status, _, out = request(server, "POST", "/api/v1/auth/login", {"login": "salma", "password": PASSWORD})
    assert status == 401, out
    third = login(server, "salma", "new-password-1")
    # An administrator of her tenant sets it: every session ends.
    admin = login(server, "admin1")
    status, _, out = request(server, "POST", "/api/v1/users/salma/password", {"password": "short"}, admin)
    assert status == 422 and out["error"]["code"] == "auth.weak_password", out
    status, _, out = request(server, "POST", "/api/v1/users/salma/password", {"password": "new-password-2"}, admin)
    assert status == 200, out
    assert request(server, "GET", "/api/v1/auth/me", token=first)[0] == 401
    assert request(server, "GET", "/api/v1/auth/me", token=third)[0] == 401
    fourth = login(server, "salma", "new-password-2")
    status, _, out = request(server, "DELETE", "/api/v1/users/salma", token=admin)
    assert status == 200, out
    assert request(server, "GET", "/api/v1/auth/me", token=fourth)[0] == 401
    status, _, out = request(server, "POST", "/api/v1/auth/login", {"login": "salma", "password": "new-password-2"})
    assert status == 401, out
    assert request(server, "DELETE", "/api/v1/users/salma", token=admin)[0] == 404


def test_users_api(server):
    setup_tenants(server)
    add_user(server, "admin1", [{"tenant": "t1", "role": "administrator"}])
    admin1 = login(server, "admin1")
    # An administrator of t1 creates users in t1 only.
    out = add_user(server, "sup1", [{"tenant": "t1", "role": "supervisor"}], token=admin1)
    assert out["memberships"] == [{"tenant": "t1", "role": "supervisor", "agent": ""}], out
    status, _, out = request(server, "POST", "/api/v1/users", {"login": "x2", "password": PASSWORD, "memberships": [
        {"tenant": "t2", "role": "agent"}]}, admin1)
    assert status == 404, out
    status, _, out = request(server, "POST", "/api/v1/users", {"login": "sup1", "password": PASSWORD, "memberships": [
        {"tenant": "t1", "role": "agent"}]}, admin1)
    assert status == 409 and out["error"]["code"] == "auth.user_exists", out
    status, _, out = request(server, "POST", "/api/v1/users", {"login": "bad login", "password": PASSWORD,
                                                               "memberships": [{"tenant": "t1", "role": "agent"}]},
                             admin1)
    assert status == 422 and out["error"]["code"] == "auth.bad_login", out
    status, _, out = request(server, "POST", "/api/v1/users", {"login": "a3", "password": PASSWORD, "memberships": [
        {"tenant": "t1", "role": "agent", "agent": "9999"}]}, admin1)
    assert status == 422 and out["error"]["code"] == "auth.bad_membership", out
    # An agent of both tenants (an outsourcer's agent): the admin of t1 sees only her t1 membership.
    add_user(server, "multi", [{"tenant": "t1", "role": "agent", "agent": "2002"},
                               {"tenant": "t2", "role": "agent", "agent": "9001"}])
    status, _, out = request(server, "GET", "/api/v1/users", token=admin1)
    assert status == 200, out
    users = {u["login"]: u for u in out["users"]}
    assert set(users) == {"admin1", "sup1", "multi"}, users
    assert users["multi"]["memberships"] == [{"tenant": "t1", "role": "agent", "agent": "2002"}]
    assert "password_hash" not in users["multi"]
    # ... but cannot change her password nor remove her: she also works for t2.
    assert request(server, "POST", "/api/v1/users/multi/password", {"password": PASSWORD + "x"}, admin1)[0] == 403
    assert request(server, "DELETE", "/api/v1/users/multi", token=admin1)[0] == 403
    # A supervisor does not manage users.
    sup1 = login(server, "sup1")
    assert request(server, "GET", "/api/v1/users", token=sup1)[0] == 403
    assert request(server, "GET", "/api/v1/users?tenant=t1", token=sup1)[0] == 403
    # The system principal sees everybody with every membership.
    status, _, out = system(server, "GET", "/api/v1/users")
    assert {u["login"]: len(u["memberships"]) for u in out["users"]} == {"admin1": 1, "sup1": 1, "multi": 2}


def test_roles(server):
    setup_tenants(server)
    add_user(server, "agent1", [{"tenant": "t1", "role": "agent", "agent": "2001"}])
    add_user(server, "sup1", [{"tenant": "t1", "role": "supervisor"}])
    agent, sup = login(server, "agent1"), login(server, "sup1")
    make_t1_call(server)
    # An agent acts on its own agent login, reads customers and schedules of its tenant...
    status, _, out = request(server, "POST", "/api/v1/agents/t1/2001/login", {}, agent)
    assert passes_access(status, out), out
    status, _, out = request(server, "GET", "/api/v1/agents", token=agent)
    assert status == 200 and [a["login"] for a in out["agents"]] == ["2001"], out
    assert request(server, "GET", "/api/v1/customers/t1/100234", token=agent)[0] == 200
    assert request(server, "GET", "/api/v1/customers?tenant=t1&q=Salma", token=agent)[0] == 200
    assert request(server, "GET", "/api/v1/schedules/t1/always", token=agent)[0] == 200
    status, _, out = request(server, "GET", "/api/v1/agents/t1/2001", token=agent)
    assert status == 200 and out["login"] == "2001" and out["contact"] is None, out
    status, _, out = request(server, "GET", "/api/v1/tenants/t1/codes", token=agent)
    assert status == 200 and "lunch" in out["not_ready_reasons"], out
    # ... but not another agent's state, nor supervision, nor administration: 403.
    for method, path, body in [
            ("POST", "/api/v1/agents/t1/2002/ready", {}),
            ("GET", "/api/v1/agents/t1/2002", None),
            ("GET", "/api/v1/calls?tenant=t1", None),
            ("GET", "/api/v1/calls", None),
            ("GET", "/api/v1/events?tenant=t1", None),
            ("GET", "/api/v1/queues?tenant=t1", None),
            ("GET", "/api/v1/voicemails?tenant=t1", None),
            ("GET", "/api/v1/ivr/report?tenant=t1", None),
            ("GET", "/api/v1/flows?tenant=t1", None),
            ("POST", "/api/v1/flows", T1_FLOW),
            ("POST", "/api/v1/customers/import?tenant=t1", CUSTOMERS_HEADER + T1_CUSTOMER)]:
        status, _, out = request(server, method, path, body, agent, "text/plain")
        assert status == 403, (method, path, status, out)
    status, _, out = request(server, "POST", "/api/v1/provisioning", T2_PROVISIONING.replace('"t2"', '"t1"'), agent)
    assert status in (403, 422), out
    # A supervisor reads the whole of its tenant and acts on its agents, but administers nothing.
    status, _, out = request(server, "GET", "/api/v1/agents", token=sup)
    assert status == 200 and {a["login"] for a in out["agents"]} == {"2001", "2002", "2003", "2004"}, out
    for path in ["/api/v1/calls", "/api/v1/calls?tenant=t1", "/api/v1/calls.csv", "/api/v1/events",
                 "/api/v1/queues", "/api/v1/voicemails", "/api/v1/ivr/report", "/api/v1/flows"]:
        status, _, out = request(server, "GET", path, token=sup)
        assert status == 200, (path, out)
    status, _, out = request(server, "GET", "/api/v1/events", token=sup)
    assert out["events"] and {e["tenant"] for e in out["events"]} == {"t1"}, out
    status, _, out = request(server, "POST", "/api/v1/agents/t1/2002/not-ready", {"reason": "lunch"}, sup)
    assert passes_access(status, out), out
    status, _, out = request(server, "GET", "/api/v1/calls", token=sup)
    assert [c["tenant"] for c in out["calls"]] == ["t1"], out
    assert request(server, "POST", "/api/v1/flows", T1_FLOW, sup, "application/toml")[0] == 403
    assert request(server, "POST", "/api/v1/users", {"login": "z", "password": PASSWORD, "memberships": [
        {"tenant": "t1", "role": "agent"}]}, sup)[0] == 403


def test_tenant_isolation_every_endpoint(server):
    """An administrator of t2 (its highest role) tries every endpoint with t1's ids and names: 404 each time,
    and never a byte of t1's data."""
    setup_tenants(server)
    status, _, out = system(server, "POST", "/api/v1/flows", T1_FLOW, "application/toml")
    assert status == 201, out
    t1_call = make_t1_call(server)
    add_user(server, "t1admin", [{"tenant": "t1", "role": "administrator"}])
    add_user(server, "t2admin", [{"tenant": "t2", "role": "administrator", "agent": "9001"}])
    t2 = login(server, "t2admin")
    t1_provisioning = open(PROVISIONING).read()
    attempts = [
        ("GET", "/api/v1/calls?tenant=t1", None),
        ("GET", "/api/v1/calls.csv?tenant=t1", None),
        ("GET", "/api/v1/events?tenant=t1", None),
        ("GET", "/api/v1/agents?tenant=t1", None),
        ("GET", "/api/v1/queues?tenant=t1", None),
        ("POST", "/api/v1/agents/t1/2001/login", {}),
        ("POST", "/api/v1/agents/t1/2001/logout", {}),
        ("POST", "/api/v1/agents/t1/2001/ready", {}),
        ("POST", "/api/v1/agents/t1/2001/not-ready", {"reason": "lunch"}),
        ("POST", "/api/v1/agents/t1/2001/end-wrap-up", {"disposition": "sale"}),
        ("GET", "/api/v1/agents/t1/2001", None),
        ("GET", "/api/v1/tenants/t1/codes", None),
        ("POST", "/api/v1/provisioning", t1_provisioning),
        ("POST", "/api/v1/flows", T1_FLOW),
        ("POST", "/api/v1/flows/check", T1_FLOW),
        ("GET", "/api/v1/flows?tenant=t1", None),
        ("GET", "/api/v1/flows/t1/tiny/versions", None),
        ("GET", "/api/v1/flows/t1/tiny/versions/1", None),
        ("GET", "/api/v1/voicemails?tenant=t1", None),
        ("GET", "/api/v1/ivr/report?tenant=t1", None),
        ("POST", "/api/v1/customers/import?tenant=t1", CUSTOMERS_HEADER + T1_CUSTOMER),
        ("GET", "/api/v1/customers?tenant=t1&id=100234", None),
        ("GET", "/api/v1/customers?tenant=t1&q=Salma", None),
        ("GET", "/api/v1/customers?tenant=t1&phone=%2B212600000001", None),
        ("GET", "/api/v1/customers/t1/100234", None),
        ("GET", "/api/v1/schedules/t1/always", None),
        ("GET", "/api/v1/users?tenant=t1", None),
        ("POST", "/api/v1/users", {"login": "intruder", "password": PASSWORD,
                                   "memberships": [{"tenant": "t1", "role": "administrator"}]}),
        ("POST", "/api/v1/users/t1admin/password", {"password": "taken-over-1"}),
        ("DELETE", "/api/v1/users/t1admin", None),
    ]
    for method, path, body in attempts:
        status, _, out = request(server, method, path, body, t2, "text/plain")
        assert status == 404, (method, path, status, out)
        text = json.dumps(out)
        for secret in ("100234", "Salma", "2001", "tiny", "always", "t1admin", "Test tenant one", t1_call["id"]):
            assert secret not in text or secret in path or (body and secret in json.dumps(body)), (path, text)
    # Nothing changed in t1.
    assert login(server, "t1admin")
    status, _, out = system(server, "GET", "/api/v1/customers/t1/100234")
    assert status == 200 and out["name"] == "Salma Bennani", out
    # Lists without ?tenant= hold t2's things only.
    for path, key in [("/api/v1/agents", "agents"), ("/api/v1/queues", "queues"), ("/api/v1/flows", "flows"),
                      ("/api/v1/calls", "calls"), ("/api/v1/events", "events"), ("/api/v1/voicemails", "voicemails"),
                      ("/api/v1/users", "users")]:
        status, _, out = request(server, "GET", path, token=t2)
        assert status == 200, (path, out)
        for item in out[key]:
            assert item.get("tenant", "t2") == "t2", (path, item)
    status, _, out = request(server, "GET", "/api/v1/agents", token=t2)
    assert [a["login"] for a in out["agents"]] == ["9001"], out
    status, _, out = request(server, "GET", "/api/v1/users", token=t2)
    assert [u["login"] for u in out["users"]] == ["t2admin"], out
    # Its own tenant answers.
    assert request(server, "GET", "/api/v1/customers/t2/900001", token=t2)[0] == 200
    status, _, out = request(server, "POST", "/api/v1/agents/t2/9001/login", {}, t2)
    assert passes_access(status, out), out


def test_user_command_line(workdir):
    """`plateau user add|passwd|list|remove` on the database of a stopped server; the password comes from stdin."""
    import subprocess
    from plateau_harness import plateau_bin
    s = Server(workdir)
    s.start()
    assert s.stop() == 0  # the database now has tenant t1

    def user(*args, stdin=""):
        return subprocess.run([plateau_bin(), "user", *args, "--data-dir", s.data_dir], input=stdin,
                              capture_output=True, text=True, timeout=60)

    out = user("add", "nadia", "--name", "Nadia Chraibi", "--member", "t1:supervisor", stdin=PASSWORD + "\n")
    assert out.returncode == 0, out.stderr
    assert PASSWORD not in out.stdout + out.stderr
    assert user("add", "nadia", "--member", "t1:agent", stdin=PASSWORD + "\n").returncode == 2
    assert user("add", "x", "--member", "nowhere:agent", stdin=PASSWORD + "\n").returncode == 2
    assert user("add", "x", "--member", "t1:boss", stdin=PASSWORD + "\n").returncode == 2
    out = user("add", "y", "--member", "t1:agent", stdin="short\n")
    assert out.returncode == 2 and "at least 8" in out.stderr, out.stderr
    out = user("list")
    assert out.returncode == 0 and out.stdout == "nadia\tNadia Chraibi\tt1:supervisor\n", out.stdout
    s.start()
    try:
        token = login(s, "nadia")
        assert request(s, "GET", "/api/v1/queues", token=token)[0] == 200
    finally:
        assert s.stop() == 0
    assert user("passwd", "nadia", stdin="another-password\n").returncode == 0
    assert user("passwd", "nobody", stdin="another-password\n").returncode == 2
    s.start()
    try:
        assert request(s, "GET", "/api/v1/auth/me", token=token)[0] == 401  # the password change ended it
        login(s, "nadia", "another-password")
    finally:
        assert s.stop() == 0
    assert user("remove", "nadia").returncode == 0
    assert user("remove", "nadia").returncode == 2
    assert user("list").stdout == ""
