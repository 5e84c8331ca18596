#include "sip/sip_counters.h"

namespace plateau::sip {

void SipCounts::count(bool sent, std::string_view line) {
  const size_t dir = sent ? 1 : 0;
  if (line.substr(0, 8) == "SIP/2.0 ") {
    if (line.size() > 8 && line[8] >= '1' && line[8] <= '6') responses[dir][static_cast<size_t>(line[8] - '1')]++;
    return;
  }
  std::string_view method = line.substr(0, line.find(' '));
  if (method.empty() || line.size() < 4) return;  // keep-alive CRLFs and the like
  for (size_t i = 0; i + 1 < kCountedMethods.size(); ++i) {
    if (method == kCountedMethods[i]) {
      requests[dir][i]++;
      return;
    }
  }
  requests[dir][kCountedMethods.size() - 1]++;
}

}  // namespace plateau::sip
