// provision.h — the declarative provisioning file (docs/PROVISIONING.md) read into
// a model::Provisioning.
//
// Parsing validates everything that can be checked without the database: required
// and unknown keys, types, ranges, duplicates, references between objects, trunk
// addresses and gateways, time zones, languages, identifier syntax, skill
// requirements, overflow targets (and their cycles), callback trunks, queues
// of another tenant (its agents_from), and schedules (hours, holiday sets,
// dates; zones found by date::locate_zone). All faults are collected
// into one Error (code "provision.invalid"), one line per fault, sorted by place:
//   demo.toml:17:16: [[queue]] #2 (support): ring_timeout must be 1..600 (got 0)
// Other codes: "provision.io" (file unreadable), "provision.syntax" (TOML syntax).
// Phones keep their password; ha1 is left empty (the store derives it with the realm).
// A schedule without a timezone gets its tenant's.
//
// Thread-safety: pure functions (parse_file reads one file, the time-zone check
// looks under $TZDIR or /usr/share/zoneinfo); callable from any thread.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "model/provisioning.h"

namespace plateau::provision {

Result<model::Provisioning> parse_file(const std::string& path);

// `origin_name` stands for the file name in error messages.
Result<model::Provisioning> parse_string(std::string_view text, std::string_view origin_name);

// The shipped demo (data/demo/provisioning.toml), built into the binary.
std::string_view demo_provisioning();

}  // namespace plateau::provision
