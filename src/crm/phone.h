// phone.h — telephone numbers in E.164, the one form the CRM stores and looks up.
//
// normalize_phone() reads a number as people write it and returns it as
// "+<country code><national number>", or nullopt when it is not a telephone
// number. It relies on libphonenumber (Google's numbering-plan library,
// Debian package libphonenumber-dev) for the country codes, trunk prefixes,
// international prefixes and number lengths of every country.
//
// Rules:
//  - Separators are ignored: spaces, '.', '-', '/', parentheses ("06 12 34 56 78",
//    "06.12.34.56.78", "(0)6 12 34 56 78").
//  - "+<cc>..." and "<international prefix of default_country><cc>..." ("00" in
//    Morocco, France and Spain) are international: "+212 6 12 34 56 78",
//    "00212612345678", "0033612345678".
//  - Otherwise the number is national to `default_country` (ISO 3166 alpha-2,
//    any case): its trunk prefix is dropped and its country code added:
//    "0612345678" -> "+212612345678" (MA), -> "+33612345678" (FR);
//    "612345678" -> "+34612345678" (ES, where numbers have 9 digits and no prefix).
//  - A number that starts with the default country's own code and is too long to
//    be national is international without its '+': "212612345678" (MA) ->
//    "+212612345678".
//  - Refused (nullopt): letters (no "1-800-FLOWERS"), any other character, an
//    empty string, a length impossible for the country (too short or too long,
//    e.g. "06-12"), an unknown country code, an unknown `default_country` for a
//    national number. The ranges of the numbering plan are not checked, only
//    lengths, so that new ranges need no new library.
//
// Thread-safety: pure function, any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plateau::crm {

std::optional<std::string> normalize_phone(std::string_view raw, std::string_view default_country = "MA");

// The forms in which a call from the E.164 number `e164` may show its calling
// number, so that call records (which keep the number as it came) can be
// matched: "+212612345678", "00212612345678", "212612345678" and the national
// form "0612345678" ("612345678" in Spain, where there is no trunk prefix).
// Only the E.164 form when `e164` is not a number.
std::vector<std::string> caller_forms(std::string_view e164);

}  // namespace plateau::crm
