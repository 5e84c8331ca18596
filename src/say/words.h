// words.h — private to src/say: the fragment list being built, and each
// language's grammar of numbers and counted nouns.
//
// The functions here trust their arguments (the public functions in say.h
// check ranges first): 0 <= n <= kMaxNumber. Pure; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "say/say.h"

namespace plateau::say::detail {

// The fragment names being put together, in speaking order.
class Words {
 public:
  void add(std::string_view name) { out_.emplace_back(name); }
  // "n_<value><suffix>", e.g. number(21, "_f") is "n_21_f".
  void number(int64_t value, std::string_view suffix = {});
  // "u_<noun>_<form>", e.g. noun(Noun::Minute, "p") is "u_minute_p".
  void noun(Noun noun, std::string_view form);
  // The last name added ("" if none), to turn it into another form.
  std::string& last();
  Fragments take() { return std::move(out_); }

 private:
  Fragments out_;
};

// The grammatical gender of `noun` in `lang` (English: Masculine, unused).
Gender noun_gender(Noun noun, Lang lang);

// Per language: the cardinal n (standalone form), and n with its counted noun.
void number_fr(Words& w, int64_t n, Gender gender);
void count_fr(Words& w, int64_t n, Noun noun);
void number_es(Words& w, int64_t n, Gender gender);
void count_es(Words& w, int64_t n, Noun noun);
void number_en(Words& w, int64_t n);
void count_en(Words& w, int64_t n, Noun noun);
// Arabic case: nominative (a number said alone, a subject or predicate), or
// oblique (genitive/accusative, after "سنة" in a date: "ألفين"). Oblique is only
// asked for masculine numbers below 10000 (years).
enum class Case { Nominative, Oblique };
void number_ar(Words& w, int64_t n, Gender gender, Case c = Case::Nominative);
void count_ar(Words& w, int64_t n, Noun noun);

// Dispatch on the language.
void number(Words& w, int64_t n, Lang lang, Gender gender);
void count(Words& w, int64_t n, Noun noun, Lang lang);

}  // namespace plateau::say::detail
