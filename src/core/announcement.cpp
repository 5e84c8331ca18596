#include "core/announcement.h"

namespace plateau::core {

std::vector<std::string> announcement(int position, int64_t ewt_ms, const std::string& language, bool offer_callback) {
  (void)language;
  std::vector<std::string> p{"position_is", "n_" + std::to_string(position)};
  if (ewt_ms < 0) p.push_back("wait_unknown");
  if (offer_callback) p.push_back("callback_offer");
  return p;
}

}  // namespace plateau::core
