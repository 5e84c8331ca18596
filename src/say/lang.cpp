#include <cctype>

#include "say/say.h"

namespace plateau::say {

std::optional<Lang> parse_lang(std::string_view code) {
  if (code.size() > 2 && code[2] != '-' && code[2] != '_') return std::nullopt;
  if (code.size() < 2) return std::nullopt;
  std::string two;
  for (char c : code.substr(0, 2)) two += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (Lang lang : kLanguages)
    if (lang_code(lang) == two) return lang;
  return std::nullopt;
}

std::string_view lang_code(Lang lang) {
  switch (lang) {
    case Lang::Fr:
      return "fr";
    case Lang::Ar:
      return "ar";
    case Lang::Es:
      return "es";
    case Lang::En:
      return "en";
  }
  return "fr";
}

}  // namespace plateau::say
