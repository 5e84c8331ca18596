// read_tenant.cpp — [[tenant]]: a customer of the platform.
#include <cctype>
#include <cstdlib>
#include <filesystem>

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
  done(r, std::move(l), out.tenants);
}

}  // namespace plateau::provision
