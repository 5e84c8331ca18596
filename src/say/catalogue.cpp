// fragments(), find_fragment(), speech_text(): the catalogue's lookups, and
// how an Arabic fragment is said in pause.
#include "say/catalogue.h"

#include <string>

namespace plateau::say {
namespace {

// The text as code points (the catalogue is valid UTF-8 of at most 3 bytes a
// character: Latin and Arabic).
std::u32string decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : 3;
    char32_t c = len == 1 ? b : len == 2 ? b & 0x1F : b & 0x0F;
    for (size_t k = 1; k < len && i + k < s.size(); ++k) c = (c << 6) | (s[i + k] & 0x3F);
    out.push_back(c);
    i += len;
  }
  return out;
}

std::string encode(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

constexpr char32_t kFathatan = 0x064B, kFatha = 0x064E, kShadda = 0x0651, kSukun = 0x0652;
constexpr char32_t kAlif = 0x0627, kTaMarbuta = 0x0629, kHa = 0x0647;

bool is_mark(char32_t c) { return c >= kFathatan && c <= kSukun; }

// Waqf on the last word: its final vowel or nunation goes (a shadda stays),
// "ًا" becomes a long "ā", a ta marbuta becomes "h".
void pause(std::u32string& s) {
  while (!s.empty() && s.back() == U' ') s.pop_back();
  bool shadda = false, fathatan = false;
  while (!s.empty() && is_mark(s.back())) {
    shadda |= s.back() == kShadda;
    fathatan |= s.back() == kFathatan;
    s.pop_back();
  }
  if (s.empty()) return;
  if (s.back() == kAlif && s.size() >= 2 && s[s.size() - 2] == kFathatan) {
    s[s.size() - 2] = kFatha;  // "ًا" (tanwin before the alif)
  } else if (s.back() == kAlif && fathatan) {
    s.insert(s.size() - 1, 1, kFatha);  // "اً" (tanwin on the alif)
  } else {
    if (s.back() == kTaMarbuta) s.back() = kHa;
    if (shadda) s.push_back(kShadda);
  }
}

// Unicode orders a shadda after the vowel mark ("ُّ"); espeak-ng wants it first.
void shadda_first(std::u32string& s) {
  for (size_t i = 1; i < s.size(); ++i)
    if (s[i] == kShadda && s[i - 1] >= kFathatan && s[i - 1] < kShadda) std::swap(s[i], s[i - 1]);
}

}  // namespace

std::span<const Fragment> fragments(Lang lang) {
  switch (lang) {
    case Lang::Fr:
      return detail::fragments_fr();
    case Lang::Ar:
      return detail::fragments_ar();
    case Lang::Es:
      return detail::fragments_es();
    case Lang::En:
      return detail::fragments_en();
  }
  return {};
}

const Fragment* find_fragment(Lang lang, std::string_view name) {
  for (const Fragment& f : fragments(lang))
    if (f.name == name) return &f;
  return nullptr;
}

std::string speech_text(Lang lang, const Fragment& fragment) {
  if (!fragment.espeak.empty()) return std::string(fragment.espeak);
  if (lang != Lang::Ar) return std::string(fragment.text);
  std::u32string s = decode(fragment.text);
  pause(s);
  shadda_first(s);
  return encode(s);
}

}  // namespace plateau::say
