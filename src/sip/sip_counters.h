// sip_counters.h — counts SIP messages by method or response class and by
// direction, from libre's trace hook (every message sent or received).
//
// Telephony thread only; the counts are copied into TelephonyStats.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace plateau::sip {

inline constexpr std::array<std::string_view, 8> kCountedMethods = {"INVITE",  "ACK",     "BYE",  "CANCEL",
                                                                   "REGISTER", "OPTIONS", "INFO", "other"};

struct SipCounts {
  // [0] = in (received), [1] = out (sent)
  std::array<std::array<uint64_t, kCountedMethods.size()>, 2> requests{};
  std::array<std::array<uint64_t, 6>, 2> responses{};  // 1xx..6xx

  // Classifies one message by its first line.
  void count(bool sent, std::string_view first_line);
};

}  // namespace plateau::sip
