#include "media/subprocess.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

extern char** environ;

namespace plateau::media {
namespace {

std::string describe(const Argv& argv) {
  std::string s;
  for (const auto& a : argv) {
    if (!s.empty()) s += ' ';
    s += a.size() > 40 ? a.substr(0, 40) + "..." : a;
  }
  return s;
}

// Owns a file descriptor; closes it once.
struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

std::string read_all(int fd, size_t limit) {
  std::string out;
  char buf[512];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (out.size() < limit) out.append(buf, static_cast<size_t>(n));
  }
  if (out.size() > limit) out.resize(limit);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace

Status run_pipeline(const std::vector<Argv>& commands) {
  if (commands.empty()) return {};
  // stderr of every child goes to one unlinked temporary file, read back on failure.
  char err_name[] = "/tmp/plateau-spawn-XXXXXX";
  // O_CLOEXEC: pipelines may be started from several threads at once; no child
  // but our own may keep this file.
  Fd err(::mkostemp(err_name, O_CLOEXEC));
  if (err.fd < 0)
    return make_error("media.spawn", std::string("cannot create a temporary file: ") + std::strerror(errno));
  ::unlink(err_name);

  std::vector<pid_t> pids;
  Status status;
  Fd prev_read(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  for (size_t i = 0; i < commands.size() && status; ++i) {
    const Argv& cmd = commands[i];
    if (cmd.empty()) {
      status = make_error("media.spawn", "empty command in pipeline");
      break;
    }
    Fd next_read, write_end;
    if (i + 1 < commands.size()) {
      int p[2];
      if (::pipe2(p, O_CLOEXEC) != 0) {
        status = make_error("media.spawn", std::string("pipe: ") + std::strerror(errno));
        break;
      }
      next_read.fd = p[0];
      write_end.fd = p[1];
    } else {
      write_end.fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    // dup2 clears O_CLOEXEC on the target, so only these three survive exec.
    posix_spawn_file_actions_adddup2(&fa, prev_read.fd, 0);
    posix_spawn_file_actions_adddup2(&fa, write_end.fd, 1);
    posix_spawn_file_actions_adddup2(&fa, err.fd, 2);
    std::vector<char*> argv;
    for (const auto& a : cmd) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
      status = make_error("media.spawn", "cannot run " + cmd[0] + ": " + std::strerror(rc));
      break;
    }
    pids.push_back(pid);
    prev_read.reset();
    prev_read.fd = next_read.fd;
    next_read.fd = -1;
  }
  prev_read.reset();

  // Wait for every started child, even after a failure, so none is left a zombie.
  for (size_t i = 0; i < pids.size(); ++i) {
    int ws = 0;
    while (::waitpid(pids[i], &ws, 0) < 0 && errno == EINTR) {
    }
    if (!status) continue;
    if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0) continue;
    std::string how = WIFEXITED(ws) ? "exited with status " + std::to_string(WEXITSTATUS(ws))
                                    : "was killed by signal " + std::to_string(WTERMSIG(ws));
    status = make_error("media.subprocess", describe(commands[i]) + " " + how);
  }
  if (!status) {
    ::lseek(err.fd, 0, SEEK_SET);
    const std::string text = read_all(err.fd, 400);
    if (!text.empty()) {
      Error e = status.error();
      e.message += ": " + text;
      status = e;
    }
  }
  return status;
}

}  // namespace plateau::media
