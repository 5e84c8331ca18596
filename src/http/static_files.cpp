#include "http/static_files.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "http/url.h"

namespace plateau::http {

namespace fs = std::filesystem;

namespace {

bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

// The ETag of a file: its size and modification time, enough to tell two builds apart.
std::string etag_of(uintmax_t size, fs::file_time_type mtime) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "\"%jx-%llx\"", size,
                static_cast<unsigned long long>(mtime.time_since_epoch().count()));
  return buf;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  // A list of entity tags, possibly weak (W/"...").
  size_t pos = 0;
  while (pos < if_none_match.size()) {
    size_t end = if_none_match.find(',', pos);
    std::string_view item = if_none_match.substr(pos, end == std::string_view::npos ? end : end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == etag) return true;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return false;
}

// True when `p` (canonical) is `root` (canonical) or below it.
bool is_under(const fs::path& root, const fs::path& p) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == p.end() || *r != *q) return false;
  }
  return true;
}

Response not_found(std::string_view path) {
  return error_response(404, "not_found", "no resource at " + std::string(path));
}

}  // namespace

Result<fs::path> static_path(const fs::path& root, std::string_view request_path, std::string_view index) {
  if (is_api_path(request_path))
    return make_error("http.not_found", "no resource at " + std::string(request_path));
  auto decoded = percent_decode(request_path, false);
  if (!decoded) return make_error("http.bad_request", "malformed %-escape in \"" + std::string(request_path) + "\"");
  const std::string& path = *decoded;
  if (path.empty() || path.front() != '/' || path.find('\\') != std::string::npos ||
      path.find('\0') != std::string::npos || is_api_path(path))
    return make_error("http.not_found", "no resource at " + std::string(request_path));
  fs::path out = root;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string_view seg(path.data() + start, end - start);
    if (seg.empty()) {
      // "//" inside the path is refused; a final "/" names the directory's index.
      if (end != path.size()) return make_error("http.not_found", "no resource at " + std::string(request_path));
    } else {
      if (seg.front() == '.') return make_error("http.not_found", "no resource at " + std::string(request_path));
      out /= std::string(seg);
    }
    start = end + 1;
  }
  if (path.back() == '/') out /= std::string(index);
  return out;
}

std::string_view content_type_for(const fs::path& file) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".wav", "audio/wav"},
      {".mp3", "audio/mpeg"},
  }};
  const std::string ext = file.extension().string();
  for (const auto& [e, type] : kTypes)
    if (ext == e) return type;
  return "application/octet-stream";
}

std::string_view cache_control_for(std::string_view request_path) {
  if (request_path.starts_with("/assets/")) return "public, max-age=31536000, immutable";
  return "no-cache";
}

std::optional<fs::path> find_web_dir(const fs::path& cwd, const fs::path& exe) {
  std::error_code ec;
  auto holds_index = [&ec](const fs::path& dir) { return fs::is_regular_file(dir / "index.html", ec); };
  if (!cwd.empty() && holds_index(cwd / "web" / "dist")) return cwd / "web" / "dist";
  for (fs::path dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (holds_index(dir / "web" / "dist")) return dir / "web" / "dist";
    if (dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

Handler static_files_handler(StaticFilesOptions options) {
  std::error_code ec;
  fs::path canonical_root = fs::weakly_canonical(options.root, ec);
  if (ec) canonical_root = options.root;
  return [opts = std::move(options), root = std::move(canonical_root)](const Request& req, Responder res) {
    if (is_api_path(req.path)) return res.send(not_found(req.path));
    if (req.method != "GET") {
      Response r = error_response(405, "method_not_allowed", req.method + " is not allowed on " + req.path +
                                                                 " (allowed: GET)");
      r.headers.emplace_back("Allow", "GET");
      return res.send(std::move(r));
    }
    auto file = static_path(root, req.path, opts.index);
    if (!file) {
      int status = file.error().code == "http.bad_request" ? 400 : 404;
      return res.send(error_response(status, status == 400 ? "bad_request" : "not_found", file.error().message));
    }
    std::error_code ec2;
    fs::path real = fs::canonical(*file, ec2);
    if (ec2 || !is_under(root, real) || !fs::is_regular_file(real, ec2)) return res.send(not_found(req.path));
    const uintmax_t size = fs::file_size(real, ec2);
    if (ec2 || size > opts.max_bytes) return res.send(not_found(req.path));
    const auto mtime = fs::last_write_time(real, ec2);
    const std::string etag = etag_of(size, mtime);

    Response r;
    r.content_type = std::string(content_type_for(real));
    r.headers.emplace_back("Cache-Control", std::string(cache_control_for(req.path)));
    r.headers.emplace_back("ETag", etag);
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    if (r.content_type.starts_with("text/html")) {
      r.headers.emplace_back("Content-Security-Policy",
                             "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
                             "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
      r.headers.emplace_back("Referrer-Policy", "no-referrer");
    }
    if (auto inm = req.header("if-none-match"); inm && etag_matches(*inm, etag)) {
      r.status = 304;
      return res.send(std::move(r));
    }
    std::ifstream in(real, std::ios::binary);
    std::ostringstream body;
    if (!in || !(body << in.rdbuf())) {
      return res.send(error_response(500, "http.read", "cannot read " + req.path));
    }
    r.status = 200;
    r.body = std::move(body).str();
    res.send(std::move(r));
  };
}

}  // namespace plateau::http
