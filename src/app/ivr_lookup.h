// ivr_lookup.h — the IVR's `lookup` step against the CRM, and a webhook's
// reply read into attributes.
//
// lookup_customer runs on the store worker's thread (it queries the Store);
// reply_attributes is pure (any thread).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "ivr/session.h"
#include "store/store.h"

namespace plateau::app {

// Finds the customer by the caller's number (normalised to E.164 in the
// tenant's country), by customer id, by account (contract) id, or by either
// id; fills the attributes docs/IVR.md lists (customer.*, account.*).
Result<ivr::LookupResult> lookup_customer(store::Store& s, const std::string& tenant, ivr::LookupBy by,
                                          const std::string& key);

// A JSON object's members as attributes: strings as they are, numbers and
// booleans as text ("12.5", "true"), nested objects with dotted names
// ("contract.status"); arrays and nulls are left out. Anything but an object
// gives no attribute.
ivr::Attributes reply_attributes(std::string_view body);

}  // namespace plateau::app
