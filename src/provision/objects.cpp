// objects.cpp — one reader per [[kind]], with the rules on single values.
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "provision/cidr.h"
#include "provision/objects.h"

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

// Names, DIDs, usernames and logins: they appear in SIP URIs, file names and URLs.
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

// Prompt names become file names under prompts.dir: no separators, no dot files.
void check_prompt(ObjectReader& r, std::string_view key, const std::string& v) {
  if (v.empty() || v.size() > kMaxId || v.front() == '.' || !id_chars(v, false)) {
    r.fault(r.pos(key), std::string(key) + " \"" + v +
                            "\" is not a prompt name (1-64 characters among 0-9 A-Z a-z . _ -, "
                            "not starting with a dot)");
  }
}

bool timezone_known(const std::string& tz) {
  if (tz.empty() || tz.front() == '/' || tz.size() > 64) return false;
  for (char c : tz) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '+')
      return false;
  }
  if (tz.find("//") != std::string::npos || tz.back() == '/') return false;
  const char* dir = std::getenv("TZDIR");
  const std::filesystem::path root = dir && *dir ? dir : "/usr/share/zoneinfo";
  std::error_code ec;
  // Without a zone database the syntax check above is all that can be done.
  if (!std::filesystem::is_directory(root, ec)) return true;
  return std::filesystem::is_regular_file(root / tz, ec);
}

// Reads the key that names the object first, so later faults carry the name.
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

template <class T>
Located<T> start(ObjectReader& r) {
  Located<T> l;
  l.table = r.table_pos();
  return l;
}

template <class T>
void done(ObjectReader& r, Located<T>&& l, std::vector<Located<T>>& out) {
  l.label = r.label();
  r.finish();
  out.push_back(std::move(l));
}

void read_tenant(ObjectReader& r, Parsed& out) {
  auto l = start<model::Tenant>(r);
  auto& t = l.obj;
  t.name = read_key(r, "name", l.at);
  t.display_name = r.string("display_name", false).value_or(t.name);
  if (auto tz = r.string("timezone", false)) {
    if (timezone_known(*tz)) {
      t.timezone = *tz;
    } else {
      r.fault(r.pos("timezone"),
              "timezone \"" + *tz + "\" is not an IANA time zone name (e.g. Africa/Casablanca)");
    }
  }
  if (auto lang = r.string("language", false)) {
    if (*lang == "fr" || *lang == "ar" || *lang == "es" || *lang == "en") {
      t.language = *lang;
    } else {
      r.fault(r.pos("language"), "language \"" + *lang + "\" must be one of fr, ar, es, en");
    }
  }
  done(r, std::move(l), out.tenants);
}

void read_trunk(ObjectReader& r, Parsed& out) {
  auto l = start<model::Trunk>(r);
  auto& t = l.obj;
  t.name = read_key(r, "name", l.at);
  t.tenant = read_tenant_ref(r, l.at);
  if (auto addrs = r.strings("addresses", true)) {
    if (addrs->empty()) r.fault(r.pos("addresses"), "addresses must list at least one address or CIDR block");
    for (size_t i = 0; i < addrs->size(); ++i) {
      if (!parse_cidr((*addrs)[i])) {
        r.fault(r.element_pos("addresses", i), "addresses[" + std::to_string(i) + "] \"" + (*addrs)[i] +
                                                   "\" is not an IPv4/IPv6 address or CIDR block");
      }
    }
    t.addresses = std::move(*addrs);
  }
  done(r, std::move(l), out.trunks);
}

void read_queue(ObjectReader& r, Parsed& out) {
  auto l = start<model::Queue>(r);
  auto& q = l.obj;
  q.name = read_key(r, "name", l.at);
  q.tenant = read_tenant_ref(r, l.at);
  q.display_name = r.string("display_name", false).value_or(q.name);
  q.ring_timeout_s = static_cast<int>(r.integer("ring_timeout", 1, 600).value_or(q.ring_timeout_s));
  q.max_wait_s = static_cast<int>(r.integer("max_wait", 1, 86400).value_or(q.max_wait_s));
  q.wrapup_s = static_cast<int>(r.integer("wrapup", 0, 3600).value_or(q.wrapup_s));
  if (auto music = r.string("music", false)) {
    check_prompt(r, "music", *music);
    q.music = *music;
  }
  done(r, std::move(l), out.queues);
}

void read_number(ObjectReader& r, Parsed& out) {
  auto l = start<model::Number>(r);
  auto& n = l.obj;
  n.did = read_key(r, "did", l.at);
  n.tenant = read_tenant_ref(r, l.at);
  if (auto flow = r.string("flow", false)) {
    if (*flow != "queue")
      r.fault(r.pos("flow"), "flow \"" + *flow + "\" is unknown (the only flow is \"queue\")");
    n.flow = *flow;
  }
  if (auto greeting = r.string("greeting", false)) {
    if (!greeting->empty()) check_prompt(r, "greeting", *greeting);
    n.greeting = *greeting;
  }
  if (auto queue = r.string("queue", true)) {
    l.at["queue"] = r.pos("queue");
    n.queue = *queue;
  }
  done(r, std::move(l), out.numbers);
}

void read_phone(ObjectReader& r, Parsed& out) {
  auto l = start<model::Phone>(r);
  auto& p = l.obj;
  p.username = read_key(r, "username", l.at);
  p.tenant = read_tenant_ref(r, l.at);
  if (auto pw = r.string("password", true)) {
    if (pw->empty()) r.fault(r.pos("password"), "password must not be empty");
    p.password = *pw;
  }
  done(r, std::move(l), out.phones);
}

void read_agent(ObjectReader& r, Parsed& out) {
  auto l = start<model::Agent>(r);
  auto& a = l.obj;
  a.login = read_key(r, "login", l.at);
  a.tenant = read_tenant_ref(r, l.at);
  a.name = r.string("name", false).value_or(a.login);
  if (auto queues = r.strings("queues", false)) {
    for (size_t i = 0; i < queues->size(); ++i)
      l.at["queues[" + std::to_string(i) + "]"] = r.element_pos("queues", i);
    for (auto& q : *queues) a.queues.push_back({a.tenant, std::move(q), 1});
  }
  if (auto phone = r.string("phone", false)) {
    l.at["phone"] = r.pos("phone");
    a.phone = *phone;
  }
  a.ready_on_register = r.boolean("ready_on_register").value_or(a.ready_on_register);
  done(r, std::move(l), out.agents);
}

}  // namespace

void read_object(std::string_view kind, ObjectReader& r, Parsed& out) {
  if (kind == "tenant") return read_tenant(r, out);
  if (kind == "trunk") return read_trunk(r, out);
  if (kind == "queue") return read_queue(r, out);
  if (kind == "number") return read_number(r, out);
  if (kind == "phone") return read_phone(r, out);
  if (kind == "agent") return read_agent(r, out);
}

model::Provisioning to_model(Parsed&& parsed) {
  model::Provisioning p;
  for (auto& l : parsed.tenants) p.tenants.push_back(std::move(l.obj));
  for (auto& l : parsed.trunks) p.trunks.push_back(std::move(l.obj));
  for (auto& l : parsed.queues) p.queues.push_back(std::move(l.obj));
  for (auto& l : parsed.numbers) p.numbers.push_back(std::move(l.obj));
  for (auto& l : parsed.phones) p.phones.push_back(std::move(l.obj));
  for (auto& l : parsed.agents) p.agents.push_back(std::move(l.obj));
  return p;
}

}  // namespace plateau::provision
