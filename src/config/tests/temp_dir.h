// temp_dir.h — the config tests' scratch directory (see common/testing/temp_dir.h).
#pragma once

#include "common/testing/temp_dir.h"

namespace plateau::config::testing {
using TempDir = plateau::test_support::TempDir;
}  // namespace plateau::config::testing
