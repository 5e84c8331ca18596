#include "http/handler.h"

#include <atomic>
#include <cctype>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace plateau::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) return std::string_view(v);
  return std::nullopt;
}

std::string Request::query_or(const std::string& key, std::string fallback) const {
  if (auto it = query.find(key); it != query.end()) return it->second;
  return fallback;
}

Response error_response(int status, std::string_view code, std::string_view message) {
  nlohmann::json j = {{"error", {{"code", code}, {"message", message}}}};
  // Invalid UTF-8 in a message (an echoed path) must not turn into an exception.
  return json_response(status, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response json_response(int status, std::string body) {
  return Response{status, "application/json", std::move(body), {}};
}

Response text_response(int status, std::string body, std::string content_type) {
  return Response{status, std::move(content_type), std::move(body), {}};
}

struct Responder::State {
  std::function<void(Response)> deliver;
  std::atomic<bool> done{false};

  ~State() {
    if (!done.exchange(true) && deliver) {
      try {
        deliver(error_response(500, "internal", "the handler finished without answering"));
      } catch (const std::exception& e) {
        spdlog::error("http: delivering a 500 failed: {}", e.what());
      }
    }
  }
};

Responder::Responder(std::function<void(Response)> deliver) : state_(std::make_shared<State>()) {
  state_->deliver = std::move(deliver);
}

void Responder::send(Response response) const {
  if (state_->done.exchange(true)) {
    spdlog::warn("http: a response was sent twice for one request; the second ({}) is dropped",
                 response.status);
    return;
  }
  if (state_->deliver) state_->deliver(std::move(response));
}

bool Responder::sent() const { return state_->done.load(); }

}  // namespace plateau::http
