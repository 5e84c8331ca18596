// call_service_ivr.cpp — what the IVR asks of the world: a customer look-up
// in the CRM (store worker), a webhook (HTTP client on the app loop), a
// voicemail committed before the caller is thanked. Each answer is posted
// back onto the app loop and given to the router.
#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "app/call_service.h"
#include "app/ivr_lookup.h"
#include "crm/phone.h"

namespace plateau::app {

namespace asio = boost::asio;

void CallService::lookup(const core::CustomerLookup& l) {
  auto out = std::make_shared<ivr::LookupResult>();
  store_.post([l, out](store::Store& s) {
    auto r = lookup_customer(s, l.tenant, l.by, l.key);
    if (!r) {
      spdlog::error("ivr: customer look-up ({}) failed: {}", l.key, r.error().message);
      out->ok = false;
    } else {
      *out = std::move(*r);
    }
    return Status::Ok();
  },
              [this, call = l.call, out](Status) {
                asio::post(io_, [this, call, out] { apply(router_.on_lookup_result(call, *out)); });
              });
}

void CallService::call_webhook(const core::WebhookCall& w) {
  if (!webhooks_) {
    apply(router_.on_webhook_result(w.call, {false, 0, "webhook.unavailable", {}}));
    return;
  }
  webhook::HttpRequestSpec spec;
  spec.method = w.request.method == "GET" ? webhook::Method::get : webhook::Method::post;
  spec.url = w.request.url;
  for (const auto& [k, v] : w.request.headers) spec.headers.emplace_back(k, v);
  if (spec.method == webhook::Method::post) spec.body = w.body;
  // The step's own deadline decides (the session's "timeout"); the client's is a guard just after it.
  spec.timeout = std::chrono::milliseconds(w.request.timeout_ms + 250);
  webhooks_->send(spec, [this, call = w.call](Result<webhook::HttpReply> r) {
    ivr::WebhookResult res;
    if (!r) {
      res.ok = false;
      res.error = r.error().code;
    } else {
      res.ok = true;
      res.status = r->status;
      res.attributes = reply_attributes(r->body);
    }
    apply(router_.on_webhook_result(call, res));
  });
}

void CallService::store_voicemail(const core::VoicemailEntry& v) {
  store_.post(
      [vm = v.voicemail](store::Store& s) mutable {
        // A caller the IVR did not identify is still known by a number that is one customer's only.
        if (vm.customer_id.empty()) {
          if (auto e164 = crm::normalize_phone(vm.caller)) {
            auto found = s.find_customer_by_phone(vm.tenant, *e164);
            if (found && *found) vm.customer_id = (*found)->id;
          }
        }
        return s.save_voicemail(vm);
      },
              [this, call = v.call, id = v.voicemail.id](Status st) {
                if (!st) spdlog::error("call {}: voicemail NOT stored: {}", id, st.error().message);
                asio::post(io_, [this, call, ok = st.ok()] { apply(router_.on_voicemail_committed(call, ok)); });
              });
}

}  // namespace plateau::app
