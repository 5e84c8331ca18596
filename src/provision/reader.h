// reader.h — typed access to the keys of one [[kind]] table, with faults recorded.
//
// Each getter marks its key as known; finish() then reports every other key as
// unknown. Faults are prefixed with the object's label, "[[queue]] #2 (support)"
// (or "[flow]" for a plain table, index 0),
// where the name part appears once set_name() has been called. An inline table
// inside the object (an element of `relax = [{ after = 30 }]`) is read by a
// nested reader whose messages name its keys in full: "relax[0].after".
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

  // A reader of `table`, found in this object at `path` (e.g. "relax[0]"),
  // with this object's label.
  ObjectReader nested(const toml::table& table, const std::string& path) const;

  void set_name(const std::string& name) { name_ = name; }
  std::string label() const;

  // A string; nullopt when absent (a fault if required) or of another type.
  std::optional<std::string> string(std::string_view key, bool required);
  // An integer within [min, max]; nullopt when absent (a fault if required), of
  // another type or out of range.
  std::optional<int64_t> integer(std::string_view key, int64_t min, int64_t max, bool required = false);
  std::optional<bool> boolean(std::string_view key);
  // An array of strings; nullopt when absent (a fault if required) or malformed.
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required);
  // An inline table, e.g. hours = { mon = ["08:00-12:00"] }, read with nested();
  // nullptr when absent or of another type.
  const toml::table* table(std::string_view key);
  // An array of inline tables, e.g. relax = [{ after = 30 }, { after = 60 }];
  // nullopt when absent (a fault if required) or malformed.
  std::optional<std::vector<const toml::table*>> tables(std::string_view key, bool required = false);

  // One key = integer of an inline table such as weights = { sales = 2 }.
  struct Entry {
    std::string name;
    int64_t value = 0;
    Pos name_pos;   // where the key is written
    Pos value_pos;  // where its value is
  };
  // An inline table of integers within [min, max], in the order written; the
  // entries of another type or out of range are faults and left out. nullopt
  // when absent or not a table.
  std::optional<std::vector<Entry>> integer_table(std::string_view key, int64_t min, int64_t max);

  // One key = "text" of an inline table such as choices = { "1" = "billing" }.
  struct TextEntry {
    std::string name;
    std::string value;
    Pos name_pos;
    Pos value_pos;
  };
  // An inline table of strings, in the order written; entries of another type
  // are faults and left out. nullopt when absent (a fault if required) or not a table.
  std::optional<std::vector<TextEntry>> string_table(std::string_view key, bool required = false);

  // A string or an array of strings (prompt = "a" or prompt = ["a", "b"]);
  // nullopt when absent (a fault if required) or of another type.
  std::optional<std::vector<std::string>> string_or_strings(std::string_view key, bool required = false);

  // The key as messages name it: "after", or "relax[0].after" in a nested reader.
  std::string name_of(std::string_view key) const { return prefix_ + std::string(key); }

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
  // Marks `key` known; a missing required key is a fault.
  const toml::node* find(std::string_view key, bool required = false);
  void wrong_type(std::string_view key, const toml::node& node, const char* want);
  // The elements of the array at `key` that `get` accepts (std::optional<T>);
  // nullopt, with faults, when it is absent, not an array or has another element.
  template <class T, class Get>
  std::optional<std::vector<T>> array_of(std::string_view key, bool required, const char* want,
                                         const char* element_want, Get get);
  // "<key> must be min..max (got v)" unless v is within; true when it is.
  bool in_range(const std::string& key, const toml::node& node, int64_t min, int64_t max);

  const toml::table& table_;
  std::string kind_;
  int index_;
  Diagnostics& diag_;
  std::string name_;
  std::string prefix_;  // "relax[0]." in a nested reader
  Pos table_pos_;
  std::set<std::string, std::less<>> known_;
};

Pos pos_of(const toml::source_region& r);

// A key as TOML writes it: bare when it can be, otherwise in double quotes.
std::string quoted_key(std::string_view key);

// "a string", "an integer", "an array", ... for messages.
const char* kind_of(const toml::node& node);

}  // namespace plateau::provision
