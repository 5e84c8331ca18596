// nonce.h — stateless digest nonces: "<issued-ms hex>.<HMAC-SHA1 hex>".
//
// A nonce proves it was issued by this process (secret chosen at start) and
// when; nothing is stored per challenge, so a scanner costs no memory.
// Telephony thread (the object is immutable after construction: any thread).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace plateau::sip {

class NonceIssuer {
 public:
  NonceIssuer();  // random secret
  explicit NonceIssuer(std::array<uint8_t, 20> secret);

  std::string issue(int64_t now_ms) const;
  // Valid if it carries our MAC and is younger than max_age_ms.
  bool valid(std::string_view nonce, int64_t now_ms, int64_t max_age_ms) const;

 private:
  std::string mac(std::string_view issued) const;
  std::array<uint8_t, 20> secret_{};
};

// "0a1b..." (32 hex chars) -> 16 bytes; false if malformed.
bool hex_to_md5(std::string_view hex, uint8_t out[16]);

}  // namespace plateau::sip
