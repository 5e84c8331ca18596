"""Call records and stops: a record listed by the API (so committed) survives a
kill -9; a call in progress when the server is stopped (SIGTERM) still gets its
record."""
import signal

from sipp_harness import Agent
from test_calls import caller, show, wait_answered


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


def test_calls_in_progress_get_a_record_on_sigterm(plateau, workdir):
    agent = Agent(workdir, plateau.sip_port, "2001").start()
    call = caller(plateau, workdir, "caller", "100", talk_ms=30000).start()
    wait_answered(call)
    assert plateau.stop() == 0, plateau.log_tail()
    plateau.start()
    recs = [c for c in plateau.calls() if c["sip_call_id"] == call.call_id()]
    assert len(recs) == 1, "records of the call: %s" % recs
    assert (recs[0]["outcome"], recs[0]["reason"], recs[0]["agent"]) == ("failed", "shutdown", "2001"), show(recs[0])
    assert recs[0]["answer_ms"] > 0, show(recs[0])
