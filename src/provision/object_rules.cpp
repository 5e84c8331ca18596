// object_rules.cpp — rules on single values shared by the readers of each [[kind]].
#include "provision/object_rules.h"

#include <cctype>

namespace plateau::provision {

namespace {

constexpr size_t kMaxId = 64;

bool id_chars(std::string_view s, bool plus) {
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-' &&
        !(plus && c == '+')) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool check_id(ObjectReader& r, std::string_view key, const std::string& v) {
  if (v.empty()) {
    r.fault(r.pos(key), std::string(key) + " must not be empty");
    return false;
  }
  if (v.size() > kMaxId || !id_chars(v, true)) {
    r.fault(r.pos(key),
            std::string(key) + " \"" + v + "\" must be 1-64 characters among 0-9 A-Z a-z + . _ -");
    return false;
  }
  return true;
}

void check_prompt(ObjectReader& r, std::string_view key, const std::string& v) {
  if (v.empty() || v.size() > kMaxId || v.front() == '.' || !id_chars(v, false)) {
    r.fault(r.pos(key), std::string(key) + " \"" + v +
                            "\" is not a prompt name (1-64 characters among 0-9 A-Z a-z . _ -, "
                            "not starting with a dot)");
  }
}

std::string read_key(ObjectReader& r, std::string_view key, std::map<std::string, Pos>& at) {
  auto v = r.string(key, true);
  if (!v) return {};
  at[std::string(key)] = r.pos(key);
  if (!check_id(r, key, *v)) return {};
  r.set_name(*v);
  return *v;
}

std::string read_tenant_ref(ObjectReader& r, std::map<std::string, Pos>& at) {
  auto v = r.string("tenant", true);
  if (!v) return {};
  at["tenant"] = r.pos("tenant");
  return *v;
}

}  // namespace plateau::provision
