// announcement.h — what a waiting caller hears about its place in line:
// "you are number 3 ... estimated wait 4 minutes ... press 1 to be called
// back", as a list of prompt names composed in the caller's language.
//
// Pure; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace plateau::core {

// `ewt_ms` < 0: the wait cannot be estimated.
std::vector<std::string> announcement(int position, int64_t ewt_ms, const std::string& language, bool offer_callback);

}  // namespace plateau::core
