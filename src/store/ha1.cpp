#include "store/ha1.h"

#include <openssl/evp.h>

#include <string>

namespace plateau::store {

Result<std::string> compute_ha1(std::string_view username, std::string_view realm,
                                std::string_view password) {
  std::string input;
  input.reserve(username.size() + realm.size() + password.size() + 2);
  input.append(username).append(":").append(realm).append(":").append(password);

  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // MD5 may be unavailable when OpenSSL runs in FIPS mode: report it, do not crash.
  if (EVP_Digest(input.data(), input.size(), digest, &len, EVP_md5(), nullptr) != 1) {
    return make_error("store.crypto", "cannot compute the digest secret of phone \"" + std::string(username) +
                                          "\": OpenSSL refused MD5");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  return hex;
}

}  // namespace plateau::store
