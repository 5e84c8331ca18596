// caller_sim.h — simulated callers for the IVR benchmark (`make bench-ivr`):
// each one drives an ivr::Session through a whole path as core::Router would
// on a real call — prompts ending, digits pressed during or after them, input
// time-outs, customer look-ups answered from a small directory, a voicemail
// recorded — on a ManualClock, so that only the interpreter's own work is
// measured. The scripts walk every branch of the demo flow
// (data/demo/flows/accueil.toml) and of bench/ivr/synthetic.toml.
//
// Thread: one; the clock and the directory are shared by the callers of a run.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/clock.h"
#include "ivr/session.h"

namespace plateau::ivr::bench {

// One caller's behaviour. `keys`: one per turn the caller may press: a key
// (0-9, *, #), or 'T' (press nothing: the input times out). `barge`: the caller
// presses while prompts play (else once each prompt has ended).
struct Script {
  std::string name;
  std::string caller;  // calling number: the directory knows some (look-up by caller)
  std::string keys;
  bool barge = false;
  HoursState hours = HoursState::Open;
  PathEnd expect = PathEnd::Served;  // how the path ends (caller_sim_test checks it)
};

// The customers the look-ups find: by phone number, by customer id, by account id.
class Directory {
 public:
  Directory();
  const LookupResult& find(LookupBy by, const std::string& key) const;

 private:
  std::map<std::string, LookupResult, std::less<>> phones_, customers_, accounts_;
  LookupResult not_found_;
};

// Scripts for the demo flow and for the synthetic flow: every branch, with and
// without barge-in, wrong entries and time-outs.
std::vector<Script> demo_scripts();
std::vector<Script> synthetic_scripts();

class Caller {
 public:
  // Events a caller may feed before it gives up (hangs up): a script that
  // loops is cut there.
  static constexpr uint32_t kMaxEvents = 400;

  Caller(FlowPtr flow, const Script& script, ManualClock& clock, const Directory& directory);
  // Feeds the session its next event (the first call starts it); false once
  // the session is done.
  bool step();
  const Session& session() const { return session_; }
  uint32_t events() const { return events_; }

 private:
  void apply(Actions actions);
  void time_out();

  const Script* script_;
  ManualClock* clock_;
  const Directory* directory_;
  Session session_;
  uint32_t events_ = 0;
  uint32_t next_key_ = 0;
  bool started_ = false, playing_ = false, recording_ = false, lookup_ = false, webhook_ = false;
  LookupBy lookup_by_ = LookupBy::Caller;
  std::string lookup_key_;
};

}  // namespace plateau::ivr::bench
