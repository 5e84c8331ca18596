#include "media/prompt_make.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <system_error>
#include <thread>

#include "media/prompt.h"

namespace plateau::media::detail {
namespace fs = std::filesystem;
namespace {

// fsync of a file or folder; "media.prompt_io" on failure.
Status sync(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  int err = fd < 0 ? errno : (::fsync(fd) == 0 ? 0 : errno);
  if (fd >= 0) ::close(fd);
  if (err) return make_error("media.prompt_io", "cannot sync " + p.string() + ": " + std::strerror(err));
  return {};
}

// A hidden name beside `final_path`, unique to this process (PromptLibrary
// skips names starting with a dot).
fs::path temp_beside(const fs::path& final_path) {
  // Built with append: GCC 12 gives a false -Wrestrict on "." + string at -O2.
  std::string tmp_name(1, '.');
  tmp_name.append(final_path.filename().string()).append(".tmp").append(std::to_string(::getpid()));
  return final_path.parent_path() / tmp_name;
}

// Renames tmp to final_path (syncing tmp before and the folder after if
// `durable`); removes tmp on any failure, or if `st` is already a failure.
Status commit(Status st, const fs::path& tmp, const fs::path& final_path, bool durable) {
  if (st && durable) st = sync(tmp);
  std::error_code ec;
  if (st) {
    fs::rename(tmp, final_path, ec);
    if (ec) st = make_error("media.prompt_dir", "cannot rename " + tmp.string() + ": " + ec.message());
  }
  if (!st) {
    fs::remove(tmp, ec);
    return st;
  }
  return durable ? sync(final_path.parent_path()) : st;
}

}  // namespace

Argv sox_out(const std::string& sox, std::vector<std::string> inputs, const std::string& out) {
  Argv a{sox};
  for (auto& i : inputs) a.push_back(std::move(i));
  for (const char* s : {"-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "wav"})
    a.emplace_back(s);
  a.push_back(out);
  return a;
}

Status make_speech(const GenerateOptions& o, std::string_view lang, std::string_view text, bool trim,
                   const std::string& out) {
  Argv speak{o.espeak, "-v", std::string(lang), "-s", "150", "--stdout", std::string(text)};
  Argv conv = sox_out(o.sox, {"-t", "wav", "-"}, out);
  if (trim) {
    for (const char* s :
         {"silence", "1", "0.005", "0.1%", "reverse", "silence", "1", "0.005", "0.1%", "reverse"})
      conv.emplace_back(s);
  }
  for (const char* s : {"gain", "-n", "-3"}) conv.emplace_back(s);
  if (trim) {
    for (const char* s : {"pad", "0", "0.05"}) conv.emplace_back(s);
  }
  return run_pipeline({speak, conv});
}

Status produce(const Job& job, bool durable) {
  const fs::path tmp = temp_beside(job.file);
  Status st = job.make(tmp.string());
  if (st) {
    auto check = read_prompt_wav(tmp.string());
    if (!check) st = check.error();
  }
  if (st && job.before_rename) st = job.before_rename(tmp.string());
  return commit(st, tmp, job.file, durable);
}

Status write_file_atomically(const fs::path& final_path, std::string_view content, bool durable) {
  const fs::path tmp = temp_beside(final_path);
  Status st;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) st = make_error("media.prompt_io", "cannot write " + tmp.string());
  }
  return commit(st, tmp, final_path, durable);
}

Status ensure_dir(const fs::path& p) {
  std::error_code ec;
  fs::create_directories(p, ec);
  if (ec)
    return make_error("media.prompt_dir", "cannot create prompt folder " + p.string() + ": " + ec.message());
  return {};
}

Status run_jobs(const std::vector<Job>& jobs, unsigned workers, size_t* made_out, bool durable,
                std::vector<char>* done) {
  if (done) done->assign(jobs.size(), 0);
  std::atomic<size_t> next{0}, made{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  Status first_failure;
  auto work = [&] {
    while (!failed) {
      const size_t i = next++;
      if (i >= jobs.size()) return;
      Status st = produce(jobs[i], durable);
      if (st) {
        ++made;
        if (done) (*done)[i] = 1;  // one element per thread: no race
        continue;
      }
      std::lock_guard lock(mu);
      if (!failed.exchange(true)) first_failure = st;
    }
  };
  std::vector<std::thread> threads;
  for (unsigned k = 1; k < workers && k < jobs.size(); ++k) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  if (made_out) *made_out = made;
  return first_failure;
}

unsigned worker_count(const GenerateOptions& o) {
  if (o.jobs) return o.jobs;
  return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
}

}  // namespace plateau::media::detail
