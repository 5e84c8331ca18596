// A record acknowledged by the worker survives kill -9 of the process.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "store/tests/test_util.h"
#include "store/worker.h"

namespace plateau::store {
namespace {

using testing::TempDir;

// Runs `jobs` on a worker in a child process, writes one byte per
// acknowledgement ('k' ok, 'e' failed) to `fd`, then waits to be killed.
[[noreturn]] void child(const std::string& path, int fd, const std::vector<StoreWorker::Job>& jobs) {
  auto opened = open_sqlite(path);
  if (!opened) _exit(2);
  // Deliberately leaked: the process is killed, never returns.
  auto* w = std::make_unique<StoreWorker>(std::move(opened.value())).release();
  for (const auto& job : jobs) {
    w->post(job, [fd](Status st) {
      char c = st ? 'k' : 'e';
      if (::write(fd, &c, 1) != 1) _exit(3);
    });
  }
  for (;;) ::pause();
}

// Forks a child running `jobs`, waits for every acknowledgement, kills it with
// SIGKILL (no destructor, no checkpoint, no clean close of the WAL) and returns
// the acknowledgements.
std::string run_and_kill(const std::string& path, const std::vector<StoreWorker::Job>& jobs) {
  int fds[2];
  if (::pipe(fds) != 0) return "pipe failed";
  pid_t pid = ::fork();
  if (pid < 0) return "fork failed";
  if (pid == 0) {
    ::close(fds[0]);
    child(path, fds[1], jobs);
  }
  ::close(fds[1]);
  std::string acks(jobs.size(), '\0');
  size_t got = 0;
  while (got < acks.size()) {
    ssize_t n = ::read(fds[0], acks.data() + got, acks.size() - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(fds[0]);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  acks.resize(got);
  return acks;
}

TEST(Durability, AcknowledgedRecordSurvivesSigkill) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  std::vector<StoreWorker::Job> jobs;
  for (int i = 0; i < 3; ++i) {
    model::CallRecord r;
    r.id = "c-durable-" + std::to_string(i);
    r.tenant = "demo";
    r.start_ms = 1000 + i;
    jobs.push_back([r](Store& s) { return s.insert_call(r); });
  }
  EXPECT_EQ(run_and_kill(path, jobs), "kkk");

  auto store = testing::open_or_die(path);
  ASSERT_NE(store, nullptr);
  auto all = store->query_calls({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].id, "c-durable-0");
  EXPECT_EQ((*all)[2].id, "c-durable-2");
}

TEST(Durability, AcknowledgedCustomerImportSurvivesSigkill) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  ASSERT_TRUE(testing::open_or_die(path)->apply_provisioning(testing::two_tenants(), "plateau").ok());
  model::Customer c{.id = "100234", .name = "Youssef", .phones = {"+212600000001"}};
  c.accounts.push_back({.id = "MA-2024-0042", .balance_cents = 123450, .currency = "MAD"});
  const std::vector<StoreWorker::Job> jobs = {[c](Store& s) {
    auto r = s.import_customers("demo", {c});
    return r ? Status{} : Status(r.error());
  }};
  EXPECT_EQ(run_and_kill(path, jobs), "k");

  auto store = testing::open_or_die(path);
  ASSERT_NE(store, nullptr);
  auto found = store->find_customer_by_phone("demo", "+212600000001");
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->accounts.at(0).balance_cents, 123450);
}

}  // namespace
}  // namespace plateau::store
