// recording_routes.cpp — the recordings search, listening and downloading
// (HTTP ranges, audited), pause/resume from the desktop, and the purge on
// demand (docs/API.md "Recordings and quality").
#include <sys/stat.h>

#include <fstream>
#include <memory>

#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/quality_routes.h"
#include "http/range.h"
#include "quality/report.h"

namespace plateau::app {

namespace {

using nlohmann::json;

std::string actor_of(const http::Request& req) { return req.principal ? req.principal->user : std::string("system"); }

std::string time_zone_of(const ApiContext& ctx, const std::string& tenant) {
  const model::Tenant* t = ctx.calls.router().directory().tenant(tenant);
  return t ? t->timezone : std::string("UTC");
}

http::Response store_error(const Error& e) {
  if (e.code == "store.bad_query") return http::error_response(400, "api.bad_parameter", e.message);
  return http::error_response(500, e.code, e.message);
}

std::string customer_of(const model::CallRecord& r) {
  json a = json::parse(r.attached.empty() ? "{}" : r.attached, nullptr, false);
  if (!a.is_object()) return {};
  for (const char* k : {"customer_id", "customer.id"})
    if (auto it = a.find(k); it != a.end() && it->is_string()) return it->get<std::string>();
  return {};
}

json recording_json(const model::CallRecord& r) {
  const int64_t end = r.end_ms, answer = r.answer_ms ? r.answer_ms : r.start_ms;
  return json{{"call_id", r.id},
              {"start_ms", r.start_ms},
              {"answer_ms", r.answer_ms},
              {"end_ms", r.end_ms},
              {"duration_ms", end > answer ? end - answer : 0},
              {"caller", r.caller},
              {"number", r.number},
              {"queue", r.queue},
              {"agent", r.agent},
              {"customer_id", customer_of(r)},
              {"outcome", model::to_string(r.outcome)},
              {"disposition", r.disposition},
              {"recording_paused_ms", r.recording_paused_ms},
              {"recording_pauses", r.recording_pauses},
              {"purged", r.recording_purged_ms > 0},
              {"audio", "/api/v1/tenants/" + r.tenant + "/recordings/" + r.id + "/audio"}};
}

// Reads [first, first+length) of `path`; nullopt if it cannot.
std::optional<std::string> read_part(const std::string& path, uint64_t first, uint64_t length) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  in.seekg(static_cast<std::streamoff>(first));
  std::string buf(length, '\0');
  in.read(buf.data(), static_cast<std::streamsize>(length));
  if (static_cast<uint64_t>(in.gcount()) != length) return std::nullopt;
  return buf;
}

// App thread: the file of `rec` answered as the request asks (whole or one range).
void serve_audio(const http::Request& req, const http::Responder& res, const std::string& file, const std::string& call_id,
                 bool download) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return res.send(http::error_response(404, "quality.recording_missing", "the recording file is missing"));
  const auto size = static_cast<uint64_t>(st.st_size);
  http::ByteRange range;
  const auto kind = http::parse_range(req.header("range"), size, kMaxRangeBytes, range);
  http::Response out;
  out.content_type = "audio/wav";
  out.headers.emplace_back("Accept-Ranges", "bytes");
  out.headers.emplace_back("Cache-Control", "private, no-store");
  if (download) out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + call_id + ".wav\"");
  if (kind == http::RangeResult::Unsatisfiable) {
    out = http::error_response(416, "api.range", "the range is outside the recording");
    out.headers.emplace_back("Content-Range", "bytes */" + std::to_string(size));
    return res.send(std::move(out));
  }
  if (kind == http::RangeResult::Whole) range = {0, size ? size - 1 : 0};
  auto body = size ? read_part(file, range.first, range.length()) : std::optional<std::string>(std::string());
  if (!body) return res.send(http::error_response(500, "quality.recording_read", "the recording could not be read"));
  out.body = std::move(*body);
  if (kind == http::RangeResult::Partial) {
    out.status = 206;
    out.headers.emplace_back("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                  std::to_string(range.last) + "/" + std::to_string(size));
  }
  res.send(std::move(out));
}

// A playback start: no Range, or a range from byte 0.
bool starts_playback(const http::Request& req) {
  auto h = req.header("range");
  if (!h) return true;
  http::ByteRange r;
  return http::parse_range(h, UINT64_MAX, 0, r) != http::RangeResult::Partial || r.first == 0;
}

}  // namespace

