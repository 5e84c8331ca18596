// A record acknowledged by the worker survives kill -9 of the process.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/tests/test_util.h"
#include "store/worker.h"

namespace plateau::store {
namespace {

using testing::TempDir;

[[noreturn]] void child(const std::string& path, int fd) {
  auto opened = open_sqlite(path);
  if (!opened) _exit(2);
  // Deliberately leaked: the process is killed, never returns.
  auto* w = std::make_unique<StoreWorker>(std::move(opened.value())).release();
  for (int i = 0; i < 3; ++i) {
    model::CallRecord r;
    r.id = "c-durable-" + std::to_string(i);
    r.tenant = "demo";
    r.start_ms = 1000 + i;
    w->post([r](Store& s) { return s.insert_call(r); },
            [fd](Status st) {
              char c = st ? 'k' : 'e';
              if (::write(fd, &c, 1) != 1) _exit(3);
            });
  }
  for (;;) ::pause();
}

TEST(Durability, AcknowledgedRecordSurvivesSigkill) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(fds[0]);
    child(path, fds[1]);
  }
  ::close(fds[1]);
  char acks[3] = {};
  size_t got = 0;
  while (got < sizeof acks) {
    ssize_t n = ::read(fds[0], acks + got, sizeof acks - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  // Kill at once: no destructor, no checkpoint, no clean close of the WAL.
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(fds[0]);
  ASSERT_EQ(got, sizeof acks);
  for (char c : acks) EXPECT_EQ(c, 'k');
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

  auto store = testing::open_or_die(path);
  ASSERT_NE(store, nullptr);
  auto all = store->query_calls({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].id, "c-durable-0");
  EXPECT_EQ((*all)[2].id, "c-durable-2");
}

}  // namespace
}  // namespace plateau::store
