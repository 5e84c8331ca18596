// diagnostics.h — faults found in a provisioning file, with their places.
//
// Collected while reading and checking, then sorted by line and column and
// joined into one Error. Thread-safety: a plain value used by one parse.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace plateau::provision {

struct Pos {
  uint32_t line = 0;
  uint32_t column = 0;
};

class Diagnostics {
 public:
  explicit Diagnostics(std::string origin) : origin_(std::move(origin)) {}

  // `text` follows "origin:line:col: " in the message.
  void add(Pos at, std::string text);
  bool empty() const { return faults_.empty(); }
  const std::string& origin() const { return origin_; }

  // One line per fault, in file order; code "provision.invalid".
  Error error() const;

 private:
  struct Fault {
    Pos at;
    std::string text;
  };
  std::string origin_;
  std::vector<Fault> faults_;
};

}  // namespace plateau::provision
