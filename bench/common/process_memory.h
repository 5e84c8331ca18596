// process_memory.h — the benchmarks' memory readings of their own process:
// heap bytes in use and resident set size, read before and after building
// what is measured (per agent, per contact, per session...).
// Any thread (they read process-wide figures).
#pragma once

#include <cstddef>

namespace plateau::bench {

// Heap bytes in use: mallinfo2's arena blocks in use plus mmapped blocks.
size_t heap_bytes();
// Resident set size (/proc/self/statm), bytes.
size_t rss_bytes();

}  // namespace plateau::bench
