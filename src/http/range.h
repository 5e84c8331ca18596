// range.h — one HTTP byte range (RFC 9110 §14): "bytes=first-last",
// "bytes=first-" or "bytes=-suffix", against a representation of `size`
// bytes. Several ranges in one header are not served (the first is taken).
//
// Pure; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace plateau::http {

struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;  // inclusive
  uint64_t length() const { return last - first + 1; }
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

enum class RangeResult { Whole, Partial, Unsatisfiable };

// `header` is the Range header's value. Whole: serve everything (no header, or
// one that is not a bytes range, which RFC 9110 says to ignore). Partial:
// `out` is the range, its last byte capped to size-1 and to first+max_bytes-1.
// Unsatisfiable: the range starts at or after the end (answer 416).
RangeResult parse_range(std::optional<std::string_view> header, uint64_t size, uint64_t max_bytes, ByteRange& out);

}  // namespace plateau::http
