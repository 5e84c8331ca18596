// say_duration_s: a waiting time, in whole minutes, or hours and minutes.
#include "say/say.h"
#include "say/words.h"

namespace plateau::say {

Result<Fragments> say_duration_s(int64_t seconds, Lang lang) {
  if (seconds < 0 || seconds / 3600 > kMaxNumber)
    return make_error("say.range", "cannot say a duration of " + std::to_string(seconds) + " s");
  detail::Words w;
  if (seconds < 60) {
    w.add("w_under_minute");  // "moins d'une minute"
    return w.take();
  }
  const int64_t minutes = (seconds + 30) / 60;  // to the nearest minute, half up
  if (minutes < 60) {
    detail::count(w, minutes, Noun::Minute, lang);
    return w.take();
  }
  detail::count(w, minutes / 60, Noun::Hour, lang);
  if (minutes % 60) {
    w.add("w_and");  // "une heure et cinq minutes"
    detail::count(w, minutes % 60, Noun::Minute, lang);
  }
  return w.take();
}

}  // namespace plateau::say
