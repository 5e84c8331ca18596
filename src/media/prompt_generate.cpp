#include "media/prompt_generate.h"

#include <unistd.h>

#include <filesystem>
#include <system_error>
#include <vector>

#include "media/prompt.h"
#include "media/subprocess.h"

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

Status make_speech(const GenerateOptions& o, std::string_view lang, std::string_view text,
                   const std::string& out) {
  Argv speak{o.espeak, "-v", std::string(lang), "-s", "150", "--stdout", std::string(text)};
  Argv conv = sox_out(o.sox, {"-t", "wav", "-"}, out);
  for (const char* s : {"gain", "-n", "-3"}) conv.emplace_back(s);
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

}  // namespace

Status generate_missing(const std::string& dir, const GenerateOptions& options, size_t* created) {
  size_t made = 0;
  if (created) *created = 0;
  for (std::string_view lang : kPromptLanguages) {
    const fs::path folder = fs::path(dir) / lang;
    for (const PromptText& p : kPromptCatalogue) {
      const fs::path file = folder / (std::string(p.name) + ".wav");
      if (present(file)) continue;
      if (Status st = ensure_dir(folder); !st) return st;
      Status st = produce(
          file, [&](const std::string& tmp) { return make_speech(options, lang, p.text(lang), tmp); });
      if (!st) return st;
      if (created) *created = ++made;
    }
  }
  const fs::path folder = fs::path(dir) / kNoLanguage;
  const fs::path moh = folder / (std::string(kMusicOnHold) + ".wav");
  if (!present(moh)) {
    if (Status st = ensure_dir(folder); !st) return st;
    if (Status st = produce(moh, [&](const std::string& tmp) { return make_music(options, folder, tmp); });
        !st)
      return st;
    if (created) *created = ++made;
  }
  return {};
}

}  // namespace plateau::media
