// Spanish cardinals: one word up to 29 ("dieciséis", "veintidós"), "treinta y
// uno", "cien", "ciento uno", "quinientos", "mil", "un millón", "dos millones";
// "un"/"veintiún" before a masculine noun and before "mil" or "millón",
// "una"/"veintiuna" and "doscientas" before a feminine one.
#include "say/words.h"

namespace plateau::say::detail {
namespace {

// How a final "one" is said: "uno" alone, "un" before a masculine noun, "una".
enum class One { Uno, Un, Una };

std::string_view one_suffix(One one) { return one == One::Uno ? "" : one == One::Un ? "_a" : "_f"; }

void below_100(Words& w, int r, One one) {
  if (r == 1 || r == 21) return w.number(r, one_suffix(one));
  if (r < 30) return w.number(r);
  w.number(r / 10 * 10);
  if (const int u = r % 10) {
    w.add("w_and");
    w.number(u, u == 1 ? one_suffix(one) : "");
  }
}

void below_1000(Words& w, int k, Gender hundreds, One one) {
  const int h = k / 100, r = k % 100;
  if (h == 1) w.number(100, r ? "_c" : "");  // "cien", "ciento uno"
  if (h > 1) w.number(h * 100, hundreds == Gender::Feminine ? "_f" : "");
  if (r) below_100(w, r, one);
}

void number_with(Words& w, int64_t n, Gender gender, One one) {
  if (n == 0) return w.number(0);
  const int m = static_cast<int>(n / 1'000'000), t = static_cast<int>(n / 1000 % 1000),
            r = static_cast<int>(n % 1000);
  if (m) {
    below_1000(w, m, Gender::Masculine, One::Un);  // "un millón", "veintiún millones"
    w.number(1'000'000, m > 1 ? "_p" : "");
  }
  if (t) {
    if (t > 1) below_1000(w, t, gender, One::Un);  // "mil", "veintiún mil", "doscientas mil horas"
    w.number(1000);
  }
  if (r) below_1000(w, r, gender, one);
}

}  // namespace

void number_es(Words& w, int64_t n, Gender gender) {
  number_with(w, n, gender, gender == Gender::Feminine ? One::Una : One::Uno);
}

void count_es(Words& w, int64_t n, Noun noun) {
  const Gender g = noun_gender(noun, Lang::Es);
  number_with(w, n, g, g == Gender::Feminine ? One::Una : One::Un);
  if (n >= 1'000'000 && n % 1'000'000 == 0)
    w.noun(noun, "de");  // "un millón de euros"
  else
    w.noun(noun, n == 1 ? "1" : "p");  // "cero minutos", "un minuto"
}

}  // namespace plateau::say::detail
