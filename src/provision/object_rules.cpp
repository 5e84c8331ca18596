// object_rules.cpp — rules on single values shared by the readers of each [[kind]].
#include "provision/object_rules.h"

#include <cctype>

#include "acd/requirement.h"

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

bool is_dial_number(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string read_requirement(ObjectReader& r, std::string_view key) {
  auto v = r.string(key, false);
  if (!v) return {};
  if (Status st = acd::check_requirement(*v); !st) {
    r.fault(r.pos(key), r.name_of(key) + " is not a skill requirement (e.g. \"lang_fr >= 3 and billing\"): " +
                            st.error().message);
  }
  return *v;
}

}  // namespace plateau::provision
