#include "spoken.h"

namespace plateau::say::test {
namespace {

// Arabic harakat, tanwin, shadda, sukun (U+064B..U+0652) and the dagger alif
// (U+0670): two bytes each in UTF-8, 0xD9 then 0x8B..0x92 or 0xD9 0xB0.
std::string without_diacritics(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b == 0xD9 && i + 1 < s.size()) {
      const auto next = static_cast<unsigned char>(s[i + 1]);
      if ((next >= 0x8B && next <= 0x92) || next == 0xB0) {
        ++i;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

}  // namespace

std::string words(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '-') c = ' ';
  return out;
}

std::string spoken(const Result<Fragments>& fragments, Lang lang) {
  if (!fragments) return "error " + fragments.error().code;
  std::string out;
  bool glue = false;
  for (const std::string& name : *fragments) {
    const Fragment* f = find_fragment(lang, name);
    if (!out.empty() && !glue) out += ' ';
    out += f ? std::string(f->text) : "<?" + name + ">";
    glue = lang == Lang::Ar && name == "w_and";
  }
  return words(lang == Lang::Ar ? without_diacritics(out) : out);
}

testing::AssertionResult says(const Result<Fragments>& got, Lang lang, std::string_view want) {
  const std::string said = spoken(got, lang);
  if (said == words(want)) return testing::AssertionSuccess();
  return testing::AssertionFailure() << lang_code(lang) << " says \"" << said << "\", not \"" << words(want)
                                     << "\"";
}

}  // namespace plateau::say::test
