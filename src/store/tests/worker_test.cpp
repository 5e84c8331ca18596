#include "store/worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/tests/test_util.h"

namespace plateau::store {
namespace {

using testing::open_or_die;
using testing::TempDir;

model::CallRecord call(const std::string& id, int64_t start_ms) {
  model::CallRecord r;
  r.id = id;
  r.tenant = "demo";
  r.start_ms = start_ms;
  return r;
}

// Runs a read through the worker and waits for it (tests only: the app never waits).
std::vector<model::CallRecord> calls_via(StoreWorker& w, CallQuery q = {}) {
  auto out = std::make_shared<std::vector<model::CallRecord>>();
  std::promise<Status> done;
  w.post(
      [out, q](Store& s) -> Status {
        auto r = s.query_calls(q);
        if (!r) return r.error();
        *out = std::move(r.value());
        return {};
      },
      [&done](Status st) { done.set_value(st); });
  Status st = done.get_future().get();
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
  return *out;
}

TEST(Worker, TenThousandInsertsFromTwoThreads) {
  TempDir dir;
  StoreWorker w(open_or_die(dir.file("plateau.db")));
  constexpr int kPerThread = 5000;
  std::vector<std::atomic<int>> done_count(2 * kPerThread);
  std::atomic<int> ok{0};
  auto producer = [&](int base) {
    for (int i = 0; i < kPerThread; ++i) {
      const int n = base + i;
      w.post([r = call("c-" + std::to_string(n), n)](Store& s) { return s.insert_call(r); },
             [&, n](Status st) {
               done_count[n].fetch_add(1);
               if (st) ok.fetch_add(1);
             });
    }
  };
  std::thread a(producer, 0);
  std::thread b(producer, kPerThread);
  a.join();
  b.join();

  CallQuery q;
  q.limit = CallQuery::kMaxLimit;
  auto all = calls_via(w, q);  // posted after every insert: sees them all
  EXPECT_EQ(all.size(), size_t{2 * kPerThread});
  w.stop();

  EXPECT_EQ(ok.load(), 2 * kPerThread);
  for (int n = 0; n < 2 * kPerThread; ++n) ASSERT_EQ(done_count[n].load(), 1) << n;
  EXPECT_EQ(w.pending(), 0u);
  EXPECT_EQ(w.jobs_committed(), uint64_t{2 * kPerThread} + 1);  // + the read
  EXPECT_EQ(w.jobs_failed(), 0u);
  EXPECT_GE(w.batches_committed(), 1u);
  EXPECT_LE(w.batches_committed(), w.jobs_committed());

  // And on disk, through a fresh connection.
  auto reopened = open_or_die(dir.file("plateau.db"));
  auto disk = reopened->query_calls(q);
  ASSERT_TRUE(disk.ok());
  EXPECT_EQ(disk->size(), size_t{2 * kPerThread});
}

TEST(Worker, FailingJobsDoNotLoseTheRestOfTheBatch) {
  TempDir dir;
  StoreWorker w(open_or_die(dir.file("plateau.db")));
  // Hold the worker in a first batch so that every later job lands in one batch.
  std::promise<void> started;
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  w.post([gate, &started](Store&) {
    started.set_value();
    gate.wait();
    return Status{};
  });
  started.get_future().wait();

  std::vector<Status> results(5);
  std::vector<int> calls_of(5, 0);
  auto record = [&](int i) {
    return [&, i](Status st) {
      results[i] = st;
      ++calls_of[i];  // on_done runs on the worker thread only
    };
  };
  w.post([](Store& s) { return s.insert_call(call("c-a", 1)); }, record(0));
  w.post([](Store& s) { return s.insert_call(call("c-a", 2)); }, record(1));  // duplicate id
  w.post(
      [](Store& s) -> Status {
        // Writes, then fails: its write must be undone.
        if (Status st = s.insert_call(call("c-partial", 3)); !st) return st;
        return make_error("test.fail", "job failed after writing");
      },
      record(2));
  w.post([](Store&) -> Status { throw std::runtime_error("boom"); }, record(3));
  w.post([](Store& s) { return s.insert_call(call("c-b", 4)); }, record(4));
  // The read is in the same batch, after the failures: it sees what they left.
  std::vector<model::CallRecord> all;
  w.post([&all](Store& s) -> Status {
    auto r = s.query_calls({});
    if (!r) return r.error();
    all = std::move(r.value());
    return {};
  });
  EXPECT_EQ(w.pending(), 7u);
  release.set_value();
  w.stop();
  for (int c : calls_of) EXPECT_EQ(c, 1);
  EXPECT_TRUE(results[0].ok());
  ASSERT_FALSE(results[1].ok());
  EXPECT_EQ(results[1].error().code, "store.constraint");
  ASSERT_FALSE(results[2].ok());
  EXPECT_EQ(results[2].error().code, "test.fail");
  ASSERT_FALSE(results[3].ok());
  EXPECT_EQ(results[3].error().code, "store.job");
  EXPECT_NE(results[3].error().message.find("boom"), std::string::npos);
  EXPECT_TRUE(results[4].ok());

  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "c-a");
  EXPECT_EQ(all[0].start_ms, 1);
  EXPECT_EQ(all[1].id, "c-b");
  EXPECT_EQ(w.batches_committed(), 2u);  // the gate, then the five jobs and the read
  EXPECT_EQ(w.jobs_committed(), 4u);
  EXPECT_EQ(w.jobs_failed(), 3u);
}

// apply_provisioning nests as a savepoint inside the worker's transaction.
TEST(Worker, ProvisioningInsideABatch) {
  TempDir dir;
  StoreWorker w(open_or_die(dir.file("plateau.db")));
  std::promise<Status> first;
  std::promise<Status> second;
  w.post(
      [](Store& s) -> Status {
        auto r = s.apply_provisioning(testing::two_tenants(), "plateau");
        return r ? Status{} : Status{r.error()};
      },
      [&first](Status st) { first.set_value(st); });
  // Writes tenant "third", then fails on phone 1001 (owned by demo, not named here):
  // its savepoint is undone, the first apply stays.
  model::Provisioning bad;
  bad.tenants.push_back({"third", "Third", "UTC", "en"});
  bad.phones.push_back({"third", "1001", "x", ""});
  w.post(
      [bad](Store& s) -> Status {
        auto r = s.apply_provisioning(bad, "plateau");
        return r ? Status{} : Status{r.error()};
      },
      [&second](Status st) { second.set_value(st); });
  EXPECT_TRUE(first.get_future().get().ok());
  Status st = second.get_future().get();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "store.constraint");
  w.stop();
  auto s = open_or_die(dir.file("plateau.db"));
  auto again = s->apply_provisioning(testing::two_tenants(), "plateau");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->changed()) << to_text(*again);
  EXPECT_EQ(again->phones.unchanged, 3);
  auto loaded = s->load_provisioning();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->tenants.size(), 2u);  // no "third"
}

TEST(Worker, PostAfterStopIsRefusedAtOnce) {
  TempDir dir;
  StoreWorker w(open_or_die(dir.file("plateau.db")));
  w.stop();
  w.stop();  // idempotent
  bool called = false;
  bool ran = false;
  w.post(
      [&](Store&) {
        ran = true;
        return Status{};
      },
      [&](Status st) {
        called = true;
        EXPECT_EQ(st.error().code, "store.stopped");
      });
  EXPECT_TRUE(called);
  EXPECT_FALSE(ran);
}

TEST(Worker, StopDrainsPendingJobs) {
  TempDir dir;
  std::atomic<int> ok{0};
  {
    StoreWorker w(open_or_die(dir.file("plateau.db")));
    for (int i = 0; i < 200; ++i) {
      w.post([i](Store& s) { return s.insert_call(call("c-" + std::to_string(i), i)); },
             [&](Status st) { ok += st ? 1 : 0; });
    }
  }  // destructor: stop() drains
  EXPECT_EQ(ok.load(), 200);
  auto s = open_or_die(dir.file("plateau.db"));
  auto all = s->query_calls({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 200u);
}

}  // namespace
}  // namespace plateau::store
