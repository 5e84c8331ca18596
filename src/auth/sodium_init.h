// sodium_init.h — libsodium's one-time initialisation (private to src/auth).
// Thread-safe.
#pragma once

namespace plateau::auth {

// Initialises libsodium once; false if it cannot be (no entropy source).
bool sodium_ready();

}  // namespace plateau::auth
