// provisioning_rows.h — provisioning objects as flat keyed rows, so that one
// generic diff (created / updated / deleted / unchanged) serves every kind and
// every back end. Also the checks a back end needs before writing.
//
// Thread-safety: pure functions on values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"
#include "model/provisioning.h"

namespace plateau::store {

enum class Kind { Tenant, Queue, Trunk, Number, Phone, Agent, Schedule };  // in dependency order

inline constexpr Kind kAllKinds[] = {Kind::Tenant, Kind::Queue, Kind::Trunk,   Kind::Number,
                                     Kind::Phone,  Kind::Agent, Kind::Schedule};

const char* kind_name(Kind k);  // "tenant", "queue", ... for messages

using Value = std::variant<int64_t, std::string>;
using Fields = std::vector<Value>;

// One object: `values` in the column order its back end declares for the kind;
// `lists` one list per child table the back end declares for the kind, in that
// order, each holding its items in order:
//   tenant: not-ready reasons {code}, dispositions {code}, agents_from {tenant},
//           case categories {name, sla_hours, default_priority},
//           evaluation forms {name, criteria (JSON)}
//   queue:  relax steps {after_s, requirement, keep_contact}
//   trunk:  addresses {address}
//   agent:  queues {tenant, queue, weight}, skills {skill, level} (by skill)
//   schedule: hours {weekday, start_min, end_min} (by weekday), holiday sets {set},
//             closed {date, hours} ("2026-12-31", "08:00-13:00" or ""), open {date}
struct Row {
  std::string tenant;
  std::string key;  // name, did, login or username
  Fields values;
  std::vector<std::vector<Fields>> lists;
  friend bool operator==(const Row&, const Row&) = default;
};

// Checks that every object names a tenant of `p.tenants`, that keys are not
// empty nor repeated, and that agents name provisioned queues (of any tenant), each once.
Status validate(const model::Provisioning& p);

// The input's objects of one kind; phones get their ha1 for `realm`.
Result<std::vector<Row>> rows_of(Kind k, const model::Provisioning& p, std::string_view realm);

// Appends the object a row describes to `out` (phones: ha1 set, password empty).
Status add_row(Kind k, const Row& r, model::Provisioning& out);

}  // namespace plateau::store
