// re.h — the one way into libre's headers, private to src/sip.
//
// The compile definitions libre's headers depend on (HAVE_INET6 ...) come from
// the plateau_libre CMake target; never include <re.h> outside src/sip.
#pragma once

extern "C" {
#include <re.h>
}
