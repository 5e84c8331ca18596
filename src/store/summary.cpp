#include <string>

#include "store/store.h"

namespace plateau::store {

namespace {

bool kind_changed(const KindCounts& k) { return k.created + k.updated + k.deleted > 0; }

void line(std::string& out, const char* kind, const KindCounts& k) {
  out += kind;
  out += ": " + std::to_string(k.created) + " created, " + std::to_string(k.updated) + " updated, " +
         std::to_string(k.deleted) + " deleted, " + std::to_string(k.unchanged) + " unchanged\n";
}

}  // namespace

bool ProvisionSummary::changed() const {
  return kind_changed(tenants) || kind_changed(trunks) || kind_changed(numbers) || kind_changed(queues) ||
         kind_changed(agents) || kind_changed(phones) || kind_changed(schedules);
}

std::string to_text(const ProvisionSummary& s) {
  std::string out;
  line(out, "tenants", s.tenants);
  line(out, "trunks", s.trunks);
  line(out, "numbers", s.numbers);
  line(out, "queues", s.queues);
  line(out, "agents", s.agents);
  line(out, "phones", s.phones);
  line(out, "schedules", s.schedules);
  return out;
}

std::string to_text(const ImportSummary& s) {
  return "customers: " + std::to_string(s.created) + " created, " + std::to_string(s.updated) + " updated, " +
         std::to_string(s.unchanged) + " unchanged\n";
}

}  // namespace plateau::store
