// user_command.h — `plateau user add|passwd|list|remove --data-dir D ...`:
// users of the API managed offline, in the database (docs/API.md). A running
// server reads users and sessions at start: use the API (/api/v1/users) to
// change them while it runs.
//
// Main thread. Passwords are read from standard input (one line; not echoed
// on a terminal), never from the command line. Exit codes: 0 done, 1 the
// database failed, 2 bad input (login, membership, password, unknown user).
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace plateau::app {

int user_add_command(const config::Config& cfg, const std::string& login, const std::string& name,
                     const std::vector<std::string>& members);
int user_passwd_command(const config::Config& cfg, const std::string& login);
int user_list_command(const config::Config& cfg);
int user_remove_command(const config::Config& cfg, const std::string& login);

}  // namespace plateau::app
