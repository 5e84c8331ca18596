// temp_dir.h — the media tests' scratch directory (see common/testing/temp_dir.h).
#pragma once

#include "common/testing/temp_dir.h"

namespace plateau::media::test {
using TempDir = plateau::test_support::TempDir;
}  // namespace plateau::media::test
