"""Fixtures of the SIP call-flow suite: a fresh Plateau per test, and failure reports
that carry the server's log tail."""
import os
import shutil

import pytest

from plateau_harness import Plateau, SANITIZED


@pytest.fixture
def workdir(tmp_path):
    return str(tmp_path)


@pytest.fixture(autouse=True)
def _stop_leftover_sipp():
    """A failed test leaves its other sipp processes waiting for their -timeout: stop them."""
    yield
    import sipp_harness
    sipp_harness.stop_all()


@pytest.fixture
def plateau(request, workdir):
    """A running Plateau with tests/sip/provisioning.toml, stopped (SIGTERM, exit 0) after the test."""
    server = Plateau(workdir)
    request.node._plateau = server
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    yield server
    code = server.stop()
    problems = []
    if code != 0:
        problems.append("plateau did not exit cleanly on SIGTERM: exit code %s" % code)
    if SANITIZED:
        findings = server.sanitizer_findings()
        if findings:
            problems.append("sanitizer reports in plateau's output:\n  " + "\n  ".join(findings[:20]))
    if problems:
        pytest.fail("\n".join(problems) + "\n" + server.log_tail(120), pytrace=False)


@pytest.fixture
def telephony(request, workdir):
    """The telephony layer alone (telephony_harness.TelephonyDriver) with tests/sip/provisioning.toml and the
    tone prompts of telephony_harness.TONE_PROMPTS; stopped after the test (exit 0, no sanitizer report)."""
    from telephony_harness import TelephonyDriver, write_tone_prompts
    from plateau_harness import PROVISIONING
    driver = TelephonyDriver(workdir, write_tone_prompts(workdir), provision_file=PROVISIONING)
    request.node._plateau = driver  # its log goes into the failure report
    driver.start()
    yield driver
    code = driver.stop()
    problems = []
    if code != 0:
        problems.append("the telephony driver did not exit cleanly: exit code %s" % code)
    if SANITIZED and driver.sanitizer_findings():
        problems.append("sanitizer reports:\n  " + "\n  ".join(driver.sanitizer_findings()[:20]))
    if problems:
        pytest.fail("\n".join(problems) + "\n" + driver.log_tail(120), pytrace=False)


@pytest.fixture
def sniffer():
    """An rtp_tools.RtpSniffer on the loopback interface (watch ports with sniffer.watch)."""
    from rtp_tools import RtpSniffer
    s = RtpSniffer()
    yield s
    s.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    server = getattr(item, "_plateau", None)
    if server is not None and rep.failed and server.log_tail():
        rep.sections.append(("plateau log (%s)" % server.workdir, server.log_tail(80)))


def pytest_report_header(config):
    from plateau_harness import plateau_bin
    return ["plateau binary: %s%s" % (plateau_bin(), " (sanitized)" if SANITIZED else ""),
            "sipp: %s, baresip: %s, sox: %s" % (shutil.which("sipp"), shutil.which("baresip"), shutil.which("sox"))]


def pytest_configure(config):
    # Run from anywhere: the helper modules live beside this file.
    here = os.path.dirname(os.path.abspath(__file__))
    import sys
    if here not in sys.path:
        sys.path.insert(0, here)
    from plateau_harness import warm_prompts
    warm_prompts(config)
