// Byte ranges as browsers send them for <audio>: open-ended, bounded, suffix,
// capped, and the ones to ignore or refuse.
#include "http/range.h"

#include <gtest/gtest.h>

namespace plateau::http {
namespace {

RangeResult parse(std::optional<std::string_view> h, uint64_t size, uint64_t max, ByteRange& r) {
  return parse_range(h, size, max, r);
}

TEST(HttpRange, Forms) {
  ByteRange r;
  EXPECT_EQ(parse(std::nullopt, 1000, 0, r), RangeResult::Whole);
  ASSERT_EQ(parse("bytes=0-", 1000, 0, r), RangeResult::Partial);
  EXPECT_EQ(r, (ByteRange{0, 999}));
  ASSERT_EQ(parse("bytes=100-199", 1000, 0, r), RangeResult::Partial);
  EXPECT_EQ(r, (ByteRange{100, 199}));
  EXPECT_EQ(r.length(), 100u);
  ASSERT_EQ(parse("bytes=900-5000", 1000, 0, r), RangeResult::Partial);
  EXPECT_EQ(r, (ByteRange{900, 999}));
  ASSERT_EQ(parse("bytes=-100", 1000, 0, r), RangeResult::Partial);
  EXPECT_EQ(r, (ByteRange{900, 999}));
  ASSERT_EQ(parse("bytes=-5000", 1000, 0, r), RangeResult::Partial);
  EXPECT_EQ(r, (ByteRange{0, 999}));
  ASSERT_EQ(parse("bytes=10-20, 30-40", 1000, 0, r), RangeResult::Partial);
  EXPECT_EQ(r, (ByteRange{10, 20}));
}

TEST(HttpRange, CappedToTheLargestAnswer) {
  ByteRange r;
  ASSERT_EQ(parse("bytes=0-", 10'000'000, 1'048'576, r), RangeResult::Partial);
  EXPECT_EQ(r, (ByteRange{0, 1'048'575}));
  ASSERT_EQ(parse("bytes=5000000-", 10'000'000, 1'048'576, r), RangeResult::Partial);
  EXPECT_EQ(r, (ByteRange{5'000'000, 6'048'575}));
}

TEST(HttpRange, IgnoredOrRefused) {
  ByteRange r;
  EXPECT_EQ(parse("items=0-5", 1000, 0, r), RangeResult::Whole);
  EXPECT_EQ(parse("bytes=abc-", 1000, 0, r), RangeResult::Whole);
  EXPECT_EQ(parse("bytes=20-10", 1000, 0, r), RangeResult::Whole);
  EXPECT_EQ(parse("bytes=1000-", 1000, 0, r), RangeResult::Unsatisfiable);
  EXPECT_EQ(parse("bytes=-0", 1000, 0, r), RangeResult::Unsatisfiable);
  EXPECT_EQ(parse("bytes=0-", 0, 0, r), RangeResult::Unsatisfiable);
}

}  // namespace
}  // namespace plateau::http
