// flow_set.h — the published flows in force: the latest version of each
// (tenant, flow name). Immutable once built and shared as FlowSetPtr; a
// publication builds a new set and swaps it in (calls in progress keep the
// FlowPtr they started with). Any thread may read it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "ivr/flow.h"

namespace plateau::ivr {

class FlowSet {
 public:
  FlowSet() = default;
  // A copy of `base` with `flow` added or replacing the one of the same tenant and name.
  FlowSet(const FlowSet& base, FlowPtr flow) : flows_(base.flows_) { add(std::move(flow)); }

  void add(FlowPtr flow) { flows_[{flow->tenant, flow->name}] = std::move(flow); }
  FlowPtr find(const std::string& tenant, const std::string& name) const {
    auto it = flows_.find({tenant, name});
    return it == flows_.end() ? nullptr : it->second;
  }
  const std::map<std::pair<std::string, std::string>, FlowPtr>& all() const { return flows_; }

 private:
  std::map<std::pair<std::string, std::string>, FlowPtr> flows_;
};

using FlowSetPtr = std::shared_ptr<const FlowSet>;

}  // namespace plateau::ivr
