// ids.h — typed ids that cross module and thread boundaries instead of pointers.
//
// A CallId names one call (all its legs) for its whole life, in every thread;
// a LegId names one SIP dialog/media leg owned by the telephony thread.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace plateau {

template <class Tag>
struct Id {
  uint64_t value = 0;
  constexpr bool valid() const { return value != 0; }
  friend constexpr bool operator==(Id a, Id b) { return a.value == b.value; }
  friend constexpr bool operator!=(Id a, Id b) { return a.value != b.value; }
  friend constexpr bool operator<(Id a, Id b) { return a.value < b.value; }
};

using CallId = Id<struct CallTag>;
using LegId = Id<struct LegTag>;
using MediaId = Id<struct MediaTag>;

}  // namespace plateau

template <class Tag>
struct std::hash<plateau::Id<Tag>> {
  size_t operator()(plateau::Id<Tag> id) const noexcept { return std::hash<uint64_t>{}(id.value); }
};
