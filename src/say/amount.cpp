// say_amount: whole units, then the cents (omitted when there are none).
#include "say/say.h"
#include "say/words.h"

namespace plateau::say {

Result<Fragments> say_amount(int64_t cents, Currency currency, Lang lang) {
  if (cents < -(kMaxNumber * 100 + 99) || cents > kMaxNumber * 100 + 99)
    return make_error("say.range", "cannot say the amount " + std::to_string(cents) +
                                       " cents: whole units go up to " + std::to_string(kMaxNumber));
  detail::Words w;
  if (cents < 0) w.add("w_minus");
  const int64_t units = (cents < 0 ? -cents : cents) / 100, sub = (cents < 0 ? -cents : cents) % 100;
  const Noun unit = currency == Currency::MAD ? Noun::Dirham : Noun::Euro;
  const Noun subunit = currency == Currency::MAD ? Noun::Centime : Noun::Cent;
  if (units || !sub) detail::count(w, units, unit, lang);          // "zéro dirham" when both are zero
  if (units && sub) w.add(lang == Lang::Es ? "w_with" : "w_and");  // es "doce euros con cincuenta céntimos"
  if (sub) detail::count(w, sub, subunit, lang);
  return w.take();
}

}  // namespace plateau::say
