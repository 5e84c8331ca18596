#include "media/prompt_texts.h"

#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <utility>

#include "media/prompt.h"
#include "media/prompt_make.h"

namespace plateau::media {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kMagic = "plateau-prompt 1\n";

std::string hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

std::optional<uint64_t> parse_hex(std::string_view s) {
  if (s.size() != 16) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return std::nullopt;
    v = v << 4 | static_cast<uint64_t>(d);
  }
  return v;
}

// The next line of `s` from `pos` (without its '\n'); nullopt if there is no '\n'.
std::optional<std::string_view> line(std::string_view s, size_t& pos) {
  const size_t nl = s.find('\n', pos);
  if (nl == std::string_view::npos) return std::nullopt;
  std::string_view l = s.substr(pos, nl - pos);
  pos = nl + 1;
  return l;
}

bool name_ok(std::string_view n) {
  if (n.empty() || n.front() == '.') return false;
  for (char c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

bool lang_ok(std::string_view l) {
  if (l.empty()) return false;
  for (char c : l) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

// The whole file, or nullopt if it cannot be read (absent).
std::optional<std::string> slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return s;
}

Status check(const std::vector<PromptText>& texts) {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const PromptText& t : texts) {
    const std::string what = "prompt \"" + t.name + "\" (" + t.lang + ")";
    if (!name_ok(t.name))
      return make_error("media.prompt_text",
                        what + ": a name is letters, digits, '.', '_' and '-', not starting with '.'");
    if (!lang_ok(t.lang))
      return make_error("media.prompt_text", what + ": a language is letters, digits and '-'");
    if (t.text.empty()) return make_error("media.prompt_text", what + ": no text");
    if (!seen.emplace(t.name, t.lang).second)
      return make_error("media.prompt_text", what + " is given twice");
  }
  return {};
}

}  // namespace

uint64_t prompt_checksum(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string format_manifest(const PromptManifest& m) {
  std::string out(kMagic);
  out += "checksum " + hex(m.checksum) + "\n";
  out += "previous " + (m.previous ? hex(*m.previous) : std::string("-")) + "\n";
  out += m.text;
  return out;
}

std::optional<PromptManifest> parse_manifest(std::string_view content) {
  if (!content.starts_with(kMagic)) return std::nullopt;
  size_t pos = kMagic.size();
  auto sum = line(content, pos);
  auto prev = line(content, pos);
  if (!sum || !prev || !sum->starts_with("checksum ") || !prev->starts_with("previous ")) return std::nullopt;
  PromptManifest m;
  auto c = parse_hex(sum->substr(9));
  if (!c) return std::nullopt;
  m.checksum = *c;
  if (prev->substr(9) != "-") {
    m.previous = parse_hex(prev->substr(9));
    if (!m.previous) return std::nullopt;
  }
  m.text = std::string(content.substr(pos));
  return m;
}

PromptFileState classify(std::optional<uint64_t> file_checksum, const std::optional<PromptManifest>& manifest,
                         std::string_view text) {
  if (!file_checksum) return PromptFileState::kMissing;
  if (!manifest) return PromptFileState::kRecorded;
  if (*file_checksum == manifest->checksum)
    return manifest->text == text ? PromptFileState::kUpToDate : PromptFileState::kOutdated;
  if (manifest->previous && *file_checksum == *manifest->previous) return PromptFileState::kOutdated;
  return PromptFileState::kRecorded;
}

Status generate_prompts(const std::string& dir, const std::vector<PromptText>& texts,
                        const GenerateOptions& options, GenerateReport* report) {
  GenerateReport local;
  GenerateReport& rep = report ? *report : local;
  rep = {};
  if (Status st = check(texts); !st) return st;

  std::vector<detail::Job> jobs;
  std::vector<std::string> names;  // "<lang>/<name>" of each job
  for (const PromptText& t : texts) {
    const fs::path wav = fs::path(dir) / t.lang / (t.name + ".wav");
    const fs::path manifest_path = fs::path(wav) += ".txt";
    std::optional<uint64_t> file_sum;
    if (auto bytes = slurp(wav)) file_sum = prompt_checksum(*bytes);
    std::optional<PromptManifest> manifest;
    if (file_sum) {
      if (auto m = slurp(manifest_path)) manifest = parse_manifest(*m);
    }
    const std::string label = t.lang + "/" + t.name;
    switch (classify(file_sum, manifest, t.text)) {
      case PromptFileState::kUpToDate:
        ++rep.up_to_date;
        continue;
      case PromptFileState::kRecorded:
        rep.recorded.push_back(label);
        continue;
      case PromptFileState::kMissing:
      case PromptFileState::kOutdated:
        break;
    }
    if (Status st = detail::ensure_dir(wav.parent_path()); !st) return st;
    // The manifest goes first, naming the file it replaces as `previous`: if
    // we stop before the rename, the old file is still known as ours.
    auto write_manifest = [manifest_path, previous = file_sum,
                           text = t.text](const std::string& tmp) -> Status {
      auto bytes = slurp(tmp);
      if (!bytes) return make_error("media.prompt_io", "cannot read back " + tmp);
      return detail::write_file_atomically(manifest_path,
                                           format_manifest({prompt_checksum(*bytes), previous, text}), true);
    };
    auto speak = [&options, lang = t.lang, text = t.text](const std::string& tmp) {
      return detail::make_speech(options, lang, text, false, tmp);
    };
    jobs.push_back({wav, speak, write_manifest});
    names.push_back(label);
  }
  std::vector<char> done;
  Status st = detail::run_jobs(jobs, detail::worker_count(options), nullptr, true, &done);
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (done[i]) rep.made.push_back(names[i]);
  }
  return st;
}

}  // namespace plateau::media
