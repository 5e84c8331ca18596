#include "media/prompt_generate.h"

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <system_error>
#include <vector>

#include "media/prompt.h"
#include "media/prompt_make.h"
#include "media/subprocess.h"
#include "say/say.h"

namespace plateau::media {
namespace fs = std::filesystem;
using detail::ensure_dir;
using detail::Job;
using detail::make_speech;
using detail::sox_out;
namespace {

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

bool present(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && fs::file_size(p, ec) > 44;
}

}  // namespace

Status generate_missing(const std::string& dir, const GenerateOptions& options, size_t* created) {
  if (created) *created = 0;
  std::vector<Job> jobs;
  // Adds a job for `file` unless it is there; creates its folder.
  auto need = [&](const fs::path& file, std::function<Status(const std::string&)> make) -> Status {
    if (present(file)) return {};
    if (Status st = ensure_dir(file.parent_path()); !st) return st;
    jobs.push_back({file, std::move(make), {}});
    return {};
  };
  for (std::string_view lang : kPromptLanguages) {
    const fs::path folder = fs::path(dir) / lang;
    for (const CataloguePrompt& p : kPromptCatalogue) {
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
  return detail::run_jobs(jobs, detail::worker_count(options), created);
}

}  // namespace plateau::media
