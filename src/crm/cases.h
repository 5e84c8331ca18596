// cases.h — the rules of CRM cases (docs/CRM.md): statuses and the moves
// allowed between them, priorities, the readable reference given to the
// customer, the default categories and the due date from a category's SLA.
//
// Pure functions; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/provisioning.h"

namespace plateau::crm {

enum class CaseStatus { Open, InProgress, WaitingCustomer, Resolved, Closed };
inline constexpr CaseStatus kCaseStatuses[] = {CaseStatus::Open, CaseStatus::InProgress, CaseStatus::WaitingCustomer,
                                               CaseStatus::Resolved, CaseStatus::Closed};
std::string_view to_string(CaseStatus s);
std::optional<CaseStatus> parse_case_status(std::string_view s);

// open -> in_progress, waiting_customer, resolved, closed
// in_progress -> open, waiting_customer, resolved, closed
// waiting_customer -> in_progress, resolved, closed
// resolved -> in_progress (reopened), closed
// closed -> nothing (a closed case stays closed: a new contact opens a new case)
bool transition_allowed(CaseStatus from, CaseStatus to);
// ok, or "crm.bad_transition" with a sentence naming both statuses and the allowed ones.
Status check_transition(std::string_view from, std::string_view to);

inline constexpr std::string_view kCasePriorities[] = {"low", "normal", "high", "urgent"};
bool is_case_priority(std::string_view p);

// The categories a tenant that declares none gets: complaint 48 h, request
// 72 h, technical 24 h (high), voicemail 24 h.
std::vector<model::CaseCategory> default_case_categories(std::string_view tenant);
// The tenant's declared categories, or the defaults when it declares none.
std::vector<model::CaseCategory> case_categories_of(const model::Tenant& t);
const model::CaseCategory* find_category(const std::vector<model::CaseCategory>& list, std::string_view name);

// The category voicemails left in the IVR become.
inline constexpr std::string_view kVoicemailCategory = "voicemail";

// Due date: `sla_hours` after the creation (calendar hours, UTC).
int64_t case_due_ms(int64_t created_ms, int sla_hours);

// The tenant's part of a reference: its name in capitals, letters and digits
// only, at most 12 ("t1" -> "T1", "acme-bank" -> "ACMEBANK"; "" -> "CASE").
std::string reference_prefix(std::string_view tenant);
// The UTC year of a time.
int year_of(int64_t ms);
// "<prefix>-<year>-<sequence on 6 digits at least>", e.g. "T1-2026-000042".
std::string format_reference(std::string_view prefix, int year, int64_t sequence);

struct ReferenceParts {
  std::string prefix;
  int year = 0;
  int64_t sequence = 0;
};
// The parts of a well-formed reference (letters in any case), or nullopt.
std::optional<ReferenceParts> parse_reference(std::string_view text);

}  // namespace plateau::crm
