// fields.h — the values of one CRM import field (private to the CRM import).
//
// Each reader takes the field as written (already unquoted) and returns the
// stored value, or nullopt when the text is not such a value.
// Thread-safety: pure functions, any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace plateau::crm {

// Without spaces and tabs at either end.
std::string_view trim(std::string_view s);

// Cents from "1234.50", "-12.5", "+7", "1234,50" (the comma only when
// `separator` is ';'): an optional sign, 1 to 15 digits, then optionally the
// decimal mark and 1 or 2 digits. No thousands separators.
std::optional<int64_t> parse_amount(std::string_view s, char separator);

// "YYYY-MM-DD" naming a real day of the years 1900..2999.
bool valid_date(std::string_view s);

// "fr", "ar", "es", "en" in any case -> lower case; "" stays "".
std::optional<std::string> parse_language(std::string_view s);

// "MAD" or "EUR" in any case -> upper case.
std::optional<std::string> parse_currency(std::string_view s);

// Something@something.tld without spaces; "" is allowed (no email).
bool valid_email(std::string_view s);

// A customer or account id: 1 to 64 bytes, no control characters.
bool valid_id(std::string_view s);

}  // namespace plateau::crm
