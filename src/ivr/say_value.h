// say_value.h — what a `say` step says: its value rendered from the call's
// attributes and read as a number, digits, an amount, a date, a time or a
// duration, turned into say:: fragments in the call's language.
//
// Pure; any thread. Errors: "ivr.say" (the value does not read as what the
// step says, e.g. "12,5" as an amount, or the attribute is empty), or the
// say:: error for a value out of range.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "ivr/flow.h"

namespace plateau::ivr {

Result<std::vector<std::string>> say_value(const SayStep& step, const Attributes& attrs, const std::string& lang);
Result<std::vector<std::string>> say_digits_of(const std::string& digits, const std::string& lang);

// "1234.50", "-3", "12.5" -> cents; nullopt for anything else.
std::optional<int64_t> parse_cents(std::string_view text);

}  // namespace plateau::ivr
