#include "core/directory.h"

#include "provision/cidr.h"

namespace plateau::core {

std::string Directory::key(std::string_view a, std::string_view b) {
  std::string k;
  k.reserve(a.size() + b.size() + 1);
  k.append(a).push_back('\x1f');
  k.append(b);
  return k;
}

Directory::Directory(model::Provisioning p) : p_(std::move(p)) {
  for (size_t i = 0; i < p_.tenants.size(); ++i) tenants_.emplace(p_.tenants[i].name, i);
  for (size_t i = 0; i < p_.numbers.size(); ++i) numbers_.emplace(p_.numbers[i].did, i);
  for (size_t i = 0; i < p_.queues.size(); ++i) queues_.emplace(key(p_.queues[i].tenant, p_.queues[i].name), i);
  for (size_t i = 0; i < p_.phones.size(); ++i) phones_.emplace(p_.phones[i].username, i);
  for (size_t i = 0; i < p_.agents.size(); ++i) {
    agents_.emplace(key(p_.agents[i].tenant, p_.agents[i].login), i);
    if (!p_.agents[i].phone.empty()) agents_by_phone_.emplace(p_.agents[i].phone, i);
  }
  for (size_t i = 0; i < p_.schedules.size(); ++i)
    schedules_.emplace(key(p_.schedules[i].tenant, p_.schedules[i].name), i);
}

const model::Tenant* Directory::tenant(std::string_view name) const {
  auto it = tenants_.find(std::string(name));
  return it == tenants_.end() ? nullptr : &p_.tenants[it->second];
}

const model::Number* Directory::number(std::string_view did) const {
  auto it = numbers_.find(std::string(did));
  return it == numbers_.end() ? nullptr : &p_.numbers[it->second];
}

const model::Queue* Directory::queue(std::string_view tenant, std::string_view name) const {
  auto it = queues_.find(key(tenant, name));
  return it == queues_.end() ? nullptr : &p_.queues[it->second];
}

const model::Phone* Directory::phone(std::string_view username) const {
  auto it = phones_.find(std::string(username));
  return it == phones_.end() ? nullptr : &p_.phones[it->second];
}

const model::Agent* Directory::agent(std::string_view tenant, std::string_view login) const {
  auto it = agents_.find(key(tenant, login));
  return it == agents_.end() ? nullptr : &p_.agents[it->second];
}

const model::Schedule* Directory::schedule(std::string_view tenant, std::string_view name) const {
  auto it = schedules_.find(key(tenant, name));
  return it == schedules_.end() ? nullptr : &p_.schedules[it->second];
}

std::vector<const model::Agent*> Directory::agents_of_phone(std::string_view username) const {
  std::vector<const model::Agent*> out;
  auto [b, e] = agents_by_phone_.equal_range(std::string(username));
  for (auto it = b; it != e; ++it) out.push_back(&p_.agents[it->second]);
  return out;
}

bool Directory::trunk_allows(std::string_view tenant, std::string_view ip) const {
  for (const auto& t : p_.trunks) {
    if (t.tenant == tenant && provision::address_in_cidrs(ip, t.addresses)) return true;
  }
  return false;
}

}  // namespace plateau::core

namespace plateau::core {

const model::Trunk* Directory::trunk(std::string_view tenant, std::string_view name) const {
  for (const auto& t : p_.trunks)
    if (t.tenant == tenant && t.name == name) return &t;
  return nullptr;
}

const model::Trunk* Directory::outgoing_trunk(std::string_view tenant, std::string_view name) const {
  if (!name.empty()) {
    const model::Trunk* t = trunk(tenant, name);
    return t && !t->gateway.empty() ? t : nullptr;
  }
  for (const auto& t : p_.trunks)
    if (t.tenant == tenant && !t.gateway.empty()) return &t;
  return nullptr;
}

}  // namespace plateau::core
