// error_util.h — the small valid file the error tests append to, and the
// faults a file gives, for src/provision tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "provision/provision.h"

namespace plateau::provision::testing {

// A valid file of 11 lines; tests append from line 12.
inline const std::string kBase =
    "[[tenant]]\n"           // 1
    "name = \"acme\"\n"      // 2
    "\n"                     // 3
    "[[queue]]\n"            // 4
    "tenant = \"acme\"\n"    // 5
    "name = \"sales\"\n"     // 6
    "\n"                     // 7
    "[[phone]]\n"            // 8
    "tenant = \"acme\"\n"    // 9
    "username = \"2001\"\n"  // 10
    "password = \"pw\"\n";   // 11

// The faults of `text`, one per line, or "(valid)".
inline std::string errors(const std::string& text) {
  auto r = parse_string(text, "t.toml");
  if (r.ok()) return "(valid)";
  EXPECT_EQ(r.error().code, "provision.invalid");
  return r.error().message;
}

}  // namespace plateau::provision::testing
