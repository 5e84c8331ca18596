// ha1.h — the digest-authentication secret a store keeps instead of a password.
//
// ha1 = lower-case hex MD5("username:realm:password") (RFC 2617 / RFC 8760 with
// MD5), computed with OpenSSL's EVP interface. Thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace plateau::store {

Result<std::string> compute_ha1(std::string_view username, std::string_view realm, std::string_view password);

}  // namespace plateau::store
