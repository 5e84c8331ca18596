#include "sip/registrar.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace plateau::sip {

std::string pl_str(const struct pl& pl) { return pl.p ? std::string(pl.p, pl.l) : std::string(); }

std::string sa_ip(const struct sa* sa) {
  char buf[64] = {0};
  sa_ntop(sa, buf, sizeof buf);
  return buf;
}

std::string sa_to_string(const struct sa* sa) {
  std::string ip = sa_ip(sa);
  if (sa_af(sa) == AF_INET6) ip = "[" + ip + "]";
  return ip + ":" + std::to_string(sa_port(sa));
}

Registrar::Registrar(struct sip* sip, RegistrarSettings settings, ChangeHandler on_change)
    : sip_(sip),
      s_(std::move(settings)),
      on_change_(std::move(on_change)),
      throttle_(s_.auth_fail_limit, int64_t{s_.auth_fail_window_s} * 1000, int64_t{s_.auth_block_s} * 1000) {}

bool Registrar::blocked(const struct sa* src, int64_t now_ms) const {
  return throttle_.blocked(sa_ip(src), now_ms);
}

void Registrar::challenge(const struct sip_msg* msg, bool stale, int64_t now_ms) {
  std::string nonce = nonces_.issue(now_ms);
  (void)sip_replyf(sip_, msg, 401, "Unauthorized",
                   "WWW-Authenticate: Digest realm=\"%s\", nonce=\"%s\", algorithm=MD5, qop=\"auth\"%s\r\n"
                   "Content-Length: 0\r\n\r\n",
                   s_.realm.c_str(), nonce.c_str(), stale ? ", stale=true" : "");
}

void Registrar::fail(const struct sip_msg* msg, const std::string& source, int64_t now_ms, const char* why) {
  ++auth_failures_;
  bool now_blocked = throttle_.failure(source, now_ms);
  spdlog::warn("sip: REGISTER from {} refused: {}{}", source, why,
               now_blocked ? " (source blocked after repeated failures)" : "");
  (void)sip_reply(sip_, msg, 403, "Forbidden");
}

