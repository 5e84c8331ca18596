// worker.h — StoreWorker: the one thread that touches the Store once the app runs.
//
// Contract: post() queues a job and returns at once (it never waits for a
// disk). The worker thread takes every pending job, runs them in posting order
// inside ONE transaction (each job inside its own savepoint), commits, and only
// then calls each job's on_done with that job's status: the commit's status if
// the job succeeded, or the job's own error (its writes undone, the rest of the
// batch kept). So an ok on_done means the job's writes are durable (the Store
// commits with synchronous=FULL), and a job sees every write acknowledged before
// it was posted.
//
// Reads go through post() too: the job queries and keeps the result, e.g.
//   auto out = std::make_shared<Result<std::vector<CallRecord>>>(Error{});
//   worker.post([out, q](Store& s) { *out = s.query_calls(q); return Status{}; },
//               [out, cb](Status st) { cb(st ? *out : Result<...>(st.error())); });
//
// Threads: post(), stop() and the counters may be called from any thread.
// Jobs and on_done callbacks run on the worker thread and must not call stop()
// nor block on another job. A job posted after stop() is not run: its on_done
// is called at once, on the posting thread, with "store.stopped".
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "common/result.h"
#include "store/store.h"

namespace plateau::store {

class StoreWorker {
 public:
  using Job = std::function<Status(Store&)>;
  using Done = std::function<void(Status)>;

  explicit StoreWorker(std::unique_ptr<Store> store);
  ~StoreWorker();  // stop()
  StoreWorker(const StoreWorker&) = delete;
  StoreWorker& operator=(const StoreWorker&) = delete;

  void post(Job job, Done on_done = {});

  // Runs every job already posted, then joins the thread. Idempotent.
  void stop();

  // For metrics; relaxed reads, any thread.
  uint64_t pending() const { return pending_.load(std::memory_order_relaxed); }
  uint64_t batches_committed() const { return batches_.load(std::memory_order_relaxed); }
  uint64_t jobs_committed() const { return jobs_ok_.load(std::memory_order_relaxed); }
  uint64_t jobs_failed() const { return jobs_failed_.load(std::memory_order_relaxed); }

 private:
  struct Item {
    Job job;
    Done on_done;
  };

  void run();
  void run_batch(std::deque<Item>& batch);

  std::unique_ptr<Store> store_;  // used only on thread_ after construction
  std::mutex mu_;                 // guards queue_ and stopping_
  std::condition_variable cv_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::mutex stop_mu_;  // serialises stop() callers around join()
  std::atomic<uint64_t> pending_{0};
  std::atomic<uint64_t> batches_{0};
  std::atomic<uint64_t> jobs_ok_{0};
  std::atomic<uint64_t> jobs_failed_{0};
  std::thread thread_;  // last: started once every member above exists
};

}  // namespace plateau::store
