// directory.h — read-only index of the provisioned objects, for fast look-ups.
//
// Built once from a model::Provisioning (at start and on every re-provisioning)
// and shared as std::shared_ptr<const Directory>: any thread may read it; a new
// provisioning builds a new Directory and swaps the pointer (never mutated).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/provisioning.h"

namespace plateau::core {

class Directory {
 public:
  explicit Directory(model::Provisioning p);

  const model::Provisioning& all() const { return p_; }

  const model::Tenant* tenant(std::string_view name) const;
  const model::Number* number(std::string_view did) const;
  const model::Queue* queue(std::string_view tenant, std::string_view name) const;
  const model::Phone* phone(std::string_view username) const;
  const model::Agent* agent(std::string_view tenant, std::string_view login) const;
  // Agents whose default phone is `username` (usually one).
  std::vector<const model::Agent*> agents_of_phone(std::string_view username) const;
  const model::Trunk* trunk(std::string_view tenant, std::string_view name) const;
  // The trunk that places outgoing calls for the tenant: `name` if given,
  // else the first of its trunks with a gateway; nullptr if none.
  const model::Trunk* outgoing_trunk(std::string_view tenant, std::string_view name = {}) const;
  // The tenant's opening-hours schedule `name` (its state: calendar::state_at).
  const model::Schedule* schedule(std::string_view tenant, std::string_view name) const;
  // Whether `ip` may send calls to `tenant`'s numbers through one of its trunks.
  bool trunk_allows(std::string_view tenant, std::string_view ip) const;

 private:
  static std::string key(std::string_view a, std::string_view b);

  model::Provisioning p_;
  std::unordered_map<std::string, size_t> tenants_, numbers_, queues_, phones_, agents_, schedules_;
  std::unordered_multimap<std::string, size_t> agents_by_phone_;
};

using DirectoryPtr = std::shared_ptr<const Directory>;

}  // namespace plateau::core
