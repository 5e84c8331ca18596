// say_number, say_digits, say_count: range checks, then each language's grammar.
#include "say/say.h"

#include <cstdlib>

#include "say/words.h"

namespace plateau::say {

Result<Fragments> say_number(int64_t n, Lang lang, Gender gender) {
  if (n < -kMaxNumber || n > kMaxNumber)
    return make_error("say.range", "cannot say " + std::to_string(n) + ": numbers are said up to " +
                                       std::to_string(kMaxNumber) + " either side of zero");
  detail::Words w;
  if (n < 0) w.add("w_minus");
  detail::number(w, std::llabs(n), lang, gender);
  return w.take();
}

Result<Fragments> say_digits(std::string_view digits, Lang lang) {
  (void)lang;  // "n_0".."n_9" in every language
  detail::Words w;
  for (char c : digits) {
    if (c == ' ' || c == '-' || c == '.') continue;
    if (c < '0' || c > '9')
      return make_error("say.bad_digits", "cannot say \"" + std::string(digits) + "\" digit by digit: '" +
                                              std::string(1, c) + "' is not a digit");
    w.number(c - '0');
  }
  Fragments f = w.take();
  if (f.empty()) return make_error("say.bad_digits", "no digit to say in \"" + std::string(digits) + "\"");
  return f;
}

Result<Fragments> say_count(int64_t n, Noun noun, Lang lang) {
  if (n < 0 || n > kMaxNumber)
    return make_error("say.range", "cannot count " + std::to_string(n) + ": counts go from 0 to " +
                                       std::to_string(kMaxNumber));
  detail::Words w;
  detail::count(w, n, noun, lang);
  return w.take();
}

}  // namespace plateau::say
