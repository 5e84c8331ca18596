"""The agent desktop in headless Chromium against a real Plateau: languages and right to left, the login
form's errors, a refused token, and the state bar following the agent's state."""


def test_languages_and_right_to_left(desk):
    desk("lang_rtl.cjs")


def test_login_refused_shows_the_reason(desk):
    desk("login_error.cjs")


def test_refused_token_returns_to_the_login_form(desk):
    desk("session_expired.cjs")


def test_state_bar_follows_the_agent(desk, token):
    desk("state_bar.cjs", TOKEN=token, TENANT="t1", AGENT="2001")
