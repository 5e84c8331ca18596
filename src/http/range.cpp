#include "http/range.h"

#include <algorithm>
#include <charconv>

namespace plateau::http {

namespace {

std::optional<uint64_t> number(std::string_view s) {
  uint64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

RangeResult parse_range(std::optional<std::string_view> header, uint64_t size, uint64_t max_bytes, ByteRange& out) {
  if (!header) return RangeResult::Whole;
  std::string_view h = trim(*header);
  if (h.substr(0, 6) != "bytes=") return RangeResult::Whole;
  h.remove_prefix(6);
  if (auto comma = h.find(','); comma != std::string_view::npos) h = h.substr(0, comma);
  h = trim(h);
  const auto dash = h.find('-');
  if (dash == std::string_view::npos) return RangeResult::Whole;
  const std::string_view a = trim(h.substr(0, dash)), b = trim(h.substr(dash + 1));
  if (size == 0) return RangeResult::Unsatisfiable;
  uint64_t first = 0, last = size - 1;
  if (a.empty()) {  // suffix: the last b bytes
    auto n = number(b);
    if (!n) return RangeResult::Whole;
    if (*n == 0) return RangeResult::Unsatisfiable;
    first = *n >= size ? 0 : size - *n;
  } else {
    auto f = number(a);
    if (!f) return RangeResult::Whole;
    first = *f;
    if (!b.empty()) {
      auto l = number(b);
      if (!l || *l < first) return RangeResult::Whole;
      last = std::min(*l, size - 1);
    }
    if (first >= size) return RangeResult::Unsatisfiable;
  }
  if (max_bytes > 0 && last - first + 1 > max_bytes) last = first + max_bytes - 1;
  out = {first, last};
  return RangeResult::Partial;
}

}  // namespace plateau::http
