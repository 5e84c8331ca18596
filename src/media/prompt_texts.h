// prompt_texts.h — prompts spoken from texts given while Plateau runs (the
// prompts of IVR flows, e.g. "demo.accueil.bienvenue"), made by espeak-ng and
// sox like the built-in ones (prompt_generate.h), and the manifest that tells
// a file we generated from one an administrator recorded over it.
//
// Files: <dir>/<lang>/<name>.wav, where PromptLibrary reads them (8 kHz mono
// 16-bit PCM, a sentence with espeak-ng's silences kept), and beside each file
// we generated its manifest <dir>/<lang>/<name>.wav.txt:
//
//   plateau-prompt 1
//   checksum <16 hex digits: FNV-1a 64 of the WAV file's bytes>
//   previous <16 hex digits, or ->
//   <the text it was spoken from, to the end of the file>
//
// What generate_prompts() does with each text (classify() below):
//  - no WAV file: it is generated;
//  - a WAV whose checksum is the manifest's: ours; generated again if the text
//    changed, else left alone;
//  - a WAV whose checksum is the manifest's `previous`: ours, from before a
//    regeneration that was interrupted between the manifest and the file:
//    generated again;
//  - any other WAV (no manifest, an unreadable one, another checksum): an
//    administrator's recording, never overwritten, whatever the text says.
// A file is spoken into a hidden temporary name, checked to read back as a
// prompt, its manifest is written (temporary name, rename), then the file is
// renamed into place; both are synced to disk. An interrupted run leaves
// either the old file or the new one, never part of one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "media/prompt_generate.h"

namespace plateau::media {

// One prompt to speak: <dir>/<lang>/<name>.wav from `text` with the espeak-ng
// voice `lang`. name: letters, digits, '.', '_', '-', not starting with '.';
// lang: letters, digits and '-' (an espeak-ng voice: "fr", "ar", "es", "en").
struct PromptText {
  std::string name;
  std::string lang;
  std::string text;
};

struct GenerateReport {
  std::vector<std::string> made;      // "<lang>/<name>" spoken now (new, or the text changed)
  std::vector<std::string> recorded;  // "<lang>/<name>" left alone: an administrator's recording
  size_t up_to_date = 0;              // generated before from the same text
};

// Disk I/O and programs. Makes every prompt of `texts` that is missing or
// outdated under `dir` (folders created), by the rules above; `options` as for
// generate_missing() (program names, parallel pipelines). Checks every name,
// language and text first ("media.prompt_text": a bad name or language, an
// empty text, the same name and language twice) and then writes nothing on
// error. Stops at the first failure (files being made are finished, no other
// is started): "media.spawn" / "media.subprocess" (a program failed),
// "media.prompt_dir", "media.prompt_io", or the read-back error. `report`, if
// given, says what was done (also for what was done before a failure).
//
// Thread: blocks for seconds; run it on a worker thread, never on the
// telephony or the app thread, then load a new PromptLibrary and publish it
// (sip::Telephony::set_prompts). One call at a time per folder.
Status generate_prompts(const std::string& dir, const std::vector<PromptText>& texts,
                        const GenerateOptions& options = {}, GenerateReport* report = nullptr);

// ---- the manifest (pure) ----------------------------------------------------

struct PromptManifest {
  uint64_t checksum = 0;
  std::optional<uint64_t> previous;
  std::string text;
};

// FNV-1a 64 of a file's bytes: tells our file from another, not an adversary's.
uint64_t prompt_checksum(std::string_view bytes);
std::string format_manifest(const PromptManifest& m);
// nullopt if `content` is not a manifest.
std::optional<PromptManifest> parse_manifest(std::string_view content);

enum class PromptFileState { kMissing, kUpToDate, kOutdated, kRecorded };

// What to do with a prompt whose WAV file has `file_checksum` (nullopt: no
// file) and whose manifest is `manifest` (nullopt: none, or unreadable), for `text`.
PromptFileState classify(std::optional<uint64_t> file_checksum, const std::optional<PromptManifest>& manifest,
                         std::string_view text);

}  // namespace plateau::media
