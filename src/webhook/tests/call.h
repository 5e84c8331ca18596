// call.h — runs one webhook call to its end on a test's io_context.
// Test-only; the calling thread runs the io_context.
#pragma once

#include <chrono>
#include <optional>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "webhook/client.h"

namespace plateau::webhook::testing {

// Sends `spec`, runs `io` until `done` (10 s at most), then 100 ms more to
// check that `done` is not called twice.
inline Result<HttpReply> call(boost::asio::io_context& io, const Client& client,
                              const HttpRequestSpec& spec) {
  std::optional<Result<HttpReply>> out;
  int calls = 0;
  client.send(spec, [&](Result<HttpReply> r) {
    ++calls;
    out.emplace(std::move(r));
  });
  EXPECT_EQ(calls, 0) << "done was called from inside send()";
  auto run = [&io](std::chrono::milliseconds ms) {
    io.restart();  // run_for() leaves the io_context stopped when it runs out of work
    io.run_for(ms);
  };
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!out && std::chrono::steady_clock::now() < give_up) run(std::chrono::milliseconds(10));
  run(std::chrono::milliseconds(100));
  EXPECT_EQ(calls, 1);
  if (!out) return make_error("test.hang", "done was not called within 10 s");
  return std::move(*out);
}

}  // namespace plateau::webhook::testing
