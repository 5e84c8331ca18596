// server.h — wiring of the services for `plateau serve`, `plateau provision` and
// `plateau crm import`.
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
// `plateau flow check FILE`: 0 valid, 2 faults (printed with their places), 1 unreadable.
int flow_check_command(const config::Config& cfg, const std::string& file);
// `plateau flow publish FILE`: checks, speaks its prompts, stores a new version.
int flow_publish_command(const config::Config& cfg, const std::string& file);

// `plateau crm import --tenant T FILE.csv`: prints the summary and every
// rejected line; exits 0 when every line was imported, 3 when some lines were
// rejected (the others imported), 2 when the file cannot be read or its header
// cannot be used, 1 when the database fails (unknown tenant included).
int crm_import_command(const config::Config& cfg, const std::string& tenant, const std::string& file,
                       const std::string& country);

}  // namespace plateau::app
