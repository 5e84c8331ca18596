#include "crm/phone.h"

#include <phonenumbers/phonenumberutil.h>

#include <cctype>

namespace plateau::crm {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// libphonenumber reads letters as keypad digits and skips many characters;
// only digits, one leading '+' and common separators are a phone number here.
bool plain_characters(std::string_view raw) {
  bool digit_seen = false, other_seen = false;
  for (const char c : raw) {
    if (c >= '0' && c <= '9') {
      digit_seen = true;
    } else if (c == '+') {
      if (digit_seen || other_seen) return false;  // only as the first sign
      other_seen = true;
    } else if (c == ' ') {
      continue;
    } else if (c == '.' || c == '-' || c == '/' || c == '(' || c == ')') {
      other_seen = true;
    } else {
      return false;
    }
  }
  return digit_seen;
}

}  // namespace

std::optional<std::string> normalize_phone(std::string_view raw, std::string_view default_country) {
  if (!plain_characters(raw) || raw.size() > 40) return std::nullopt;
  std::string region(default_country);
  for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(raw), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
  if (util.IsPossibleNumberWithReason(number) != PhoneNumberUtil::IS_POSSIBLE) return std::nullopt;
  std::string out;
  util.Format(number, PhoneNumberUtil::E164, &out);
  return out;
}

std::vector<std::string> caller_forms(std::string_view e164) {
  std::vector<std::string> out{std::string(e164)};
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (e164.empty() || e164[0] != '+' ||
      util.Parse(std::string(e164), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
    return out;
  const std::string digits(e164.substr(1));
  out.push_back("00" + digits);
  out.push_back(digits);
  std::string national, only_digits;
  util.Format(number, PhoneNumberUtil::NATIONAL, &national);
  for (char c : national) {
    if (c >= '0' && c <= '9') only_digits += c;
  }
  if (!only_digits.empty() && only_digits != digits) out.push_back(only_digits);
  return out;
}

}  // namespace plateau::crm
