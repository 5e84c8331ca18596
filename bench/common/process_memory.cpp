// process_memory.cpp — see process_memory.h.
#include "bench/common/process_memory.h"

#include <malloc.h>
#include <unistd.h>

#include <fstream>

namespace plateau::bench {

size_t heap_bytes() {
  const struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

size_t rss_bytes() {
  std::ifstream f("/proc/self/statm");
  size_t size = 0, resident = 0;
  f >> size >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace plateau::bench
