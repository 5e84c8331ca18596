// request.h — the HTTP request of a webhook call, built from its spec (private
// to src/webhook: it includes Beast).
//
// Pure functions; any thread.
#pragma once

#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "common/result.h"
#include "webhook/client.h"
#include "webhook/url.h"

namespace plateau::webhook {

using Request = boost::beast::http::request<boost::beast::http::string_body>;

// Checks the spec's headers, timeout and limit (error "webhook.bad_request",
// see client.h) and builds the request: method, target, Host, User-Agent,
// Accept and Content-Type unless given, the spec's headers, Connection: close,
// Content-Length.
Result<Request> build_request(const HttpRequestSpec& spec, const Url& url);

// The label of plateau_webhook_requests_total for an outcome: the status class
// ("2xx".."5xx", "other_status") or the error code without "webhook.".
std::string_view result_label(const Result<HttpReply>& r);

}  // namespace plateau::webhook
