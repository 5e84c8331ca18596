// object_rules.h — what the readers of each [[kind]] share (private to
// src/provision): the object's key and tenant, identifiers, prompt names,
// dialable numbers, skill requirements.
// Thread-safety: used by one parse on one thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "provision/objects.h"
#include "provision/reader.h"

namespace plateau::provision {

// Names, DIDs, usernames and logins: 1-64 characters among 0-9 A-Z a-z + . _ -.
bool check_id(ObjectReader& r, std::string_view key, const std::string& v);

// Prompt names become file names under prompts.dir: no separators, no dot files.
void check_prompt(ObjectReader& r, std::string_view key, const std::string& v);

// Reads the key that names the object first, so later faults carry the name.
std::string read_key(ObjectReader& r, std::string_view key, std::map<std::string, Pos>& at);

// The required "tenant" key, its place kept in `at`.
std::string read_tenant_ref(ObjectReader& r, std::map<std::string, Pos>& at);

// Starts an object of a tenant: reads its key (`key_name` into `key`) and its tenant.
// Digits with an optional leading "+", e.g. "+212522000000".
bool is_dial_number(std::string_view s);

// The skill requirement (src/acd/requirement.h) at `key`; a malformed one is a
// fault at the key's value. "" when absent.
std::string read_requirement(ObjectReader& r, std::string_view key);

// A queue's overflow actions and their keys, in the order they are read and checked.
struct OverflowKey {
  const char* key;
  model::Overflow model::Queue::*field;
};
inline constexpr OverflowKey kOverflowKeys[] = {{"on_timeout", &model::Queue::on_timeout},
                                                {"on_full", &model::Queue::on_full},
                                                {"on_no_agent", &model::Queue::on_no_agent}};

template <class T>
Located<T> start(ObjectReader& r, std::string T::*key, std::string_view key_name) {
  Located<T> l;
  l.table = r.table_pos();
  l.obj.*key = read_key(r, key_name, l.at);
  l.obj.tenant = read_tenant_ref(r, l.at);
  return l;
}

template <class T>
void done(ObjectReader& r, Located<T>&& l, std::vector<Located<T>>& out) {
  l.label = r.label();
  r.finish();
  out.push_back(std::move(l));
}

void read_tenant(ObjectReader& r, Parsed& out);
void read_trunk(ObjectReader& r, Parsed& out);
void read_queue(ObjectReader& r, Parsed& out);
void read_number(ObjectReader& r, Parsed& out);
void read_agent(ObjectReader& r, Parsed& out);
void read_schedule(ObjectReader& r, Parsed& out);
void read_case_category(ObjectReader& r, Parsed& out);
void read_evaluation_form(ObjectReader& r, Parsed& out);

}  // namespace plateau::provision
