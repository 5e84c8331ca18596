#include "provision/reader.h"

namespace plateau::provision {

Pos pos_of(const toml::source_region& r) { return Pos{r.begin.line, r.begin.column}; }

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

std::string ObjectReader::label() const {
  std::string l = "[[" + kind_ + "]] #" + std::to_string(index_);
  if (!name_.empty()) l += " (" + name_ + ")";
  return l;
}

void ObjectReader::fault(Pos at, const std::string& text) { diag_.add(at, label() + ": " + text); }

const toml::node* ObjectReader::find(std::string_view key) {
  known_.emplace(key);
  return table_.get(key);
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
  fault(pos_of(node.source()), std::string(key) + " must be " + want + ", not " + kind_of(node));
}

std::optional<std::string> ObjectReader::string(std::string_view key, bool required) {
  const toml::node* n = find(key);
  if (!n) {
    if (required) fault(table_pos_, "missing required key \"" + std::string(key) + "\"");
    return std::nullopt;
  }
  if (!n->is_string()) {
    wrong_type(key, *n, "a string");
    return std::nullopt;
  }
  return n->as_string()->get();
}

std::optional<int64_t> ObjectReader::integer(std::string_view key, int64_t min, int64_t max) {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  if (!n->is_integer()) {
    wrong_type(key, *n, "an integer");
    return std::nullopt;
  }
  const int64_t v = n->as_integer()->get();
  if (v < min || v > max) {
    fault(pos_of(n->source()), std::string(key) + " must be " + std::to_string(min) + ".." +
                                   std::to_string(max) + " (got " + std::to_string(v) + ")");
    return std::nullopt;
  }
  return v;
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

std::optional<std::vector<std::string>> ObjectReader::strings(std::string_view key, bool required) {
  const toml::node* n = find(key);
  if (!n) {
    if (required) fault(table_pos_, "missing required key \"" + std::string(key) + "\"");
    return std::nullopt;
  }
  if (!n->is_array()) {
    wrong_type(key, *n, "an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  size_t i = 0;
  for (const toml::node& e : *n->as_array()) {
    if (!e.is_string()) {
      fault(pos_of(e.source()),
            std::string(key) + "[" + std::to_string(i) + "] must be a string, not " + kind_of(e));
      ok = false;
    } else {
      out.push_back(e.as_string()->get());
    }
    ++i;
  }
  if (!ok) return std::nullopt;
  return out;
}

void ObjectReader::finish() {
  for (auto&& [k, v] : table_) {
    if (known_.count(k.str())) continue;
    Pos at = k.source().begin.line ? pos_of(k.source()) : pos_of(v.source());
    fault(at, "unknown key \"" + std::string(k.str()) + "\"");
  }
}

}  // namespace plateau::provision
