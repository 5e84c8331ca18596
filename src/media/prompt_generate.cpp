#include "media/prompt_generate.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "media/prompt.h"
#include "media/subprocess.h"
#include "say/say.h"

namespace plateau::media {
namespace fs = std::filesystem;
namespace {

// sox arguments for its output: 8 kHz mono 16-bit signed WAV, whatever the file name.
Argv sox_out(const std::string& sox, std::vector<std::string> inputs, const std::string& out) {
  Argv a{sox};
  for (auto& i : inputs) a.push_back(std::move(i));
  for (const char* s : {"-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "wav"})
    a.emplace_back(s);
  a.push_back(out);
  return a;
}

// Makes `final_path` by running `make(tmp)`, then checking and renaming tmp.
template <class Make>
Status produce(const fs::path& final_path, Make make) {
  // Built with append: GCC 12 gives a false -Wrestrict on "." + string at -O2.
  std::string tmp_name(1, '.');
  tmp_name.append(final_path.filename().string()).append(".tmp").append(std::to_string(::getpid()));
  const fs::path tmp = final_path.parent_path() / tmp_name;
  Status st = make(tmp.string());
  if (st) {
    auto check = read_prompt_wav(tmp.string());
    if (!check) st = check.error();
  }
  std::error_code ec;
  if (st) {
    fs::rename(tmp, final_path, ec);
    if (ec) st = make_error("media.prompt_dir", "cannot rename " + tmp.string() + ": " + ec.message());
  }
  if (!st) fs::remove(tmp, ec);
  return st;
}

// One chord of the hold music: a soft sine bass and three plucked notes.
struct Chord {
  const char *bass, *a, *b, *c;
};
constexpr Chord kChords[] = {
    {"C3", "E4", "G4", "C5"}, {"A2", "E4", "A4", "C5"}, {"F2", "F4", "A4", "C5"}, {"G2", "D4", "G4", "B4"},
    {"C3", "G4", "C5", "E5"}, {"A2", "A4", "C5", "E5"}, {"F2", "A4", "C5", "F5"}, {"G2", "B4", "D5", "G5"},
};
constexpr const char* kChordSeconds = "2.5";

Status make_music(const GenerateOptions& o, const fs::path& folder, const std::string& out) {
  std::vector<std::string> parts;
  Status st;
  for (size_t i = 0; i < std::size(kChords) && st; ++i) {
    const Chord& c = kChords[i];
    std::string part =
        (folder / (".moh-part" + std::to_string(i) + "-" + std::to_string(::getpid()))).string();
    parts.push_back(part);
    // pluck only synthesises at 44.1-48 kHz; sox resamples to the 8 kHz output.
    Argv cmd{o.sox,   "-r",   "48000", "-c",    "4",           "-n",   "-r",
             "8000",  "-c",   "1",     "-b",    "16",          "-e",   "signed-integer",
             "-t",    "wav",  part,    "synth", kChordSeconds, "sine", c.bass,
             "pluck", c.a,    "pluck", c.b,     "pluck",       c.c,    "remix",
             "-",     "fade", "q",     "0.05",  kChordSeconds, "0.4"};
    st = run_pipeline({cmd});
  }
  if (st) {
    std::vector<std::string> inputs;
    for (const auto& p : parts) {
      inputs.emplace_back("-t");
      inputs.emplace_back("wav");
      inputs.push_back(p);
    }
    Argv cat = sox_out(o.sox, inputs, out);
    for (const char* s : {"gain", "-n", "-8"}) cat.emplace_back(s);
    st = run_pipeline({cat});
  }
  std::error_code ec;
  for (const auto& p : parts) fs::remove(p, ec);
  return st;
}

// A sentence keeps espeak-ng's silences; a fragment (`trim`) loses them, and
// gets 50 ms of silence after it, the gap between two words.
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

bool present(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && fs::file_size(p, ec) > 44;
}

Status ensure_dir(const fs::path& p) {
  std::error_code ec;
  fs::create_directories(p, ec);
  if (ec)
    return make_error("media.prompt_dir", "cannot create prompt folder " + p.string() + ": " + ec.message());
  return {};
}

// One file to make.
struct Job {
  fs::path file;
  std::function<Status(const std::string& tmp)> make;
};

// Runs the jobs on `workers` threads (this one included). After a failure no
// job is started; the first failure is returned.
Status run_jobs(const std::vector<Job>& jobs, unsigned workers, size_t* created) {
  std::atomic<size_t> next{0}, made{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  Status first_failure;
  auto work = [&] {
    while (!failed) {
      const size_t i = next++;
      if (i >= jobs.size()) return;
      Status st = produce(jobs[i].file, jobs[i].make);
      if (st) {
        ++made;
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
  if (created) *created = made;
  return first_failure;
}

unsigned worker_count(const GenerateOptions& o) {
  if (o.jobs) return o.jobs;
  return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
}

}  // namespace

Status generate_missing(const std::string& dir, const GenerateOptions& options, size_t* created) {
  if (created) *created = 0;
  std::vector<Job> jobs;
  // Adds a job for `file` unless it is there; creates its folder.
  auto need = [&](const fs::path& file, std::function<Status(const std::string&)> make) -> Status {
    if (present(file)) return {};
    if (Status st = ensure_dir(file.parent_path()); !st) return st;
    jobs.push_back({file, std::move(make)});
    return {};
  };
  for (std::string_view lang : kPromptLanguages) {
    const fs::path folder = fs::path(dir) / lang;
    for (const PromptText& p : kPromptCatalogue) {
      Status st = need(folder / (std::string(p.name) + ".wav"), [&options, lang, &p](const std::string& tmp) {
        return make_speech(options, lang, p.text(lang), false, tmp);
      });
      if (!st) return st;
    }
  }
  for (say::Lang lang : say::kLanguages) {
    const std::string_view code = say::lang_code(lang);
    const fs::path folder = fs::path(dir) / code;
    for (const say::Fragment& f : say::fragments(lang)) {
      Status st =
          need(folder / (std::string(f.name) + ".wav"), [&options, code, lang, f](const std::string& tmp) {
            return make_speech(options, code, say::speech_text(lang, f), true, tmp);
          });
      if (!st) return st;
    }
  }
  // The tone before a voicemail: 400 ms at 1 kHz.
  const fs::path beep = fs::path(dir) / kNoLanguage / (std::string(kBeep) + ".wav");
  if (Status st = need(beep,
                       [&](const std::string& tmp) {
                         Argv cmd = sox_out(options.sox, {"-n"}, tmp);
                         for (const char* a : {"synth", "0.4", "sine", "1000", "gain", "-6"}) cmd.emplace_back(a);
                         return run_pipeline({cmd});
                       });
      !st)
    return st;
  const fs::path moh = fs::path(dir) / kNoLanguage / (std::string(kMusicOnHold) + ".wav");
  if (Status st =
          need(moh, [&](const std::string& tmp) { return make_music(options, moh.parent_path(), tmp); });
      !st)
    return st;
  return run_jobs(jobs, worker_count(options), created);
}

}  // namespace plateau::media
