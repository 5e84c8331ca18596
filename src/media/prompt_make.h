// prompt_make.h — how one prompt file is made (private to src/media): the
// espeak-ng | sox pipeline of a spoken prompt, the atomic write of a file
// (temporary name, read-back check, rename), and a small pool of threads
// that makes several files at once. Used by generate_missing()
// (prompt_generate.cpp) and generate_prompts() (prompt_texts.cpp).
//
// Thread: blocking (runs programs, writes files); never for the telephony
// thread. Thread-safe (no shared state).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "media/prompt_generate.h"
#include "media/subprocess.h"

namespace plateau::media::detail {

// sox arguments for its output: 8 kHz mono 16-bit signed WAV, whatever the file name.
Argv sox_out(const std::string& sox, std::vector<std::string> inputs, const std::string& out);

// `text` spoken in `lang` (an espeak-ng voice) into `out`. A sentence keeps
// espeak-ng's silences; a fragment (`trim`) loses them, and gets 50 ms of
// silence after it, the gap between two words.
Status make_speech(const GenerateOptions& o, std::string_view lang, std::string_view text, bool trim,
                   const std::string& out);

using MakeFn = std::function<Status(const std::string& tmp)>;

// One file to make: `make(tmp)` writes it under a temporary name; then, if
// set, `before_rename(tmp)` runs once the file is checked (e.g. to record its
// checksum elsewhere); a failure there abandons the file.
struct Job {
  std::filesystem::path file;
  MakeFn make;
  MakeFn before_rename;
};

// Makes `job.file` by running `job.make(tmp)` (tmp: a hidden name in the same
// folder), checking that tmp reads back as a prompt, running
// `job.before_rename`, then renaming tmp. With `durable`, tmp is synced before
// the rename and the folder after it. On failure nothing is left behind and
// the file is untouched.
Status produce(const Job& job, bool durable = false);

// The same for a small text file (a manifest): written whole or not at all.
Status write_file_atomically(const std::filesystem::path& final_path, std::string_view content,
                             bool durable = false);

// mkdir -p; "media.prompt_dir" on failure.
Status ensure_dir(const std::filesystem::path& p);

// Runs produce() for each job on `workers` threads (this one included). After
// a failure no job is started; the first failure is returned. `made` gets the
// number of files made; `done`, if given, is resized to one flag per job,
// set for each job whose file was made.
Status run_jobs(const std::vector<Job>& jobs, unsigned workers, size_t* made, bool durable = false,
                std::vector<char>* done = nullptr);

// GenerateOptions::jobs, or one per processor (at most 8).
unsigned worker_count(const GenerateOptions& o);

}  // namespace plateau::media::detail
