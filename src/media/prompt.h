// prompt.h — the library of recorded prompts, read at start and again
// whenever prompts change (a new library is loaded and published; this one
// never changes once shared).
//
// Layout: <dir>/<lang>/<name>.wav, one folder per language ("fr", "ar", ...),
// and <dir>/_/<name>.wav for language-independent audio (music on hold). The
// name is everything before the final ".wav", dots included: the prompt
// "demo.accueil.bienvenue" is <dir>/fr/demo.accueil.bienvenue.wav. Files not
// ending in .wav (the manifests of prompt_texts.h, <name>.wav.txt) and hidden
// files (temporary files being written) are not prompts.
// Each file must be a WAV at 8 kHz, mono; its samples are read as signed
// 16-bit (16-bit PCM is what we generate; other WAV encodings libsndfile reads
// are converted). A file at another rate or with more channels is refused with
// an error naming it.
//
// Threads: load() runs once on a fresh library, before it is shared (main
// thread at start, or the thread that reloads prompts). After that the
// library is read-only: get() is const, takes no lock and may be called from
// any thread, e.g. the telephony thread on each PlayPrompt. Buffers are
// immutable and shared (shared_ptr), never copied per call: a player keeps
// the buffer it plays alive after its library is replaced and freed.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/result.h"
#include "media/pcm.h"

namespace plateau::media {

// Folder for prompts that belong to no language.
inline constexpr std::string_view kNoLanguage = "_";
inline constexpr std::string_view kFallbackLanguage = "fr";

// Reads one prompt file. Errors: "media.prompt_io" (cannot open/read),
// "media.prompt_format" (not 8 kHz mono, or empty).
Result<std::vector<int16_t>> read_prompt_wav(const std::string& path);

class PromptLibrary {
 public:
  // Loads every <dir>/*/*.wav. Fails with "media.prompt_dir" if dir cannot be
  // listed, or with the first bad file's error. Either way the library holds
  // every file that was good, and nothing for a bad one (get() then falls back
  // as for a missing prompt): on a reload the caller may publish it, and every
  // prompt but the bad ones is there; it decides (start without them, log,
  // keep the old library).
  Status load(const std::string& dir);

  // The prompt `name` in `lang`, else in French, else language-independent,
  // else in any language (alphabetical order of language folders); nullptr if
  // no language has it. Any thread.
  PcmBuffer get(std::string_view name, std::string_view lang) const;

  // Exactly this (name, lang), no fallback; nullptr if absent. Any thread.
  PcmBuffer get_exact(std::string_view name, std::string_view lang) const;

  size_t size() const { return count_; }

 private:
  // lang -> name -> samples. std::less<> allows lookup by string_view.
  std::map<std::string, std::map<std::string, PcmBuffer, std::less<>>, std::less<>> by_lang_;
  size_t count_ = 0;
};

}  // namespace plateau::media
