// password.h — user passwords: Argon2id hashes (libsodium's crypto_pwhash_str,
// "interactive" limits), never the password itself.
//
// Hashing and verifying cost tens of milliseconds of CPU and 64 MiB of memory
// on purpose: call them on a worker thread (the server's hasher), never on the
// app thread. Thread-safe (libsodium is initialised once).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace plateau::auth {

inline constexpr size_t kMinPasswordLength = 8;
inline constexpr size_t kMaxPasswordLength = 256;

// "auth.weak_password" for a password shorter than kMinPasswordLength or longer
// than kMaxPasswordLength bytes.
Status check_password(std::string_view password);

// The encoded hash ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"); "auth.crypto"
// when libsodium cannot (out of memory).
Result<std::string> hash_password(std::string_view password);

// Whether `password` matches `hash` (false for a malformed hash).
bool verify_password(std::string_view hash, std::string_view password);

// Whether `hash` was made with other parameters than hash_password uses now.
bool needs_rehash(std::string_view hash);

}  // namespace plateau::auth
