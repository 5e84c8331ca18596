// read_case_category.cpp — [[case_category]]: a category of CRM cases of a
// tenant, with the SLA that gives a case its due date (docs/CRM.md).
#include <cctype>

#include "provision/object_rules.h"

namespace plateau::provision {

namespace {

constexpr const char* kPriorities[] = {"low", "normal", "high", "urgent"};
constexpr int64_t kMaxSlaHours = 24 * 366;

bool category_chars(const std::string& s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '_')
      return false;
  }
  return true;
}

}  // namespace

void read_case_category(ObjectReader& r, Parsed& out) {
  auto l = start(r, &model::CaseCategory::name, "name");
  auto& c = l.obj;
  if (!c.name.empty() && !category_chars(c.name))
    r.fault(r.pos("name"), "name \"" + c.name + "\" must be 1-32 characters among a-z 0-9 _");
  if (auto sla = r.integer("sla_hours", 1, kMaxSlaHours, true)) c.sla_hours = static_cast<int>(*sla);
  if (auto p = r.string("default_priority", false)) {
    bool known = false;
    for (const char* k : kPriorities) known = known || *p == k;
    if (!known)
      r.fault(r.pos("default_priority"),
              "default_priority must be low, normal, high or urgent, not \"" + *p + "\"");
    c.default_priority = *p;
  }
  done(r, std::move(l), out.case_categories);
}

}  // namespace plateau::provision
