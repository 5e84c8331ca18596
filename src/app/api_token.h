// api_token.h — the bearer token of the HTTP API: configured, or generated on
// first start into <data_dir>/api-token (mode 0600) and reused afterwards.
//
// Main thread, at start.
#pragma once

#include <string>

#include "common/result.h"

namespace plateau::app {

Result<std::string> load_or_create_api_token(const std::string& configured, const std::string& data_dir);

}  // namespace plateau::app