void Registrar::handle(const struct sip_msg* msg, int64_t now_ms) {
  const std::string source = sa_ip(&msg->src);
  if (throttle_.blocked(source, now_ms)) return;  // dropped: a scanner gets nothing to work on

  const struct sip_hdr* auth = sip_msg_hdr(msg, SIP_HDR_AUTHORIZATION);
  if (!auth) {
    challenge(msg, false, now_ms);
    return;
  }
  struct httpauth_digest_resp resp {};
  if (httpauth_digest_response_decode(&resp, &auth->val)) {
    fail(msg, source, now_ms, "malformed Authorization");
    return;
  }
  const std::string username = pl_str(resp.username);
  const std::string to_user = pl_str(msg->to.uri.user);
  const model::Phone* phone = dir_ ? dir_->phone(username) : nullptr;
  uint8_t ha1[16];
  if (!phone || pl_str(resp.realm) != s_.realm || !hex_to_md5(phone->ha1, ha1)) {
    fail(msg, source, now_ms, "unknown user or realm");
    return;
  }
  if (!nonces_.valid(pl_str(resp.nonce), now_ms, 300'000)) {
    challenge(msg, true, now_ms);
    return;
  }
  if (httpauth_digest_response_auth(&resp, &msg->met, ha1)) {
    fail(msg, source, now_ms, ("wrong password for " + username).c_str());
    return;
  }
  if (!to_user.empty() && to_user != username) {
    fail(msg, source, now_ms, "To user differs from the authenticated user");
    return;
  }
  throttle_.success(source);

  // Expires header default, then per-contact "expires" parameters.
  int64_t default_expires = s_.max_expires_s;
  if (pl_isset(&msg->expires)) default_expires = pl_u32(&msg->expires);

  auto& list = bindings_[username];
  const size_t before = list.size();
  bool too_brief = false;
  struct Ctx {
    Registrar* self;
    const struct sip_msg* msg;
    std::vector<Binding>* list;
    int64_t now_ms, default_expires;
    bool* too_brief;
  } ctx{this, msg, &list, now_ms, default_expires, &too_brief};

  sip_msg_hdr_apply(
      msg, true, SIP_HDR_CONTACT,
      [](const struct sip_hdr* hdr, const struct sip_msg* m, void* arg) -> bool {
        auto* c = static_cast<Ctx*>(arg);
        if (pl_strcmp(&hdr->val, "*") == 0) {
          if (c->default_expires == 0) c->list->clear();
          return false;
        }
        struct sip_addr addr {};
        if (sip_addr_decode(&addr, &hdr->val)) return false;
        int64_t expires = c->default_expires;
        struct pl ev;
        if (0 == msg_param_decode(&addr.params, "expires", &ev)) expires = pl_u32(&ev);
        std::string uri = pl_str(addr.auri);
        auto it = std::find_if(c->list->begin(), c->list->end(),
                               [&](const Binding& b) { return b.contact_uri == uri; });
        if (expires == 0) {
          if (it != c->list->end()) c->list->erase(it);
          return false;
        }
        if (expires < c->self->s_.min_expires_s) {
          *c->too_brief = true;
          return true;
        }
        expires = std::min<int64_t>(expires, c->self->s_.max_expires_s);
        Binding b{uri, sa_to_string(&m->src), m->tp, c->now_ms + expires * 1000, pl_str(m->callid)};
        if (it != c->list->end()) c->list->erase(it);
        c->list->insert(c->list->begin(), std::move(b));
        return false;
      },
      &ctx);

  if (too_brief) {
    (void)sip_replyf(sip_, msg, 423, "Interval Too Brief", "Min-Expires: %d\r\nContent-Length: 0\r\n\r\n",
                     s_.min_expires_s);
    if (list.empty()) bindings_.erase(username);
    return;
  }
  reply_ok(msg, username, now_ms);
  const size_t after = list.size();
  if (after == 0) bindings_.erase(username);
  if (before == 0 && after > 0) {
    spdlog::info("sip: phone {} registered from {}", username, sa_to_string(&msg->src));
    on_change_(username, true, static_cast<int>(after));
  } else if (before > 0 && after == 0) {
    spdlog::info("sip: phone {} unregistered", username);
    on_change_(username, false, 0);
  }
}

void Registrar::reply_ok(const struct sip_msg* msg, const std::string& username, int64_t now_ms) {
  std::string contacts;
  if (auto it = bindings_.find(username); it != bindings_.end()) {
    for (const auto& b : it->second) {
      contacts += "Contact: <" + b.contact_uri + ">;expires=" +
                  std::to_string(std::max<int64_t>(0, (b.expires_at_ms - now_ms) / 1000)) + "\r\n";
    }
  }
  (void)sip_replyf(sip_, msg, 200, "OK", "%sContent-Length: 0\r\n\r\n", contacts.c_str());
}

void Registrar::sweep(int64_t now_ms) {
  throttle_.sweep(now_ms);
  for (auto it = bindings_.begin(); it != bindings_.end();) {
    auto& list = it->second;
    list.erase(std::remove_if(list.begin(), list.end(), [&](const Binding& b) { return b.expires_at_ms <= now_ms; }),
               list.end());
    if (list.empty()) {
      std::string user = it->first;
      it = bindings_.erase(it);
      spdlog::info("sip: registration of phone {} expired", user);
      on_change_(user, false, 0);
    } else {
      ++it;
    }
  }
}

std::vector<Binding> Registrar::contacts(const std::string& username) const {
  auto it = bindings_.find(username);
  return it == bindings_.end() ? std::vector<Binding>{} : it->second;
}

bool Registrar::is_registered_source(const struct sa* src) const {
  const std::string s = sa_to_string(src);
  for (const auto& [u, list] : bindings_)
    for (const auto& b : list)
      if (b.source == s) return true;
  return false;
}

}  // namespace plateau::sip
