// case.h — the CRM's cases (complaints, requests, technical tickets,
// voicemails), the notes kept on a customer, and the dispositions agents give
// at the end of a call's wrap-up (docs/CRM.md).
//
// Statuses and priorities travel as their text forms ("open", "high"); the
// rules between them are in src/crm/cases.h. Times are UTC milliseconds.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace plateau::model {

// One change of a case: what field went from which value to which, who did
// it, when, and why. The creation is the change of "status" from "" to "open".
struct CaseChange {
  int64_t ts_ms = 0;
  std::string actor;  // user login, agent login, or "system"
  std::string field;  // "status", "owner", "priority", "note"
  std::string old_value, new_value;
  std::string note;
  friend bool operator==(const CaseChange&, const CaseChange&) = default;
};

struct Case {
  std::string tenant;
  std::string reference;    // given to the customer, e.g. "T1-2026-000042"
  std::string customer_id;  // "" when the customer is not known (a voicemail of an unknown caller)
  std::string category;     // one of the tenant's case categories
  std::string priority;     // low, normal, high, urgent
  std::string status = "open";  // open, in_progress, waiting_customer, resolved, closed
  std::string owner;        // user login ("" = nobody yet)
  std::string subject, description;
  std::string call_id;      // the call it came from ("" = none)
  std::string recording;    // a voicemail's file, relative to the data directory
  std::string created_by;
  int64_t created_ms = 0, updated_ms = 0, due_ms = 0;
  std::vector<CaseChange> history;  // oldest first; filled by look-ups of one case
  friend bool operator==(const Case&, const Case&) = default;
};

// A note written on a customer's card, possibly about a call.
struct CustomerNote {
  int64_t id = 0;
  std::string tenant, customer_id, author, text, call_id;
  int64_t created_ms = 0;
  friend bool operator==(const CustomerNote&, const CustomerNote&) = default;
};

// What an agent recorded at the end of a call's wrap-up.
struct Disposition {
  std::string tenant, call_id, agent, disposition, note;
  int64_t ts_ms = 0;
  friend bool operator==(const Disposition&, const Disposition&) = default;
};

}  // namespace plateau::model
