// say_date. Forms (docs/SAY.md):
//   fr "le vingt et un mars deux mille vingt-six", "le premier mai ..."
//   es "el uno de mayo de dos mil veintiséis"
//   en "the twenty-first of March twenty twenty-six", "... two thousand and five"
//   ar "الحادي والعشرون من مارس سنة ألفين وستة وعشرين", "فاتح ماي سنة ..."
// The day is an ordinal in English and Arabic (a whole fragment, "o_<day>"),
// a cardinal in French (but "premier") and Spanish.
#include "say/say.h"
#include "say/words.h"

namespace plateau::say {
namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Years as English speakers say them: "nineteen ninety-nine", "nineteen oh
// five", "nineteen hundred", "twenty twenty-six"; but "two thousand and five".
void year_en(detail::Words& w, int y) {
  const int hi = y / 100, lo = y % 100;
  if (y < 1000 || y % 1000 < 10) return detail::number_en(w, y);
  detail::number_en(w, hi);
  if (lo == 0) return w.number(100);
  if (lo < 10) w.add("w_oh");
  detail::number_en(w, lo);
}

void month(detail::Words& w, int m) { w.add("m_" + std::to_string(m)); }
void ordinal(detail::Words& w, int day) { w.add("o_" + std::to_string(day)); }

}  // namespace

Result<Fragments> say_date(int year, int month_, int day, Lang lang) {
  if (year < 1 || year > 9999 || month_ < 1 || month_ > 12 || day < 1 || day > days_in_month(year, month_))
    return make_error("say.bad_date", "no such date: " + std::to_string(year) + "-" + std::to_string(month_) +
                                          "-" + std::to_string(day));
  detail::Words w;
  switch (lang) {
    case Lang::Fr:
      w.add("w_the");
      if (day == 1)
        ordinal(w, 1);  // "le premier mai"
      else
        detail::number_fr(w, day, Gender::Masculine);
      month(w, month_);
      detail::number_fr(w, year, Gender::Masculine);
      break;
    case Lang::Es:
      w.add("w_the");
      detail::number_es(w, day, Gender::Masculine);  // "el uno", "el veintiuno"
      w.add("w_of");
      month(w, month_);
      w.add("w_of");
      detail::number_es(w, year, Gender::Masculine);
      break;
    case Lang::En:
      w.add("w_the");
      ordinal(w, day);
      w.add("w_of");
      month(w, month_);
      year_en(w, year);
      break;
    case Lang::Ar:
      ordinal(w, day);
      if (day != 1) w.add("w_of");  // "فاتح ماي", as Moroccans say the first
      month(w, month_);
      w.add("w_year");  // "سنة" takes the year in the genitive: "ألفين"
      detail::number_ar(w, year, Gender::Masculine, detail::Case::Oblique);
      break;
  }
  return w.take();
}

}  // namespace plateau::say
