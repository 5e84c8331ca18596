// reference_main.cpp — prints docs/CONFIG.md: `plateau-config-reference > docs/CONFIG.md`.
#include <cstdio>

#include "config/config.h"

int main() {
  std::fputs(plateau::config::reference_markdown().c_str(), stdout);
  return 0;
}
