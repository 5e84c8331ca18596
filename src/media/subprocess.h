// subprocess.h — runs a short pipeline of programs (a | b | ...) without a
// shell: each argv is passed as is, so text never gets interpreted.
//
// Thread: blocks until every program has exited; for start-up work (prompt
// generation), never for the telephony thread. Thread-safe (no shared state).
#pragma once

#include <string>
#include <vector>

#include "common/result.h"

namespace plateau::media {

using Argv = std::vector<std::string>;

// Runs the commands with stdout of each piped into stdin of the next; the
// first reads /dev/null, the last writes its stdout to /dev/null. Programs are
// found on PATH. The stderr of all of them is captured, and its start is put
// in the error message if any of them fails. Errors: "media.spawn" (cannot
// start), "media.subprocess" (non-zero exit status or killed by a signal).
Status run_pipeline(const std::vector<Argv>& commands);

}  // namespace plateau::media
