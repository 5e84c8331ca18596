#include "app/recording_purge.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <utility>

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "quality/score.h"

namespace plateau::app {

namespace {

constexpr int kBatch = 1000;  // recordings marked per tenant and run

}  // namespace

std::string recording_file(const std::string& data_dir, const std::string& recording_root, const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty()) return {};
  const fs::path p(path);
  for (const auto& part : p) {
    if (part == ".." || part == ".") return {};
  }
  if (p.is_absolute() || p.has_root_name() || p.has_root_directory()) {
    if (recording_root.empty()) return {};
    const fs::path root = fs::path(recording_root).lexically_normal();
    const fs::path rel = p.lexically_normal().lexically_relative(root);
    if (rel.empty() || *rel.begin() == "..") return {};
    return p.lexically_normal().string();
  }
  return (fs::path(data_dir) / p).lexically_normal().string();
}

RecordingPurge::RecordingPurge(boost::asio::io_context& io, store::StoreWorker& store, Background& background,
                               const CallService& calls, std::string data_dir, std::string recording_root,
                               std::function<int64_t()> clock_ms)
    : io_(io),
      store_(store),
      background_(background),
      calls_(calls),
      data_dir_(std::move(data_dir)),
      recording_root_(std::move(recording_root)),
      clock_ms_(std::move(clock_ms)),
      timer_(io) {}

void RecordingPurge::start(std::chrono::milliseconds first, std::chrono::milliseconds every) {
  every_ = every;
  running_ = true;
  arm(first);
}

void RecordingPurge::stop() {
  running_ = false;
  timer_.cancel();
}

void RecordingPurge::arm(std::chrono::milliseconds after) {
  timer_.expires_after(after);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || !running_) return;
    run("", [](Result<int> n) {
      if (!n) spdlog::error("recordings: retention purge: {}", n.error().message);
    });
    arm(every_);
  });
}

void RecordingPurge::run(const std::string& tenant, std::function<void(Result<int>)> done) {
  struct Limit {
    std::string tenant;
    int days;
  };
  std::vector<Limit> limits;
  for (const auto& t : calls_.router().directory().all().tenants) {
    if (t.recording_retention_days > 0 && (tenant.empty() || t.name == tenant))
      limits.push_back({t.name, t.recording_retention_days});
  }
  const int64_t now = clock_ms_();
  auto items = std::make_shared<Result<std::vector<store::PurgeItem>>>(std::vector<store::PurgeItem>{});
  // 1. Mark (committed before any file goes).
  store_.post(
      [items, limits, now](store::Store& s) {
        for (const auto& l : limits) {
          auto marked = s.mark_recordings_for_purge(l.tenant, quality::retention_cutoff_ms(now, l.days), now, l.days,
                                                    kBatch);
          if (!marked) return Status(marked.error());
        }
        *items = s.pending_purges(100 * kBatch);
        return items->ok() ? Status{} : Status(items->error());
      },
      [this, items, done = std::move(done)](Status st) mutable {
        if (!st) {
          boost::asio::post(io_, [done, st] { done(st.error()); });
          return;
        }
        // 2. Unlink, on the background thread.
        background_.post([this, items, done = std::move(done)]() mutable {
          std::vector<store::PurgeItem> gone;
          for (const auto& it : items->value()) {
            const std::string file = recording_file(data_dir_, recording_root_, it.path);
            std::error_code ec;
            if (!file.empty()) std::filesystem::remove(file, ec);  // a file already gone is fine
            if (ec) {
              spdlog::error("recordings: cannot delete {} (call {}): {}", file, it.call_id, ec.message());
              continue;
            }
            gone.push_back(it);
          }
          // 3. Finish the records, with their audit events.
          const int64_t at = clock_ms_();
          auto n = static_cast<int>(gone.size());
          store_.post([gone = std::move(gone), at](store::Store& s) { return s.finish_purge(gone, at); },
                      [this, n, done = std::move(done)](Status st2) {
                        if (st2 && n > 0) spdlog::info("recordings: {} purged for retention", n);
                        boost::asio::post(io_, [done, st2, n] {
                          if (!st2) return done(st2.error());
                          done(n);
                        });
                      });
        });
      });
}

}  // namespace plateau::app
