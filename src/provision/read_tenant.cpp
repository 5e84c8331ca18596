// read_tenant.cpp — [[tenant]]: a customer of the platform.
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "provision/object_rules.h"

namespace plateau::provision {

namespace {

bool timezone_known(const std::string& tz) {
  if (tz.empty() || tz.front() == '/' || tz.size() > 64) return false;
  for (char c : tz) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '+')
      return false;
  }
  if (tz.find("//") != std::string::npos || tz.back() == '/') return false;
  const char* dir = std::getenv("TZDIR");
  const std::filesystem::path root = dir && *dir ? dir : "/usr/share/zoneinfo";
  std::error_code ec;
  // Without a zone database the syntax check above is all that can be done.
  if (!std::filesystem::is_directory(root, ec)) return true;
  return std::filesystem::is_regular_file(root / tz, ec);
}

// Reasons the platform itself gives; a tenant's codes must not reuse them.
constexpr std::string_view kSystemReasons[] = {
    "missed", "busy", "declined", "unreachable", "login", "phone_unregistered", "no_disposition", "failed"};
constexpr size_t kMaxCode = 32;

bool is_system_reason(std::string_view code) {
  for (std::string_view s : kSystemReasons) {
    if (s == code) return true;
  }
  return false;
}

bool code_chars(std::string_view s) {
  for (char c : s) {
    if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) &&
        c != '_')
      return false;
  }
  return true;
}

// Not-ready reasons and dispositions: short ids, each once, none a system reason.
std::optional<std::vector<std::string>> read_codes(ObjectReader& r, std::string_view key) {
  auto codes = r.strings(key, false);
  if (!codes) return std::nullopt;
  std::set<std::string> seen;
  for (size_t i = 0; i < codes->size(); ++i) {
    const std::string& c = (*codes)[i];
    const std::string what = r.name_of(key) + "[" + std::to_string(i) + "] \"" + c + "\"";
    const Pos at = r.element_pos(key, i);
    if (c.empty() || c.size() > kMaxCode || !code_chars(c)) {
      r.fault(at, what + " must be 1-32 characters among a-z 0-9 _");
    } else if (is_system_reason(c)) {
      r.fault(at, what +
                      " is a system reason (missed, busy, declined, unreachable, login, phone_unregistered, "
                      "no_disposition and failed are always known); choose another code");
    } else if (!seen.insert(c).second) {
      r.fault(at, what + " is listed twice");
    }
  }
  return codes;
}

// Tenants whose agents may serve this one's queues: each once, not itself;
// whether they exist is checked with the other objects (checks.cpp).
std::vector<std::string> read_agents_from(ObjectReader& r, const std::string& self,
                                          std::map<std::string, Pos>& at) {
  auto names = r.strings("agents_from", false);
  if (!names) return {};
  std::set<std::string> seen;
  for (size_t i = 0; i < names->size(); ++i) {
    const std::string& n = (*names)[i];
    const std::string what = "agents_from[" + std::to_string(i) + "] \"" + n + "\"";
    const Pos p = r.element_pos("agents_from", i);
    at["agents_from[" + std::to_string(i) + "]"] = p;
    if (!self.empty() && n == self) {
      r.fault(p, what + " is the tenant itself (its own agents always serve its queues)");
    } else if (!seen.insert(n).second) {
      r.fault(p, what + " is listed twice");
    }
  }
  return std::move(*names);
}

}  // namespace

void read_tenant(ObjectReader& r, Parsed& out) {
  Located<model::Tenant> l;
  l.table = r.table_pos();
  auto& t = l.obj;
  t.name = read_key(r, "name", l.at);
  t.display_name = r.string("display_name", false).value_or(t.name);
  if (auto tz = r.string("timezone", false)) {
    if (timezone_known(*tz)) {
      t.timezone = *tz;
    } else {
      r.fault(r.pos("timezone"),
              "timezone \"" + *tz + "\" is not an IANA time zone name (e.g. Africa/Casablanca)");
    }
  }
  if (auto lang = r.string("language", false)) {
    if (*lang == "fr" || *lang == "ar" || *lang == "es" || *lang == "en") {
      t.language = *lang;
    } else {
      r.fault(r.pos("language"), "language \"" + *lang + "\" must be one of fr, ar, es, en");
    }
  }
  if (auto codes = read_codes(r, "not_ready_reasons")) t.not_ready_reasons = std::move(*codes);
  if (auto codes = read_codes(r, "dispositions")) t.dispositions = std::move(*codes);
  t.agents_from = read_agents_from(r, t.name, l.at);
  if (auto days = r.integer("recording_retention_days", 0, 36600)) t.recording_retention_days = static_cast<int>(*days);
  done(r, std::move(l), out.tenants);
}

}  // namespace plateau::provision
