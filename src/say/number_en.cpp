// English cardinals, British style: "one hundred and one", "two thousand and
// five", "twenty-one" (two fragments: "twenty", "one").
#include "say/words.h"

namespace plateau::say::detail {
namespace {

void below_100(Words& w, int r) {
  if (r < 20) return w.number(r);
  w.number(r / 10 * 10);
  if (r % 10) w.number(r % 10);
}

void below_1000(Words& w, int k) {
  const int h = k / 100, r = k % 100;
  if (h) {
    w.number(h);
    w.number(100);
    if (r) w.add("w_and");
  }
  if (r) below_100(w, r);
}

}  // namespace

void number_en(Words& w, int64_t n) {
  if (n == 0) return w.number(0);
  const int m = static_cast<int>(n / 1'000'000), t = static_cast<int>(n / 1000 % 1000),
            r = static_cast<int>(n % 1000);
  if (m) {
    below_1000(w, m);
    w.number(1'000'000);
  }
  if (t) {
    below_1000(w, t);
    w.number(1000);
  }
  if (r && (m || t) && r < 100) w.add("w_and");  // "one thousand and five"
  if (r) below_1000(w, r);
}

void count_en(Words& w, int64_t n, Noun noun) {
  number_en(w, n);
  w.noun(noun, n == 1 ? "1" : "p");
}

}  // namespace plateau::say::detail
