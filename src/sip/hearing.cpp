#include "sip/hearing.h"

namespace plateau::sip {

std::vector<uint8_t> hearing_matrix(size_t parties, const std::vector<MonitorSeat>& monitors) {
  const size_t n = parties + monitors.size();
  std::vector<uint8_t> hears(n * n, 0);
  auto set = [&](size_t listener, size_t speaker) {
    if (listener != speaker) hears[listener * n + speaker] = 1;
  };
  for (size_t i = 0; i < parties; ++i)
    for (size_t j = 0; j < parties; ++j) set(i, j);
  for (size_t m = 0; m < monitors.size(); ++m) {
    const size_t me = parties + m;
    for (size_t j = 0; j < parties; ++j) set(me, j);
    switch (monitors[m].mode) {
      case model::MonitorMode::Listen:
        break;
      case model::MonitorMode::Whisper:
        if (monitors[m].agent < parties) set(monitors[m].agent, me);
        for (size_t o = 0; o < monitors.size(); ++o) set(parties + o, me);
        break;
      case model::MonitorMode::Barge:
        for (size_t i = 0; i < n; ++i) set(i, me);
        break;
    }
  }
  return hears;
}

}  // namespace plateau::sip
