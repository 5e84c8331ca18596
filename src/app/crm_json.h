// crm_json.h — the CRM's cases, notes and timelines as the API writes them
// (docs/API.md, section CRM). Pure; any thread.
#pragma once

#include <nlohmann/json.hpp>

#include "model/case.h"
#include "model/customer.h"
#include "store/store.h"

namespace plateau::app {

nlohmann::json case_json(const model::Case& c, bool with_history);
nlohmann::json note_json(const model::CustomerNote& n);
nlohmann::json category_json(const model::CaseCategory& c);
// {"customer_id", "items": [{"type": "call"|"note"|"case"|"disposition", "ts_ms", <type>: {...}}]}, in time order
// (a call at its start, a case at its creation); equal times keep that order of types.
nlohmann::json timeline_json(std::string_view customer_id, const store::Timeline& t);

}  // namespace plateau::app
