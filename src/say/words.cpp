#include "say/words.h"

namespace plateau::say::detail {
namespace {

std::string_view stem(Noun noun) {
  switch (noun) {
    case Noun::Minute:
      return "minute";
    case Noun::Second:
      return "second";
    case Noun::Hour:
      return "hour";
    case Noun::Day:
      return "day";
    case Noun::Dirham:
      return "dirham";
    case Noun::Euro:
      return "euro";
    case Noun::Centime:
      return "centime";
    case Noun::Cent:
      return "cent";
  }
  return "minute";
}

}  // namespace

void Words::number(int64_t value, std::string_view suffix) {
  std::string name = "n_" + std::to_string(value);
  name.append(suffix);
  out_.push_back(std::move(name));
}

void Words::noun(Noun noun, std::string_view form) {
  std::string name = "u_";
  name.append(stem(noun)).append("_").append(form);
  out_.push_back(std::move(name));
}

std::string& Words::last() {
  if (out_.empty()) out_.emplace_back();
  return out_.back();
}

Gender noun_gender(Noun noun, Lang lang) {
  const bool feminine_fr_ar = noun == Noun::Minute || noun == Noun::Second || noun == Noun::Hour;
  switch (lang) {
    case Lang::Fr:
    case Lang::Ar:
      return feminine_fr_ar ? Gender::Feminine : Gender::Masculine;
    case Lang::Es:
      return noun == Noun::Hour ? Gender::Feminine : Gender::Masculine;
    case Lang::En:
      return Gender::Masculine;
  }
  return Gender::Masculine;
}

void number(Words& w, int64_t n, Lang lang, Gender gender) {
  switch (lang) {
    case Lang::Fr:
      return number_fr(w, n, gender);
    case Lang::Ar:
      return number_ar(w, n, gender);
    case Lang::Es:
      return number_es(w, n, gender);
    case Lang::En:
      return number_en(w, n);
  }
}

void count(Words& w, int64_t n, Noun noun, Lang lang) {
  switch (lang) {
    case Lang::Fr:
      return count_fr(w, n, noun);
    case Lang::Ar:
      return count_ar(w, n, noun);
    case Lang::Es:
      return count_es(w, n, noun);
    case Lang::En:
      return count_en(w, n, noun);
  }
}

}  // namespace plateau::say::detail
