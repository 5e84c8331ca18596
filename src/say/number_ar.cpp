// Arabic (MSA) cardinals and counted nouns.
//
// Numbers: units before tens, joined by "و" ("واحد وعشرون"); 11 "أحد عشر", 12
// "اثنا عشر"; 3-10 and the units of 13-99 take the gender opposite to the
// counted noun's ("ثلاثة أيام", "ثلاث دقائق"); 100 "مئة", 200 "مئتان", 300
// "ثلاثمئة". Thousands and millions are themselves counted nouns: "ألف",
// "ألفان", "ثلاثة آلاف", "أحد عشر ألفًا", "مئة ألف", "مئتا ألف".
//
// The counted noun follows the last part of the number: 1 noun + "واحدة"
// ("دقيقة واحدة"), 2 the dual ("دقيقتان"), 3-10 the plural ("ثلاث دقائق"),
// 11-99 the accusative singular ("إحدى عشرة دقيقة"), a round hundred,
// thousand or million the genitive singular ("مئة دقيقة"); past 100, a last
// part of 1 or 2 counts the noun again ("ألف ليلة وليلة", "مئة دقيقة ودقيقتان").
#include "say/words.h"

namespace plateau::say::detail {
namespace {

// The names of a counted noun's forms.
struct Forms {
  std::string singular, dual, plural, accusative;
  Gender gender;
  bool one_after;  // 1 is "noun + واحد" ("دقيقة واحدة"); false for "ألف", "مليون"
};

Forms scale_forms(int64_t unit) {  // 1000 or 1'000'000
  const std::string one = "n_" + std::to_string(unit), two = "n_" + std::to_string(2 * unit);
  return {one, two, one + "_p", one + "_acc", Gender::Masculine, false};
}

Forms noun_forms(Noun noun) {
  Words w;
  for (const char* form : {"1", "2", "p", "acc"}) w.noun(noun, form);
  Fragments f = w.take();
  return {f[0], f[1], f[2], f[3], noun_gender(noun, Lang::Ar), true};
}

void unit(Words& w, int u, Gender g, Case c, bool before_tens) {
  const bool fem = g == Gender::Feminine;
  if (u == 1) return w.number(1, !fem ? "" : before_tens ? "_f_c" : "_f");  // "إحدى وعشرون"
  if (u == 2) return w.number(2, fem ? "_f" : c == Case::Oblique ? "_o" : "");
  w.number(u, fem ? "_f" : "");  // "ثلاثة" (masculine noun), "ثلاث" (feminine noun)
}

void below_100(Words& w, int r, Gender g, Case c) {
  const bool fem = g == Gender::Feminine;
  if (r <= 10) return unit(w, r, g, c, false);
  if (r == 12) return w.number(12, fem ? "_f" : c == Case::Oblique ? "_o" : "");
  if (r < 20) return w.number(r, fem ? "_f" : "");
  if (r % 10) {
    unit(w, r % 10, g, c, true);
    w.add("w_and");
  }
  w.number(r / 10 * 10, c == Case::Oblique ? "_o" : "");
}

void below_1000(Words& w, int k, Gender g, Case c) {
  const int h = k / 100, r = k % 100;
  if (h) w.number(h * 100, h == 2 && c == Case::Oblique ? "_o" : "");
  if (h && r) w.add("w_and");
  if (r) below_100(w, r, g, c);
}

// Before the noun it counts, a number ending in a dual loses its nūn ("مئتا
// دقيقة", "ألفا دقيقة"), and "ألفًا"/"مليونًا" become "ألف"/"مليون" ("أحد عشر
// ألف دقيقة"). Oblique numbers (years) are never followed by a noun.
void construct(Words& w) {
  std::string& last = w.last();
  if (last == "n_200" || last == "n_2000" || last == "n_2000000")
    last += "_c";
  else if (last.ends_with("_acc"))
    last.resize(last.size() - 4);
}

// 0 <= n <= kMaxNumber things of `f`.
void count_forms(Words& w, int64_t n, const Forms& f, Case c) {
  if (n == 1) {
    w.add(f.singular);
    if (f.one_after) w.number(1, f.gender == Gender::Feminine ? "_f" : "");
    return;
  }
  if (n == 2) return w.add(c == Case::Oblique ? f.dual + "_o" : f.dual);
  const int64_t r = n % 100;
  if (n >= 100 && (r == 1 || r == 2)) {  // "ألف ليلة وليلة"
    number_ar(w, n - r, f.gender, c);
    construct(w);
    w.add(f.singular);
    w.add("w_and");
    return w.add(r == 1 ? f.singular : f.dual);
  }
  number_ar(w, n, f.gender, c);
  if (r == 0) {  // 0, or a round hundred, thousand, million: genitive singular
    construct(w);
    w.add(f.singular);
  } else {
    w.add(r <= 10 ? f.plural : f.accusative);
  }
}

}  // namespace

void number_ar(Words& w, int64_t n, Gender gender, Case c) {
  if (n == 0) return w.number(0);
  const int m = static_cast<int>(n / 1'000'000), t = static_cast<int>(n / 1000 % 1000),
            r = static_cast<int>(n % 1000);
  if (m) count_forms(w, m, scale_forms(1'000'000), c);
  if (m && t) w.add("w_and");
  if (t) count_forms(w, t, scale_forms(1000), c);
  if ((m || t) && r) w.add("w_and");
  if (r) below_1000(w, r, gender, c);
}

void count_ar(Words& w, int64_t n, Noun noun) { count_forms(w, n, noun_forms(noun), Case::Nominative); }

}  // namespace plateau::say::detail
