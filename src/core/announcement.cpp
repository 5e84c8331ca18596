#include "core/announcement.h"

#include "say/say.h"

namespace plateau::core {

std::vector<std::string> announcement(int position, int64_t ewt_ms, const std::string& language, bool offer_callback) {
  const say::Lang lang = say::parse_lang(language).value_or(say::Lang::Fr);
  std::vector<std::string> p;
  auto add = [&](const Result<say::Fragments>& f) {
    if (f) p.insert(p.end(), f.value().begin(), f.value().end());
  };
  if (position > 0) {
    p.push_back("position_is");
    add(say::say_number(position, lang));
  }
  if (ewt_ms < 0) {
    p.push_back("wait_unknown");
  } else {
    p.push_back("wait_is");
    add(say::say_duration_s((ewt_ms + 500) / 1000, lang));
  }
  if (offer_callback) p.push_back("callback_offer");
  return p;
}

}  // namespace plateau::core
