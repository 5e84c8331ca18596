#include "http/static_files.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/router.h"

namespace plateau::http {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> header_of(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return std::nullopt;
}

// A served directory (web/) beside a file that must never be served (secret.txt).
class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("plateau-static-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "web" / "assets");
    fs::create_directories(base_ / "web" / "docs");
    write(base_ / "secret.txt", "s3cr3t-content");
    write(base_ / "web" / "index.html", "<!doctype html><title>desk</title>");
    write(base_ / "web" / "assets" / "index-abc123.js", "console.log(1)");
    write(base_ / "web" / "assets" / "index-abc123.css", "body{}");
    write(base_ / "web" / "docs" / "index.html", "docs");
    write(base_ / "web" / ".env", "hidden");
    fs::create_symlink(base_ / "secret.txt", base_ / "web" / "link.txt");
    handler_ = static_files_handler({.root = base_ / "web"});
  }
  void TearDown() override { fs::remove_all(base_); }

  static void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

  Response get(std::string path, std::string method = "GET", std::optional<std::string> if_none_match = {}) {
    std::optional<Response> got;
    Request req;
    req.method = std::move(method);
    req.path = std::move(path);
    if (if_none_match) req.headers.emplace_back("if-none-match", *if_none_match);
    handler_(req, Responder([&got](Response r) { got = std::move(r); }));
    EXPECT_TRUE(got.has_value());
    return got.value_or(Response{});
  }

  fs::path base_;
  Handler handler_;
};

TEST_F(StaticFiles, RootAnswersIndexHtml) {
  Response r = get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<!doctype html><title>desk</title>");
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(header_of(r, "Cache-Control"), "no-cache");
  EXPECT_TRUE(header_of(r, "Content-Security-Policy").has_value());
  EXPECT_EQ(get("/index.html").body, r.body);
  EXPECT_EQ(get("/docs/").body, "docs");
}

TEST_F(StaticFiles, AssetsHaveTheirTypeAndAreImmutable) {
  Response js = get("/assets/index-abc123.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header_of(js, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(header_of(js, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(get("/assets/index-abc123.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(get("/assets/%69ndex-abc123.css").status, 200);  // decoded once
}

TEST_F(StaticFiles, NothingOutsideTheRoot) {
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                           "/assets/%2E%2E/%2E%2E/secret.txt", "/..%5csecret.txt", "/./index.html",
                           "/link.txt", "/.env", "/%00", "//etc/passwd", "/assets/../index.html"}) {
    Response r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("s3cr3t-content"), std::string::npos) << path;
  }
  EXPECT_EQ(get("/%zz").status, 400);
}

TEST_F(StaticFiles, ApiPathsAreNeverFiles) {
  fs::create_directories(base_ / "web" / "api" / "v1");
  write(base_ / "web" / "api" / "v1" / "calls", "from disk");
  write(base_ / "web" / "api" / "index.html", "from disk");
  for (const char* path : {"/api/v1/calls", "/api/", "/api", "/%61pi/v1/calls"}) {
    Response r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "not_found") << path;
  }
}

TEST_F(StaticFiles, MissingFilesDirectoriesAndMethods) {
  EXPECT_EQ(get("/nope.js").status, 404);
  EXPECT_EQ(get("/assets").status, 404);  // a directory without its final "/"
  EXPECT_EQ(get("/assets/").status, 404);  // no index.html there
  Response post = get("/", "POST");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(header_of(post, "Allow"), "GET");
}

TEST_F(StaticFiles, EtagRevalidation) {
  Response first = get("/assets/index-abc123.js");
  auto etag = header_of(first, "ETag");
  ASSERT_TRUE(etag.has_value());
  Response again = get("/assets/index-abc123.js", "GET", "W/\"other\", " + *etag);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(get("/assets/index-abc123.js", "GET", std::string("\"other\"")).status, 200);
  write(base_ / "web" / "assets" / "index-abc123.js", "console.log(22)");
  EXPECT_EQ(get("/assets/index-abc123.js", "GET", *etag).status, 200);  // the size changed
}

TEST(StaticPath, MapsPathsUnderTheRoot) {
  EXPECT_EQ(static_path("/r", "/").value(), fs::path("/r/index.html"));
  EXPECT_EQ(static_path("/r", "/a/b.js").value(), fs::path("/r/a/b.js"));
  EXPECT_EQ(static_path("/r", "/a/").value(), fs::path("/r/a/index.html"));
  EXPECT_EQ(static_path("/r", "/a%20b.txt").value(), fs::path("/r/a b.txt"));
  EXPECT_EQ(static_path("/r", "/../x").error().code, "http.not_found");
  EXPECT_EQ(static_path("/r", "/a/%2E%2E/x").error().code, "http.not_found");
  EXPECT_EQ(static_path("/r", "/a%2F..%2F..%2Fx").error().code, "http.not_found");
  EXPECT_EQ(static_path("/r", "/%").error().code, "http.bad_request");
  EXPECT_EQ(static_path("/r", "relative").error().code, "http.not_found");
}

TEST(StaticPath, ContentTypesAndCache) {
  EXPECT_EQ(content_type_for("a/b.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("x.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("x.unknown"), "application/octet-stream");
  EXPECT_EQ(content_type_for("noext"), "application/octet-stream");
  EXPECT_EQ(cache_control_for("/assets/x.js"), "public, max-age=31536000, immutable");
  EXPECT_EQ(cache_control_for("/index.html"), "no-cache");
}

TEST(StaticPath, FindsTheWebDirFromTheWorkingDirectoryOrTheBinary) {
  fs::path base = fs::temp_directory_path() / ("plateau-webdir-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "checkout" / "build" / "src" / "app");
  fs::create_directories(base / "checkout" / "web" / "dist");
  fs::create_directories(base / "elsewhere");
  const fs::path exe = base / "checkout" / "build" / "src" / "app" / "plateau";
  EXPECT_FALSE(find_web_dir(base / "elsewhere", exe).has_value());  // no index.html yet
  std::ofstream(base / "checkout" / "web" / "dist" / "index.html") << "x";
  EXPECT_EQ(find_web_dir(base / "elsewhere", exe), base / "checkout" / "web" / "dist");
  fs::create_directories(base / "elsewhere" / "web" / "dist");
  std::ofstream(base / "elsewhere" / "web" / "dist" / "index.html") << "y";
  EXPECT_EQ(find_web_dir(base / "elsewhere", exe), base / "elsewhere" / "web" / "dist");
  fs::remove_all(base);
}

TEST(RouterFallback, TakesWhatNoRouteMatches) {
  Router r;
  r.get("/healthz", [](const Request&, Responder res) { res.send(text_response(200, "ok")); });
  r.fallback([](const Request& req, Responder res) { res.send(text_response(200, "fallback " + req.path)); });
  auto run = [&r](std::string method, std::string path) {
    std::optional<Response> got;
    Request req;
    req.method = std::move(method);
    req.path = std::move(path);
    r.dispatch(std::move(req), Responder([&got](Response x) { got = std::move(x); }));
    return got.value_or(Response{});
  };
  EXPECT_EQ(run("GET", "/healthz").body, "ok");
  EXPECT_EQ(run("GET", "/x").body, "fallback /x");
  EXPECT_EQ(run("POST", "/healthz").status, 405);  // a known path keeps its 405
}

}  // namespace
}  // namespace plateau::http
