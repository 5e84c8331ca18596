// server.h — wiring of the services for `plateau serve` and `plateau provision`.
//
// Main thread: serve() builds every service, runs the app loop on the calling
// thread until SIGINT/SIGTERM, then stops them in order (HTTP, telephony, the
// store worker drains its queue). Returns the process exit code.
#pragma once

#include <string>

#include "config/config.h"

namespace plateau::app {

int serve(const config::Config& cfg);
int provision_command(const config::Config& cfg, const std::string& file);

}  // namespace plateau::app
