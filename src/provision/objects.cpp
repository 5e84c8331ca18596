// objects.cpp — each [[kind]] table to its reader (read_<kind>.cpp); phones here.
#include "provision/objects.h"

#include "provision/object_rules.h"

namespace plateau::provision {

namespace {

void read_phone(ObjectReader& r, Parsed& out) {
  auto l = start(r, &model::Phone::username, "username");
  auto& p = l.obj;
  if (auto pw = r.string("password", true)) {
    if (pw->empty()) r.fault(r.pos("password"), "password must not be empty");
    p.password = *pw;
  }
  done(r, std::move(l), out.phones);
}

}  // namespace

void read_object(std::string_view kind, ObjectReader& r, Parsed& out) {
  if (kind == "tenant") return read_tenant(r, out);
  if (kind == "trunk") return read_trunk(r, out);
  if (kind == "queue") return read_queue(r, out);
  if (kind == "number") return read_number(r, out);
  if (kind == "phone") return read_phone(r, out);
  if (kind == "agent") return read_agent(r, out);
  if (kind == "schedule") return read_schedule(r, out);
  if (kind == "case_category") return read_case_category(r, out);
  if (kind == "evaluation_form") return read_evaluation_form(r, out);
}

model::Provisioning to_model(Parsed&& parsed) {
  model::Provisioning p;
  for (auto& l : parsed.tenants) p.tenants.push_back(std::move(l.obj));
  for (auto& l : parsed.trunks) p.trunks.push_back(std::move(l.obj));
  for (auto& l : parsed.queues) p.queues.push_back(std::move(l.obj));
  for (auto& l : parsed.numbers) p.numbers.push_back(std::move(l.obj));
  for (auto& l : parsed.phones) p.phones.push_back(std::move(l.obj));
  for (auto& l : parsed.agents) p.agents.push_back(std::move(l.obj));
  for (auto& l : parsed.schedules) {
    if (l.obj.timezone.empty()) {
      for (const auto& t : p.tenants)
        if (t.name == l.obj.tenant) l.obj.timezone = t.timezone;
    }
    p.schedules.push_back(std::move(l.obj));
  }
  for (auto& l : parsed.case_categories) {
    for (auto& t : p.tenants)
      if (t.name == l.obj.tenant) t.case_categories.push_back(l.obj);
  }
  for (auto& l : parsed.evaluation_forms) {
    for (auto& t : p.tenants)
      if (t.name == l.obj.tenant) t.evaluation_forms.push_back(l.obj);
  }
  return p;
}

}  // namespace plateau::provision
