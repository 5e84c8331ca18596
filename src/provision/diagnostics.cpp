#include "provision/diagnostics.h"

#include <algorithm>

namespace plateau::provision {

void Diagnostics::add(Pos at, std::string text) { faults_.push_back({at, std::move(text)}); }

Error Diagnostics::error() const {
  std::vector<Fault> sorted = faults_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Fault& a, const Fault& b) {
    return a.at.line != b.at.line ? a.at.line < b.at.line : a.at.column < b.at.column;
  });
  std::string msg;
  for (const Fault& f : sorted) {
    if (!msg.empty()) msg += '\n';
    msg += origin_ + ":" + std::to_string(f.at.line) + ":" + std::to_string(f.at.column) + ": " + f.text;
  }
  return make_error("provision.invalid", msg);
}

}  // namespace plateau::provision
