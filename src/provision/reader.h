// reader.h — typed access to the keys of one [[kind]] table, with faults recorded.
//
// Each getter marks its key as known; finish() then reports every other key as
// unknown. Faults are prefixed with the object's label, "[[queue]] #2 (support)",
// where the name part appears once set_name() has been called.
// Thread-safety: used by one parse on one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "provision/diagnostics.h"

namespace plateau::provision {

class ObjectReader {
 public:
  ObjectReader(const toml::table& table, std::string_view kind, int index, Diagnostics& diag);

  void set_name(const std::string& name) { name_ = name; }
  std::string label() const;

  // A string; nullopt when absent (a fault if required) or of another type.
  std::optional<std::string> string(std::string_view key, bool required);
  // An integer within [min, max]; nullopt when absent, of another type or out of range.
  std::optional<int64_t> integer(std::string_view key, int64_t min, int64_t max);
  std::optional<bool> boolean(std::string_view key);
  // An array of strings; nullopt when absent (a fault if required) or malformed.
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required);

  // Where the key's value is, or the table itself when the key is absent.
  Pos pos(std::string_view key) const;
  Pos table_pos() const { return table_pos_; }
  // Where element `i` of the array `key` is (the key's place if there is none).
  Pos element_pos(std::string_view key, size_t i) const;

  // Records "<label>: <text>" at `at`.
  void fault(Pos at, const std::string& text);

  // Reports the keys no getter asked for.
  void finish();

 private:
  const toml::node* find(std::string_view key);
  void wrong_type(std::string_view key, const toml::node& node, const char* want);

  const toml::table& table_;
  std::string kind_;
  int index_;
  Diagnostics& diag_;
  std::string name_;
  Pos table_pos_;
  std::set<std::string, std::less<>> known_;
};

Pos pos_of(const toml::source_region& r);

// "a string", "an integer", "an array", ... for messages.
const char* kind_of(const toml::node& node);

}  // namespace plateau::provision
