// French cardinals: "vingt et un", "soixante et onze", "quatre-vingts",
// "quatre-vingt-un", "deux cents", "deux cent un", "mille", "deux millions".
#include "say/words.h"

namespace plateau::say::detail {
namespace {

// `plural` is false before "mille", which leaves "cent" and "quatre-vingt"
// without their s ("deux cent mille", but "deux cents millions").
void below_100(Words& w, int r, Gender g, bool plural) {
  auto unit = [&](int u) { w.number(u, u == 1 && g == Gender::Feminine ? "_f" : ""); };
  if (r < 20) return r < 17 ? unit(r) : w.number(r);  // "dix-sept" .. "dix-neuf" are one fragment
  const int tens = r / 10, u = r % 10;
  if (tens == 7 || tens == 9) {  // sixty + 10..19, eighty + 10..19
    w.number(tens == 7 ? 60 : 80, tens == 7 ? "" : "_c");
    if (tens == 7 && u == 1) w.add("w_and");  // "soixante et onze", but "quatre-vingt-onze"
    return below_100(w, 10 + u, g, plural);
  }
  if (tens == 8) {
    w.number(80, u == 0 && plural ? "" : "_c");  // "quatre-vingts", "quatre-vingt-un"
    if (u) unit(u);
    return;
  }
  w.number(tens * 10);
  if (u == 1) w.add("w_and");  // "vingt et un" .. "soixante et un"
  if (u) unit(u);
}

void below_1000(Words& w, int k, Gender g, bool plural) {
  const int h = k / 100, r = k % 100;
  if (h > 1) w.number(h);
  if (h) w.number(100, h > 1 && r == 0 && plural ? "_p" : "");  // "deux cents", "deux cent un"
  if (r) below_100(w, r, g, plural);
}

}  // namespace

void number_fr(Words& w, int64_t n, Gender gender) {
  if (n == 0) return w.number(0);
  const int m = static_cast<int>(n / 1'000'000), t = static_cast<int>(n / 1000 % 1000),
            r = static_cast<int>(n % 1000);
  if (m) {
    below_1000(w, m, Gender::Masculine, true);  // "un million", "quatre-vingts millions"
    w.number(1'000'000, m > 1 ? "_p" : "");
  }
  if (t) {
    if (t > 1) below_1000(w, t, Gender::Masculine, false);  // "mille", never "un mille"
    w.number(1000);
  }
  if (r) below_1000(w, r, gender, true);
}

void count_fr(Words& w, int64_t n, Noun noun) {
  number_fr(w, n, noun_gender(noun, Lang::Fr));
  if (n >= 1'000'000 && n % 1'000'000 == 0)
    w.noun(noun, "de");  // "un million d'euros"
  else
    w.noun(noun, n <= 1 ? "1" : "p");  // "zéro minute", "une minute", "deux minutes"
}

}  // namespace plateau::say::detail
