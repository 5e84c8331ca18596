#include "ivr/say_value.h"

#include <cctype>
#include <charconv>

#include "say/say.h"

namespace plateau::ivr {

namespace {

std::optional<int64_t> parse_int(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

Error bad(const std::string& what, const std::string& value) {
  return make_error("ivr.say", "\"" + value + "\" is not " + what);
}

}  // namespace

std::optional<int64_t> parse_cents(std::string_view s) {
  bool neg = !s.empty() && s[0] == '-';
  if (neg) s.remove_prefix(1);
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (whole.empty() || frac.size() > 2 || (dot != std::string_view::npos && frac.empty())) return std::nullopt;
  for (char c : whole)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  for (char c : frac)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  auto w = parse_int(whole);
  if (!w || *w > say::kMaxNumber) return std::nullopt;
  int64_t cents = *w * 100;
  if (frac.size() == 1) cents += (frac[0] - '0') * 10;
  if (frac.size() == 2) cents += (frac[0] - '0') * 10 + (frac[1] - '0');
  return neg ? -cents : cents;
}

Result<std::vector<std::string>> say_digits_of(const std::string& digits, const std::string& lang) {
  auto l = say::parse_lang(lang);
  if (!l) return make_error("ivr.say", "unknown language \"" + lang + "\"");
  return say::say_digits(digits, *l);
}

Result<std::vector<std::string>> say_value(const SayStep& step, const Attributes& attrs, const std::string& lang) {
  auto l = say::parse_lang(lang);
  if (!l) return make_error("ivr.say", "unknown language \"" + lang + "\"");
  const std::string v = step.value.render(attrs);
  if (v.empty()) return make_error("ivr.say", "nothing to say: \"" + step.value.text() + "\" is empty");
  switch (step.kind) {
    case SayKind::Number: {
      auto n = parse_int(v);
      if (!n) return bad("a whole number", v);
      return say::say_number(*n, *l);
    }
    case SayKind::Digits:
      return say::say_digits(v, *l);
    case SayKind::Amount: {
      auto cents = parse_cents(v);
      if (!cents) return bad("an amount such as 1234.50", v);
      const std::string cur = step.currency.render(attrs);
      if (!cur.empty() && cur != "MAD" && cur != "EUR") return bad("a currency (MAD or EUR)", cur);
      return say::say_amount(*cents, cur == "EUR" ? say::Currency::EUR : say::Currency::MAD, *l);
    }
    case SayKind::Date: {
      auto y = v.size() == 10 && v[4] == '-' && v[7] == '-' ? parse_int(std::string_view(v).substr(0, 4)) : std::nullopt;
      auto m = y ? parse_int(std::string_view(v).substr(5, 2)) : std::nullopt;
      auto d = m ? parse_int(std::string_view(v).substr(8, 2)) : std::nullopt;
      if (!d) return bad("a date (YYYY-MM-DD)", v);
      return say::say_date(static_cast<int>(*y), static_cast<int>(*m), static_cast<int>(*d), *l);
    }
    case SayKind::Time: {
      auto h = v.size() == 5 && v[2] == ':' ? parse_int(std::string_view(v).substr(0, 2)) : std::nullopt;
      auto mi = h ? parse_int(std::string_view(v).substr(3, 2)) : std::nullopt;
      if (!mi) return bad("a time (HH:MM)", v);
      return say::say_time(static_cast<int>(*h), static_cast<int>(*mi), *l);
    }
    case SayKind::Duration: {
      auto s = parse_int(v);
      if (!s || *s < 0) return bad("a duration in seconds", v);
      return say::say_duration_s(*s, *l);
    }
  }
  return bad("sayable", v);
}

}  // namespace plateau::ivr
