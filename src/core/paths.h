// paths.h — where the router files what a call leaves behind.
// Pure; private to src/core.
#pragma once

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

namespace plateau::core {

// <dir>/YYYY/MM/DD/<call id>.wav (UTC date of the call's start): recordings, voicemails.
inline std::string dated_path(const std::string& dir, const std::string& pid, int64_t start_ms) {
  time_t secs = static_cast<time_t>(start_ms / 1000);
  struct tm tm {};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "/%04d/%02d/%02d/%s.wav", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                pid.c_str());
  return dir + buf;
}

}  // namespace plateau::core
