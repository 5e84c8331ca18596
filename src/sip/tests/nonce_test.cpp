#include "sip/nonce.h"

#include <gtest/gtest.h>

namespace plateau::sip {
namespace {

TEST(Nonce, IssuedNonceIsValidUntilItAges) {
  NonceIssuer n;
  auto s = n.issue(1'000'000);
  EXPECT_TRUE(n.valid(s, 1'000'000, 300'000));
  EXPECT_TRUE(n.valid(s, 1'300'000, 300'000));
  EXPECT_FALSE(n.valid(s, 1'300'001, 300'000));
}

TEST(Nonce, ForgedOrForeignNoncesAreRefused) {
  NonceIssuer a, b;
  auto s = a.issue(5);
  EXPECT_FALSE(b.valid(s, 5, 1000)) << "another secret";
  std::string forged = s;
  forged[0] = forged[0] == '1' ? '2' : '1';
  EXPECT_FALSE(a.valid(forged, 5, 1000));
  EXPECT_FALSE(a.valid("", 5, 1000));
  EXPECT_FALSE(a.valid("zz.00", 5, 1000));
  EXPECT_FALSE(a.valid(std::string(300, 'a'), 5, 1000));
}

TEST(Nonce, HexToMd5) {
  uint8_t out[16];
  EXPECT_TRUE(hex_to_md5("000102030405060708090a0b0c0d0eFF", out));
  EXPECT_EQ(out[1], 1);
  EXPECT_EQ(out[15], 0xff);
  EXPECT_FALSE(hex_to_md5("0001", out));
  EXPECT_FALSE(hex_to_md5("zz0102030405060708090a0b0c0d0e0f", out));
}

}  // namespace
}  // namespace plateau::sip
