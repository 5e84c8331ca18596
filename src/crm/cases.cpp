#include "crm/cases.h"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace plateau::crm {

std::string_view to_string(CaseStatus s) {
  switch (s) {
    case CaseStatus::Open: return "open";
    case CaseStatus::InProgress: return "in_progress";
    case CaseStatus::WaitingCustomer: return "waiting_customer";
    case CaseStatus::Resolved: return "resolved";
    case CaseStatus::Closed: return "closed";
  }
  return "open";
}

std::optional<CaseStatus> parse_case_status(std::string_view s) {
  for (CaseStatus c : kCaseStatuses) {
    if (to_string(c) == s) return c;
  }
  return std::nullopt;
}

bool transition_allowed(CaseStatus from, CaseStatus to) {
  using S = CaseStatus;
  if (from == to) return false;
  switch (from) {
    case S::Open: return true;
    case S::InProgress: return true;
    case S::WaitingCustomer: return to != S::Open;
    case S::Resolved: return to == S::InProgress || to == S::Closed;
    case S::Closed: return false;
  }
  return false;
}

Status check_transition(std::string_view from, std::string_view to) {
  auto f = parse_case_status(from);
  auto t = parse_case_status(to);
  if (!t) {
    return make_error("crm.bad_status", "unknown case status \"" + std::string(to) +
                                            "\" (open, in_progress, waiting_customer, resolved or closed)");
  }
  if (!f) return make_error("crm.bad_status", "the case has an unknown status \"" + std::string(from) + "\"");
  if (transition_allowed(*f, *t)) return {};
  std::string allowed;
  for (CaseStatus c : kCaseStatuses) {
    if (!transition_allowed(*f, c)) continue;
    allowed += (allowed.empty() ? "" : ", ") + std::string(to_string(c));
  }
  return make_error("crm.bad_transition", "a case cannot go from " + std::string(from) + " to " + std::string(to) +
                                              (allowed.empty() ? " (a " + std::string(from) + " case stays so)"
                                                               : " (from " + std::string(from) + ": " + allowed + ")"));
}

bool is_case_priority(std::string_view p) {
  for (auto k : kCasePriorities) {
    if (k == p) return true;
  }
  return false;
}

std::vector<model::CaseCategory> default_case_categories(std::string_view tenant) {
  const std::string t(tenant);
  return {{t, "complaint", 48, "normal"},
          {t, "request", 72, "normal"},
          {t, "technical", 24, "high"},
          {t, std::string(kVoicemailCategory), 24, "normal"}};
}

std::vector<model::CaseCategory> case_categories_of(const model::Tenant& t) {
  if (t.case_categories.empty()) return default_case_categories(t.name);
  return t.case_categories;
}

const model::CaseCategory* find_category(const std::vector<model::CaseCategory>& list, std::string_view name) {
  for (const auto& c : list) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

int64_t case_due_ms(int64_t created_ms, int sla_hours) { return created_ms + int64_t{sla_hours} * 3'600'000; }

std::string reference_prefix(std::string_view tenant) {
  std::string out;
  for (char c : tenant) {
    if (out.size() == 12) break;
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out.empty() ? "CASE" : out;
}

int year_of(int64_t ms) {
  // Days since 1970-01-01 to a civil year (H. Hinnant's algorithm).
  int64_t days = ms >= 0 ? ms / 86'400'000 : (ms - 86'399'999) / 86'400'000;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  return static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

std::string format_reference(std::string_view prefix, int year, int64_t sequence) {
  char tail[48];
  std::snprintf(tail, sizeof tail, "-%04d-%06lld", year, static_cast<long long>(sequence));
  return std::string(prefix) + tail;
}

std::optional<ReferenceParts> parse_reference(std::string_view text) {
  const size_t last = text.rfind('-');
  if (last == std::string_view::npos || last == 0) return std::nullopt;
  const size_t mid = text.rfind('-', last - 1);
  if (mid == std::string_view::npos || mid == 0) return std::nullopt;
  ReferenceParts p;
  for (char c : text.substr(0, mid)) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
    p.prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  const std::string_view year = text.substr(mid + 1, last - mid - 1), seq = text.substr(last + 1);
  if (year.size() != 4 || seq.size() < 6 || seq.size() > 18) return std::nullopt;
  auto digits = [](std::string_view s, auto& out) {
    if (s.find_first_not_of("0123456789") != std::string_view::npos) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
  };
  if (!digits(year, p.year) || !digits(seq, p.sequence) || p.sequence < 1) return std::nullopt;
  return p;
}

}  // namespace plateau::crm
