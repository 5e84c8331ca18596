#include "report/counters.h"

namespace plateau::report {

int state_index(std::string_view name) {
  for (size_t i = 0; i < kStateNames.size(); ++i)
    if (kStateNames[i] == name) return static_cast<int>(i);
  return -1;
}

Counters& Counters::operator+=(const Counters& o) {
  offered += o.offered;
  answered += o.answered;
  answered_within += o.answered_within;
  abandoned += o.abandoned;
  abandoned_within += o.abandoned_within;
  short_abandoned += o.short_abandoned;
  answered_wait_ms += o.answered_wait_ms;
  handled += o.handled;
  talk_ms += o.talk_ms;
  hold_ms += o.hold_ms;
  wrap_ms += o.wrap_ms;
  ring_no_answer += o.ring_no_answer;
  transfers += o.transfers;
  for (size_t i = 0; i < state_ms.size(); ++i) state_ms[i] += o.state_ms[i];
  for (const auto& [k, v] : o.not_ready_ms) not_ready_ms[k] += v;
  return *this;
}

int64_t Counters::logged_in_ms() const {
  int64_t t = 0;
  for (int64_t v : state_ms) t += v;
  return t;
}

}  // namespace plateau::report
