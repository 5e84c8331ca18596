// routing_sim.h — drives an acd::Engine through a loaded steady state (agents
// busy, contacts waiting) and times single routing decisions, each beside a
// naive baseline that decides the same thing by scanning every agent or every
// waiting contact. Used by plateau-acd-bench and by its unit test.
//
// The simulation keeps a mirror of the engine's agents and contacts, updated
// from the engine's outputs only (never from its internals): the naive
// baseline reads the mirror, so both decide on the same data, and their
// choices are compared (they must agree, except under the random strategy,
// whose draws are the engine's own).
//
// Time is a ManualClock advanced by 1 ms per event; on_time() is never called
// (no ring time-out, no maximum wait): every offer is answered at once.
// Thread: one thread; not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "bench/acd/workload.h"
#include "bench/common/process_memory.h"
#include "common/result.h"

namespace plateau::acd::bench {

enum class Agreement { Same, Differs, Skipped };

// One timed routing decision.
struct Decision {
  int64_t engine_ns = 0;  // the one engine call (enqueue, ended or set_ready)
  int64_t naive_ns = 0;   // the naive scan deciding the same thing (0 when off)
  bool offered = false;   // the decision was an offer (else the contact waits / the agent stays ready)
  Agreement agreement = Agreement::Skipped;
};

struct Population {
  size_t ready = 0, reserved = 0, busy = 0, not_ready = 0;  // agents
  size_t waiting = 0;                                       // contacts
  size_t classes = 0;                                       // distinct requirements in use (mirror's count)
};

class RoutingSim {
 public:
  struct Options {
    uint64_t seed = 1;        // contacts drawn, agents picked, engine's random strategy
    int ready_cap_pct = 5;    // ready agents above this share of all agents take a break
    int set_ready_pct = 10;   // share of "agent becomes ready" events that are set_ready (else a call ends)
  };

  RoutingSim(const Workload& w, Options o);
  ~RoutingSim();
  RoutingSim(const RoutingSim&) = delete;
  RoutingSim& operator=(const RoutingSim&) = delete;

  // Configures the engine and logs every agent in, ready.
  Status start();
  // Contacts arrive (each offer answered at once, the agent stays busy) until
  // the workload's number of contacts waits; then ready agents above the cap
  // go not-ready. Errors if the target cannot be reached.
  Status fill();

  // A new contact arrives: engine.enqueue(), timed; with `naive`, the naive
  // scan of all agents decides first, timed too. An offer is answered (not
  // timed).
  Decision contact_arrives(bool naive = true);
  // An agent becomes ready: a busy agent's call ends (engine.ended()) or a
  // not-ready agent asks for ready (engine.set_ready()), timed; with `naive`,
  // the naive scan of all waiting contacts decides first. An offer is answered.
  Decision agent_ready(bool naive = true);
  // Not timed: the longest-waiting callers abandon until the waiting count is
  // back to the target; ready agents above the cap go not-ready.
  void rebalance();

  size_t waiting() const;
  size_t waiting_target() const;
  Population population() const;
  const Engine& engine() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> d_;
};

using ::plateau::bench::heap_bytes;
using ::plateau::bench::rss_bytes;

}  // namespace plateau::acd::bench
