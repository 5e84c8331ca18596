"""Call records survive a kill -9 of the server: a record listed by the API (so
committed) is there after a restart on the same data directory."""
import signal

from sipp_harness import Agent
from test_calls import caller, show


def test_call_record_survives_kill_9(plateau, workdir):
    agent = Agent(workdir, plateau.sip_port, "2001").start()
    call = caller(plateau, workdir, "caller", "100", talk_ms=1500).start()
    call.expect_success()
    agent.uas.expect_success()
    rec = plateau.wait_call(call.call_id())
    assert rec["outcome"] == "answered", show(rec)

    plateau.proc.send_signal(signal.SIGKILL)
    plateau.proc.wait()
    plateau.start()  # same data directory, same ports

    ids = [c["id"] for c in plateau.calls()]
    assert rec["id"] in ids, "record %s lost after kill -9; records now: %s" % (rec["id"], ids)
    again = [c for c in plateau.calls() if c["id"] == rec["id"]][0]
    assert again == rec, "record changed across the restart:\n%s\n%s" % (show(rec), show(again))
