#include "media/prompt.h"

#include <sndfile.h>

#include <filesystem>
#include <system_error>

namespace plateau::media {
namespace fs = std::filesystem;

Result<std::vector<int16_t>> read_prompt_wav(const std::string& path) {
  SF_INFO info{};
  SNDFILE* sf = sf_open(path.c_str(), SFM_READ, &info);
  if (!sf) return make_error("media.prompt_io", "cannot open prompt " + path + ": " + sf_strerror(nullptr));
  struct Closer {
    SNDFILE* f;
    ~Closer() { sf_close(f); }
  } closer{sf};

  if (info.samplerate != kSampleRate || info.channels != 1) {
    return make_error("media.prompt_format", "prompt " + path + " is " + std::to_string(info.samplerate) +
                                                 " Hz, " + std::to_string(info.channels) +
                                                 " channel(s); prompts must be 8000 Hz mono WAV");
  }
  if ((info.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAV) {
    return make_error("media.prompt_format", "prompt " + path + " is not a WAV file");
  }
  if (info.frames <= 0) return make_error("media.prompt_format", "prompt " + path + " has no samples");

  std::vector<int16_t> pcm(static_cast<size_t>(info.frames));
  const sf_count_t got = sf_readf_short(sf, pcm.data(), info.frames);
  if (got <= 0) return make_error("media.prompt_io", "cannot read prompt " + path + ": " + sf_strerror(sf));
  pcm.resize(static_cast<size_t>(got));
  return pcm;
}

static Status load_impl(
    const std::string& dir,
    std::map<std::string, std::map<std::string, PcmBuffer, std::less<>>, std::less<>>& out, size_t& count) {
  std::error_code ec;
  fs::directory_iterator langs(dir, ec);
  if (ec) return make_error("media.prompt_dir", "cannot list prompt folder " + dir + ": " + ec.message());
  Status first_error;
  for (const auto& lang_entry : langs) {
    if (!lang_entry.is_directory(ec)) continue;
    const std::string lang = lang_entry.path().filename().string();
    fs::directory_iterator files(lang_entry.path(), ec);
    if (ec) {
      if (first_error)
        first_error = make_error("media.prompt_dir", "cannot list " + lang_entry.path().string());
      continue;
    }
    for (const auto& file : files) {
      // Skip our own temporary files (".name.wav.tmp…") and anything not .wav.
      const fs::path& p = file.path();
      if (p.extension() != ".wav" || p.filename().string().starts_with(".")) continue;
      auto pcm = read_prompt_wav(p.string());
      if (!pcm) {
        if (first_error) first_error = pcm.error();
        continue;
      }
      auto& slot = out[lang][p.stem().string()];
      if (!slot) ++count;
      slot = std::make_shared<const std::vector<int16_t>>(std::move(pcm.value()));
    }
  }
  return first_error;
}

Status PromptLibrary::load(const std::string& dir) { return load_impl(dir, by_lang_, count_); }

PcmBuffer PromptLibrary::get_exact(std::string_view name, std::string_view lang) const {
  auto l = by_lang_.find(lang);
  if (l == by_lang_.end()) return nullptr;
  auto n = l->second.find(name);
  return n == l->second.end() ? nullptr : n->second;
}

PcmBuffer PromptLibrary::get(std::string_view name, std::string_view lang) const {
  for (std::string_view l : {lang, kFallbackLanguage, kNoLanguage}) {
    if (auto p = get_exact(name, l)) return p;
  }
  for (const auto& [l, names] : by_lang_) {
    if (auto n = names.find(name); n != names.end()) return n->second;
  }
  return nullptr;
}

}  // namespace plateau::media
