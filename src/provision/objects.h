// objects.h — reading each [[kind]] table into its model struct, keeping where
// each key was written so the cross-object checks can point at it.
// Thread-safety: used by one parse on one thread.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/provisioning.h"
#include "provision/diagnostics.h"
#include "provision/reader.h"

namespace plateau::provision {

template <class T>
struct Located {
  T obj;
  std::string label;              // "[[queue]] #2 (support)"
  Pos table;                      // the [[kind]] header
  std::map<std::string, Pos> at;  // key (or "queues[1]") -> place of its value
  Pos where(const std::string& key) const {
    auto it = at.find(key);
    return it == at.end() ? table : it->second;
  }
};

struct Parsed {
  std::vector<Located<model::Tenant>> tenants;
  std::vector<Located<model::Trunk>> trunks;
  std::vector<Located<model::Queue>> queues;
  std::vector<Located<model::Number>> numbers;
  std::vector<Located<model::Phone>> phones;
  std::vector<Located<model::Agent>> agents;
  std::vector<Located<model::Schedule>> schedules;
  std::vector<Located<model::CaseCategory>> case_categories;
  std::vector<Located<model::EvaluationForm>> evaluation_forms;
};

// The kinds a file may hold, as written in [[...]].
inline constexpr const char* kKinds[] = {"tenant", "trunk",    "queue",        "number",
                                         "phone",  "agent",    "schedule",     "case_category",
                                         "evaluation_form"};

// Reads the table at `r` into the matching list of `out`; faults go through `r`.
void read_object(std::string_view kind, ObjectReader& r, Parsed& out);

// Duplicates and references between objects.
void check_relations(const Parsed& parsed, Diagnostics& diag);

// What queues do with callers they cannot serve (overflow targets and cycles,
// external numbers, callback trunks) and the dispositions wrap-up may require.
// `tenants`: the tenants defined; objects of other tenants are skipped.
void check_queue_actions(const Parsed& parsed, const std::set<std::string>& tenants, Diagnostics& diag);

// Strips the places; a schedule without a timezone takes its tenant's; case
// categories and evaluation forms go to their tenant's lists.
model::Provisioning to_model(Parsed&& parsed);

}  // namespace plateau::provision
