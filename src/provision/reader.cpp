#include "provision/reader.h"

#include <algorithm>
#include <cctype>

namespace plateau::provision {

Pos pos_of(const toml::source_region& r) { return Pos{r.begin.line, r.begin.column}; }

std::string quoted_key(std::string_view key) {
  bool bare = !key.empty();
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') bare = false;
  }
  return bare ? std::string(key) : "\"" + std::string(key) + "\"";
}

const char* kind_of(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date/time";
  }
}

ObjectReader::ObjectReader(const toml::table& table, std::string_view kind, int index, Diagnostics& diag)
    : table_(table), kind_(kind), index_(index), diag_(diag), table_pos_(pos_of(table.source())) {}

ObjectReader ObjectReader::nested(const toml::table& table, const std::string& path) const {
  ObjectReader r(table, kind_, index_, diag_);
  r.name_ = name_;
  r.prefix_ = prefix_ + path + ".";
  return r;
}

std::string ObjectReader::label() const {
  // Index 0: a plain [kind] table.
  std::string l = index_ ? "[[" + kind_ + "]] #" + std::to_string(index_) : "[" + kind_ + "]";
  if (!name_.empty()) l += " (" + name_ + ")";
  return l;
}

void ObjectReader::fault(Pos at, const std::string& text) { diag_.add(at, label() + ": " + text); }

const toml::node* ObjectReader::find(std::string_view key, bool required) {
  known_.emplace(key);
  const toml::node* n = table_.get(key);
  if (!n && required) fault(table_pos_, "missing required key \"" + name_of(key) + "\"");
  return n;
}

Pos ObjectReader::pos(std::string_view key) const {
  const toml::node* n = table_.get(key);
  return n ? pos_of(n->source()) : table_pos_;
}

Pos ObjectReader::element_pos(std::string_view key, size_t i) const {
  const toml::node* n = table_.get(key);
  if (n && n->is_array() && i < n->as_array()->size()) return pos_of(n->as_array()->get(i)->source());
  return pos(key);
}

void ObjectReader::wrong_type(std::string_view key, const toml::node& node, const char* want) {
  fault(pos_of(node.source()), name_of(key) + " must be " + want + ", not " + kind_of(node));
}

bool ObjectReader::in_range(const std::string& key, const toml::node& node, int64_t min, int64_t max) {
  const int64_t v = node.as_integer()->get();
  if (v >= min && v <= max) return true;
  fault(pos_of(node.source()), key + " must be " + std::to_string(min) + ".." + std::to_string(max) +
                                   " (got " + std::to_string(v) + ")");
  return false;
}

std::optional<std::string> ObjectReader::string(std::string_view key, bool required) {
  const toml::node* n = find(key, required);
  if (!n) return std::nullopt;
  if (!n->is_string()) {
    wrong_type(key, *n, "a string");
    return std::nullopt;
  }
  return n->as_string()->get();
}

std::optional<int64_t> ObjectReader::integer(std::string_view key, int64_t min, int64_t max, bool required) {
  const toml::node* n = find(key, required);
  if (!n) return std::nullopt;
  if (!n->is_integer()) {
    wrong_type(key, *n, "an integer");
    return std::nullopt;
  }
  if (!in_range(name_of(key), *n, min, max)) return std::nullopt;
  return n->as_integer()->get();
}

std::optional<bool> ObjectReader::boolean(std::string_view key) {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  if (!n->is_boolean()) {
    wrong_type(key, *n, "true or false");
    return std::nullopt;
  }
  return n->as_boolean()->get();
}

