// recording_purge.h — retention of call recordings per tenant
// (recording_retention_days): the recordings of calls older than the limit are
// deleted, their records marked, and each deletion audited (recording.purged).
//
// Safe against a crash at any point: a record is marked (recording_purged_ms)
// and committed BEFORE its file is unlinked, so no record points to a deleted
// file without knowing it; after the unlink the record is finished
// (recording_purge_done) with its audit event in one transaction. A purge cut
// short leaves marked, unfinished records: the next run (at start, then every
// interval) unlinks their files again (a file already gone is fine) and
// finishes them.
//
// Threads: run() and start() on the app thread; the marking and finishing on
// the store worker; the unlinks on the background thread; `done` is called on
// the app thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "app/background.h"
#include "app/call_service.h"
#include "store/worker.h"

namespace plateau::app {

class RecordingPurge {
 public:
  RecordingPurge(boost::asio::io_context& io, store::StoreWorker& store, Background& background,
                 const CallService& calls, std::string data_dir, std::string recording_root,
                 std::function<int64_t()> clock_ms);

  // A run after `first`, then one every `every`, until stop(). App thread.
  void start(std::chrono::milliseconds first, std::chrono::milliseconds every);
  void stop();

  // A run now: the tenants with a retention ("" = all of them, else that one),
  // then every unfinished purge. `done` gets the number of files purged.
  void run(const std::string& tenant, std::function<void(Result<int>)> done);

 private:
  void arm(std::chrono::milliseconds after);

  boost::asio::io_context& io_;
  store::StoreWorker& store_;
  Background& background_;
  const CallService& calls_;
  std::string data_dir_;
  std::string recording_root_;
  std::function<int64_t()> clock_ms_;
  boost::asio::steady_timer timer_;
  std::chrono::milliseconds every_{0};
  bool running_ = false;
};

// The file of a recording path kept in a record: relative to the data
// directory, or absolute under `recording_root` (an absolute recording.dir;
// "" when it is relative). "" when the path could lead elsewhere (another
// absolute path, "..", empty). Pure.
std::string recording_file(const std::string& data_dir, const std::string& recording_root, const std::string& path);

}  // namespace plateau::app
