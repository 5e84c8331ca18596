// provision.cpp — file in, Provisioning out: TOML syntax, the top-level shape,
// then each object (objects.cpp) and the relations between them (checks.cpp).
#include "provision/provision.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "provision/objects.h"

namespace plateau::provision {

namespace {

bool is_kind(std::string_view key) {
  for (const char* k : kKinds) {
    if (key == k) return true;
  }
  return false;
}

void read_root(const toml::table& root, Diagnostics& diag, Parsed& parsed) {
  for (auto&& [key, node] : root) {
    const std::string k(key.str());
    const Pos at = key.source().begin.line ? pos_of(key.source()) : pos_of(node.source());
    if (!is_kind(k)) {
      diag.add(at, "unknown section \"" + k +
                       "\" (expected [[tenant]], [[trunk]], [[queue]], [[number]], [[phone]], "
                       "[[agent]], [[schedule]], [[case_category]] or [[evaluation_form]])");
      continue;
    }
    const toml::array* items = node.as_array();
    if (!items || !items->is_array_of_tables()) {
      diag.add(at, k + " must be written as [[" + k + "]] tables");
      continue;
    }
    int index = 0;
    for (const toml::node& item : *items) {
      ObjectReader reader(*item.as_table(), k, ++index, diag);
      read_object(k, reader, parsed);
    }
  }
}

}  // namespace

Result<model::Provisioning> parse_string(std::string_view text, std::string_view origin_name) {
  const std::string origin(origin_name);
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    return make_error("provision.syntax", origin + ":" + std::to_string(b.line) + ":" +
                                              std::to_string(b.column) +
                                              ": TOML syntax error: " + std::string(e.description()));
  }
  Diagnostics diag(origin);
  Parsed parsed;
  read_root(root, diag, parsed);
  check_relations(parsed, diag);
  if (!diag.empty()) return diag.error();
  return to_model(std::move(parsed));
}

Result<model::Provisioning> parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return make_error("provision.io", path + ": cannot read the provisioning file: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return make_error("provision.io", path + ": read error");
  return parse_string(text.str(), path);
}

}  // namespace plateau::provision