template <class T, class Get>
std::optional<std::vector<T>> ObjectReader::array_of(std::string_view key, bool required, const char* want,
                                                     const char* element_want, Get get) {
  const toml::node* n = find(key, required);
  if (!n) return std::nullopt;
  if (!n->is_array()) {
    wrong_type(key, *n, want);
    return std::nullopt;
  }
  std::vector<T> out;
  bool ok = true;
  size_t i = 0;
  for (const toml::node& e : *n->as_array()) {
    if (std::optional<T> v = get(e)) {
      out.push_back(std::move(*v));
    } else {
      fault(pos_of(e.source()),
            name_of(key) + "[" + std::to_string(i) + "] must be " + element_want + ", not " + kind_of(e));
      ok = false;
    }
    ++i;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> ObjectReader::strings(std::string_view key, bool required) {
  return array_of<std::string>(key, required, "an array of strings", "a string",
                               [](const toml::node& e) -> std::optional<std::string> {
                                 if (!e.is_string()) return std::nullopt;
                                 return e.as_string()->get();
                               });
}

const toml::table* ObjectReader::table(std::string_view key) {
  const toml::node* n = find(key);
  if (!n) return nullptr;
  if (!n->is_table()) {
    wrong_type(key, *n, "an inline table");
    return nullptr;
  }
  return n->as_table();
}

std::optional<std::vector<const toml::table*>> ObjectReader::tables(std::string_view key, bool required) {
  return array_of<const toml::table*>(key, required, "an array of inline tables", "an inline table",
                                      [](const toml::node& e) -> std::optional<const toml::table*> {
                                        if (!e.is_table()) return std::nullopt;
                                        return e.as_table();
                                      });
}

std::optional<std::vector<ObjectReader::Entry>> ObjectReader::integer_table(std::string_view key, int64_t min,
                                                                            int64_t max) {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  if (!n->is_table()) {
    wrong_type(key, *n, "an inline table of integers");
    return std::nullopt;
  }
  std::vector<Entry> out;
  for (auto&& [k, v] : *n->as_table()) {
    const std::string entry = name_of(key) + "." + quoted_key(k.str());
    if (!v.is_integer()) {
      fault(pos_of(v.source()), entry + " must be an integer, not " + kind_of(v));
      continue;
    }
    if (!in_range(entry, v, min, max)) continue;
    const Pos value_pos = pos_of(v.source());
    out.push_back({std::string(k.str()), v.as_integer()->get(),
                   k.source().begin.line ? pos_of(k.source()) : value_pos, value_pos});
  }
  // toml++ keeps a table's keys sorted; give them back as written.
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    return a.name_pos.line != b.name_pos.line ? a.name_pos.line < b.name_pos.line
                                              : a.name_pos.column < b.name_pos.column;
  });
  return out;
}

std::optional<std::vector<ObjectReader::TextEntry>> ObjectReader::string_table(std::string_view key,
                                                                                bool required) {
  const toml::node* n = find(key, required);
  if (!n) return std::nullopt;
  if (!n->is_table()) {
    wrong_type(key, *n, "an inline table of strings");
    return std::nullopt;
  }
  std::vector<TextEntry> out;
  for (auto&& [k, v] : *n->as_table()) {
    if (!v.is_string()) {
      fault(pos_of(v.source()), name_of(key) + "." + quoted_key(k.str()) + " must be a string, not " + kind_of(v));
      continue;
    }
    const Pos value_pos = pos_of(v.source());
    out.push_back({std::string(k.str()), v.as_string()->get(), k.source().begin.line ? pos_of(k.source()) : value_pos,
                   value_pos});
  }
  std::stable_sort(out.begin(), out.end(), [](const TextEntry& a, const TextEntry& b) {
    return a.name_pos.line != b.name_pos.line ? a.name_pos.line < b.name_pos.line
                                              : a.name_pos.column < b.name_pos.column;
  });
  return out;
}

std::optional<std::vector<std::string>> ObjectReader::string_or_strings(std::string_view key, bool required) {
  const toml::node* n = table_.get(key);
  if (n && n->is_string()) {
    known_.emplace(key);
    return std::vector<std::string>{n->as_string()->get()};
  }
  if (n && !n->is_array()) {
    known_.emplace(key);
    wrong_type(key, *n, "a string or an array of strings");
    return std::nullopt;
  }
  return strings(key, required);
}

void ObjectReader::finish() {
  for (auto&& [k, v] : table_) {
    if (known_.count(k.str())) continue;
    Pos at = k.source().begin.line ? pos_of(k.source()) : pos_of(v.source());
    fault(at, "unknown key \"" + name_of(k.str()) + "\"");
  }
}

}  // namespace plateau::provision
