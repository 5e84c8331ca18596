#include "sip/nonce.h"

#include <cstdio>
#include <random>

#include "sip/re.h"

namespace plateau::sip {

NonceIssuer::NonceIssuer() {
  std::random_device rd;
  for (auto& b : secret_) b = static_cast<uint8_t>(rd());
}

NonceIssuer::NonceIssuer(std::array<uint8_t, 20> secret) : secret_(secret) {}

std::string NonceIssuer::mac(std::string_view issued) const {
  uint8_t digest[20];
  hmac_sha1(secret_.data(), secret_.size(), reinterpret_cast<const uint8_t*>(issued.data()), issued.size(),
            digest, sizeof digest);
  char hex[41];
  for (int i = 0; i < 20; ++i) std::snprintf(hex + 2 * i, 3, "%02x", digest[i]);
  return std::string(hex, 40);
}

std::string NonceIssuer::issue(int64_t now_ms) const {
  char issued[24];
  std::snprintf(issued, sizeof issued, "%llx", static_cast<unsigned long long>(now_ms));
  return std::string(issued) + "." + mac(issued);
}

bool NonceIssuer::valid(std::string_view nonce, int64_t now_ms, int64_t max_age_ms) const {
  auto dot = nonce.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 16) return false;
  std::string_view issued = nonce.substr(0, dot);
  if (nonce.substr(dot + 1) != mac(issued)) return false;
  unsigned long long t = 0;
  for (char ch : issued) {
    int v = (ch >= '0' && ch <= '9') ? ch - '0' : (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10 : -1;
    if (v < 0) return false;
    t = t * 16 + static_cast<unsigned>(v);
  }
  const auto age = now_ms - static_cast<int64_t>(t);
  return age >= -1000 && age <= max_age_ms;
}

bool hex_to_md5(std::string_view hex, uint8_t out[16]) {
  if (hex.size() != 32) return false;
  for (int i = 0; i < 16; ++i) {
    unsigned v = 0;
    for (int k = 0; k < 2; ++k) {
      char ch = hex[2 * i + k];
      int d = (ch >= '0' && ch <= '9') ? ch - '0' : (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10
                                                  : (ch >= 'A' && ch <= 'F') ? ch - 'A' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<unsigned>(d);
    }
    out[i] = static_cast<uint8_t>(v);
  }
  return true;
}

}  // namespace plateau::sip
