// token.h — session tokens: 32 random bytes written in URL-safe base64 (43
// characters, no padding), given to the user once; only their hash
// (BLAKE2b-256, crypto_generichash, as 64 hex digits) is kept in memory and in
// the database, so a copy of the database holds no usable token.
//
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace plateau::auth {

inline constexpr size_t kTokenLength = 43;

// A new token (libsodium's randombytes).
std::string new_token();

// Its hash as 64 lower-case hex digits.
std::string token_hash(std::string_view token);

// Whether `text` has the shape of a token from new_token().
bool looks_like_token(std::string_view text);

}  // namespace plateau::auth