void add_recording_routes(http::Router& r, ApiContext& ctx, QualityContext& q) {
  // ---- pause / resume from the desktop ----
  auto pause = [&ctx](bool paused) {
    return [&ctx, paused](const http::Request& req, http::Responder res) {
      const std::string tenant = req.params.at("tenant"), login = req.params.at("login");
      if (auto no = refuse_agent(req, tenant, login)) return res.send(std::move(*no));
      Status st = ctx.calls.pause_recording(tenant, login, paused, actor_of(req));
      if (!st) {
        const auto& c = st.error().code;
        const int status = c == "acd.agent_unknown" ? 404 : 409;
        return res.send(http::error_response(status, c, st.error().message));
      }
      res.send(http::json_response(200, json{{"ok", true}, {"recording_paused", paused}}.dump()));
    };
  };
  r.post("/api/v1/agents/{tenant}/{login}/call/pause-recording", pause(true));
  r.post("/api/v1/agents/{tenant}/{login}/call/resume-recording", pause(false));

  // ---- search ----
  r.get("/api/v1/tenants/{tenant}/recordings", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant");
    if (auto no = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*no));
    store::RecordingQuery rq;
    rq.tenant = tenant;
    rq.agent = req.query_or("agent");
    rq.queue = req.query_or("queue");
    rq.customer = req.query_or("customer");
    rq.disposition = req.query_or("disposition");
    rq.call_id = req.query_or("call");
    const std::string tz = time_zone_of(ctx, tenant);
    auto from = quality::parse_bound(tz, req.query_or("from"), false, rq.from_ms);
    auto to = quality::parse_bound(tz, req.query_or("to"), true, rq.to_ms);
    if (!from || !to)
      return res.send(http::error_response(400, "api.bad_parameter", (!from ? from.error() : to.error()).message));
    rq.from_ms = *from;
    rq.to_ms = *to;
    try {
      rq.limit = std::stoi(req.query_or("limit", "50"));
      rq.offset = std::stoi(req.query_or("offset", "0"));
    } catch (const std::exception&) {
      return res.send(http::error_response(400, "api.bad_parameter", "limit and offset are whole numbers"));
    }
    auto out = std::make_shared<Result<store::RecordingPage>>(store::RecordingPage{});
    ctx.store.post([out, rq](store::Store& s) {
      *out = s.query_recordings(rq);
      return Status{};
    },
                   [out, res, rq](Status st) {
                     if (!st) return res.send(store_error(st.error()));
                     if (!*out) return res.send(store_error(out->error()));
                     json arr = json::array();
                     for (const auto& c : (*out)->calls) arr.push_back(recording_json(c));
                     res.send(http::json_response(200, json{{"total", (*out)->total},
                                                            {"limit", rq.limit},
                                                            {"offset", rq.offset},
                                                            {"recordings", arr}}
                                                           .dump()));
                   });
  });

  // ---- listen / download ----
  r.get("/api/v1/tenants/{tenant}/recordings/{call_id}/audio", [&ctx, &q](const http::Request& req,
                                                                          http::Responder res) {
    const std::string tenant = req.params.at("tenant"), call_id = req.params.at("call_id");
    if (auto no = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*no));
    const bool download = req.query_or("download") == "1";
    const std::string actor = actor_of(req);
    // What the handler needs once back on the app thread (the Request is gone by then).
    auto request = std::make_shared<http::Request>();
    if (auto h = req.header("range")) request->headers.emplace_back("range", std::string(*h));
    const bool start = starts_playback(req);
    store::RecordingQuery rq;
    rq.tenant = tenant;
    rq.call_id = call_id;
    rq.limit = 1;
    auto found = std::make_shared<Result<store::RecordingPage>>(store::RecordingPage{});
    ctx.store.post([found, rq](store::Store& s) {
      *found = s.query_recordings(rq);
      return Status{};
    },
                   [&ctx, &q, found, res, request, tenant, call_id, actor, download, start](Status st) {
      boost::asio::post(ctx.io, [&ctx, &q, found, res, request, tenant, call_id, actor, download, start, st] {
        if (!st) return res.send(store_error(st.error()));
        if (!*found) return res.send(store_error(found->error()));
        if ((*found)->calls.empty()) return res.send(not_found_for_tenant());
        const model::CallRecord& rec = (*found)->calls[0];
        if (rec.recording_purged_ms > 0)
          return res.send(http::error_response(410, "quality.recording_purged",
                                               "the recording was deleted for retention"));
        const std::string file = recording_file(q.data_dir, q.recording_root, rec.recording);
        if (file.empty()) return res.send(not_found_for_tenant());
        const std::string kind = download ? "recording.downloaded" : "recording.listened";
        const int64_t now = ctx.clock_ms();
        auto key = std::make_tuple(actor, call_id, kind);
        auto last = q.audited.find(key);
        const bool audit = start && (last == q.audited.end() || now - last->second >= kListenDedupMs);
        if (!audit) return serve_audio(*request, res, file, call_id, download);
        q.audited[key] = now;
        if (q.audited.size() > 10'000) {
          for (auto it = q.audited.begin(); it != q.audited.end();)
            it = now - it->second >= kListenDedupMs ? q.audited.erase(it) : std::next(it);
        }
        // Audited before a byte is served: the event is committed first.
        store::EventRecord ev{now, tenant, kind, call_id, rec.agent, json{{"actor", actor}}.dump()};
        ctx.store.post([ev](store::Store& s) { return s.append_event(ev); },
                       [&ctx, res, request, file, call_id, download](Status st2) {
                         boost::asio::post(ctx.io, [res, request, file, call_id, download, st2] {
                           if (!st2) return res.send(store_error(st2.error()));
                           serve_audio(*request, res, file, call_id, download);
                         });
                       });
      });
    });
  });

  // ---- retention, on demand ----
  r.post("/api/v1/tenants/{tenant}/recordings/purge", [&q](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant");
    if (auto no = refuse(req, tenant, Role::Administrator)) return res.send(std::move(*no));
    if (!q.purge) return res.send(http::error_response(503, "quality.no_purge", "the purge is not running"));
    q.purge->run(tenant, [res](Result<int> n) {
      if (!n) return res.send(http::error_response(500, n.error().code, n.error().message));
      res.send(http::json_response(200, json{{"purged", *n}}.dump()));
    });
  });
}

}  // namespace plateau::app
