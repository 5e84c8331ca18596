// static_files.h — serves the files of one directory (the built web desktop,
// web/dist) over GET: "/" and any path ending in "/" answer that directory's
// index.html, other paths the file of that name, with its content type and cache
// headers. Register it as the Router's fallback, after the API routes:
//
//   router.fallback(http::static_files_handler({.root = "/srv/plateau/web"}));
//
// Rules:
//   - paths under /api/ (and /api itself) are never served from disk: 404 JSON,
//     as for any unknown API path;
//   - the path is percent-decoded once; a segment "." or "..", a backslash, a NUL
//     or a malformed escape answers 404 (400 for the escape), and the resolved
//     file (symbolic links followed) must lie under the root: nothing outside it
//     is ever read;
//   - hidden files (a segment starting with ".") are not served;
//   - files under /assets/ (names carry a content hash) are cached for a year
//     ("immutable"); everything else must be revalidated ("no-cache"); every
//     file has an ETag (size and modification time) and If-None-Match answers 304;
//   - a method other than GET answers 405 with "Allow: GET";
//   - an unreadable or over-large file (over max_bytes) answers 500 / 404.
//
// Thread-safety: the handler reads the file synchronously on the thread that
// calls it (the app thread); the files are small (a few hundred KiB). The
// handler keeps no state besides its options, so it may be copied.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "http/handler.h"

namespace plateau::http {

struct StaticFilesOptions {
  std::filesystem::path root;     // the directory served; must exist
  std::string index = "index.html";
  uintmax_t max_bytes = 32 * 1024 * 1024;
};

Handler static_files_handler(StaticFilesOptions options);

// Pure part: the file a request path names under `root`, without touching the
// disk (`root` itself is not checked). "/" -> root/index; "/a/" -> root/a/index.
// Errors: "http.not_found" (a "." or ".." segment, hidden file, backslash, NUL,
// /api/ path), "http.bad_request" (malformed %-escape).
Result<std::filesystem::path> static_path(const std::filesystem::path& root, std::string_view request_path,
                                          std::string_view index = "index.html");

// "text/html; charset=utf-8" for ".html"... ; "application/octet-stream" when unknown.
std::string_view content_type_for(const std::filesystem::path& file);

// The Cache-Control value for a request path ("/assets/..." is immutable).
std::string_view cache_control_for(std::string_view request_path);

// The directory to serve when http.web_dir is empty: the first of
// <cwd>/web/dist and <dir>/web/dist for each ancestor <dir> of the binary's
// directory (`exe`, e.g. build/src/app/plateau) that holds an index.html;
// nullopt when none does.
std::optional<std::filesystem::path> find_web_dir(const std::filesystem::path& cwd, const std::filesystem::path& exe);

}  // namespace plateau::http
