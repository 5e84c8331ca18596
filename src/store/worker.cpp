#include "store/worker.h"

#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace plateau::store {

namespace {

// Jobs are caller code: an exception must not kill the thread nor the batch.
Status run_job(const StoreWorker::Job& job, Store& store) {
  try {
    return job(store);
  } catch (const std::exception& e) {
    return make_error("store.job", std::string("store job threw: ") + e.what());
  } catch (...) {
    return make_error("store.job", "store job threw a non-standard exception");
  }
}

void notify(const StoreWorker::Done& done, const Status& st) {
  if (!done) return;
  try {
    done(st);
  } catch (...) {
    // Nothing to tell: the job's outcome is settled and the caller's own callback failed.
  }
}

}  // namespace

StoreWorker::StoreWorker(std::unique_ptr<Store> store)
    : store_(std::move(store)), thread_([this] { run(); }) {}

StoreWorker::~StoreWorker() { stop(); }

void StoreWorker::post(Job job, Done on_done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      pending_.fetch_add(1, std::memory_order_relaxed);
      queue_.push_back({std::move(job), std::move(on_done)});
      cv_.notify_one();
      return;
    }
  }
  notify(on_done, make_error("store.stopped", "the store worker has stopped; the job was not run"));
}

void StoreWorker::stop() {
  std::lock_guard stop_lock(stop_mu_);
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void StoreWorker::run() {
  for (;;) {
    std::deque<Item> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      batch.swap(queue_);
    }
    run_batch(batch);
  }
}

void StoreWorker::run_batch(std::deque<Item>& batch) {
  std::vector<Status> results(batch.size());
  Status commit = store_->begin();
  if (commit) {
    for (size_t i = 0; i < batch.size(); ++i) {
      if (Status sp = store_->savepoint(); !sp) {
        results[i] = sp;
        continue;
      }
      results[i] = run_job(batch[i].job, *store_);
      // Undo only this job's writes; the others of the batch stay.
      if (!results[i]) {
        (void)store_->rollback_to_savepoint();
      } else if (Status rel = store_->release_savepoint(); !rel) {
        results[i] = rel;
        (void)store_->rollback_to_savepoint();
      }
    }
    commit = store_->commit();
    if (!commit) (void)store_->rollback();
  }

  uint64_t ok = 0;
  for (size_t i = 0; i < batch.size(); ++i) {
    const Status& st = results[i] ? commit : results[i];
    if (st) ++ok;
    notify(batch[i].on_done, st);
    pending_.fetch_sub(1, std::memory_order_relaxed);
  }
  if (commit) batches_.fetch_add(1, std::memory_order_relaxed);
  jobs_ok_.fetch_add(ok, std::memory_order_relaxed);
  jobs_failed_.fetch_add(batch.size() - ok, std::memory_order_relaxed);
}

}  // namespace plateau::store
