// schedule_rows.h — a schedule as a provisioning row and back (private to
// src/store; the list layout is in provisioning_rows.h).
// Thread-safety: pure functions on values.
#pragma once

#include "common/result.h"
#include "model/provisioning.h"
#include "store/provisioning_rows.h"

namespace plateau::store {

Row schedule_row(const model::Schedule& s);

// Appends the schedule the row describes to `out.schedules`; "store.io" when a
// stored value is not a valid one.
Status add_schedule_row(const Row& r, model::Provisioning& out);

}  // namespace plateau::store
