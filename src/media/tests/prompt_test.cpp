#include <gtest/gtest.h>
#include <sndfile.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "media/player.h"
#include "media/prompt.h"
#include "media/prompt_generate.h"
#include "media/tests/temp_dir.h"
#include "say/say.h"

namespace plateau::media {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

void write_wav(const std::string& path, int rate, int channels, size_t frames, int16_t value) {
  fs::create_directories(fs::path(path).parent_path());
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* sf = sf_open(path.c_str(), SFM_WRITE, &info);
  ASSERT_NE(sf, nullptr) << path;
  std::vector<int16_t> data(frames * static_cast<size_t>(channels), value);
  sf_writef_short(sf, data.data(), static_cast<sf_count_t>(frames));
  sf_close(sf);
}

TEST(PromptLibrary, LoadsAndFallsBack) {
  TempDir dir;
  write_wav(dir / "fr/welcome.wav", 8000, 1, 800, 1);
  write_wav(dir / "ar/welcome.wav", 8000, 1, 900, 2);
  write_wav(dir / "es/only_es.wav", 8000, 1, 100, 3);
  write_wav(dir / "_/moh.wav", 8000, 1, 1600, 4);
  write_wav(dir / "en/notes.txt", 8000, 1, 10, 0);  // ignored: not .wav
  PromptLibrary lib;
  Status st = lib.load(dir.path());
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(lib.size(), 4u);

  auto ar = lib.get("welcome", "ar");
  ASSERT_TRUE(ar);
  EXPECT_EQ(ar->size(), 900u);
  EXPECT_EQ((*ar)[0], 2);
  auto en = lib.get("welcome", "en");  // no English: French
  ASSERT_TRUE(en);
  EXPECT_EQ((*en)[0], 1);
  auto moh = lib.get("moh", "ar");  // language-independent
  ASSERT_TRUE(moh);
  EXPECT_EQ(moh->size(), 1600u);
  auto any = lib.get("only_es", "fr");  // in no preferred folder: any language
  ASSERT_TRUE(any);
  EXPECT_EQ((*any)[0], 3);
  EXPECT_EQ(lib.get("missing", "fr"), nullptr);
  EXPECT_EQ(lib.get_exact("welcome", "en"), nullptr);
  // Shared, not copied.
  EXPECT_EQ(lib.get("welcome", "ar").get(), ar.get());
}

TEST(PromptLibrary, RefusesWrongRateOrChannelsNamingTheFile) {
  TempDir dir;
  write_wav(dir / "fr/good.wav", 8000, 1, 800, 1);
  write_wav(dir / "fr/wideband.wav", 16000, 1, 800, 1);
  PromptLibrary lib;
  Status st = lib.load(dir.path());
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "media.prompt_format");
  EXPECT_NE(st.error().message.find("wideband.wav"), std::string::npos) << st.error().message;
  EXPECT_NE(st.error().message.find("16000"), std::string::npos);
  EXPECT_TRUE(lib.get_exact("good", "fr"));
  EXPECT_FALSE(lib.get_exact("wideband", "fr"));

  TempDir dir2;
  write_wav(dir2 / "en/stereo.wav", 8000, 2, 800, 1);
  auto r = read_prompt_wav(dir2 / "en/stereo.wav");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("stereo.wav"), std::string::npos);
  EXPECT_NE(r.error().message.find("2 channel"), std::string::npos);
}

// Flow prompts are named with dots; a replaced library leaves what plays alive.
TEST(PromptLibrary, NamesWithDotsAndBuffersOutliveTheirLibrary) {
  TempDir dir;
  write_wav(dir / "fr/demo.accueil.bienvenue.wav", 8000, 1, 800, 5);
  write_wav(dir / "fr/demo.accueil.wav", 8000, 1, 400, 6);
  dir.write("fr/demo.accueil.bienvenue.wav.txt", "plateau-prompt 1\n");  // a manifest: not a prompt
  dir.write("fr/.demo.menu.wav", "partial");  // hidden (being written): not a prompt
  auto lib = std::make_unique<PromptLibrary>();
  Status st = lib->load(dir.path());
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(lib->size(), 2u);
  auto pcm = lib->get("demo.accueil.bienvenue", "en");
  ASSERT_TRUE(pcm);
  EXPECT_EQ(pcm->size(), 800u);
  EXPECT_EQ(lib->get_exact("demo.accueil", "fr")->size(), 400u);
  EXPECT_FALSE(lib->get("demo", "fr"));
  EXPECT_FALSE(lib->get("demo.menu", "fr"));

  Player player(lib->get("demo.accueil.bienvenue", "fr"));
  lib.reset();  // the telephony thread got a new library; this one is freed
  int16_t frame[kFrameSamples];
  ASSERT_TRUE(player.next_frame(frame));
  EXPECT_EQ(frame[0], 5);
  EXPECT_EQ(pcm.use_count(), 2);  // this test's and the player's
}

TEST(PromptLibrary, MissingFolderIsAnError) {
  PromptLibrary lib;
  Status st = lib.load("/nonexistent/plateau/prompts");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "media.prompt_dir");
}

TEST(PromptCatalogue, EveryPromptHasEveryLanguageAndNamesAreUnique) {
  std::map<std::string_view, int> seen;
  for (const CataloguePrompt& p : kPromptCatalogue) {
    EXPECT_EQ(++seen[p.name], 1) << p.name;
    for (std::string_view lang : kPromptLanguages)
      EXPECT_FALSE(p.text(lang).empty()) << p.name << " " << lang;
    EXPECT_NE(p.text("ar"), p.text("fr"));
  }
  EXPECT_TRUE(seen.count("welcome") && seen.count("queue_wait") && seen.count("no_agent") &&
              seen.count("recording_notice") && seen.count("goodbye"));
  for (const char* name : {"position_is", "wait_is", "wait_unknown", "callback_offer", "callback_confirm",
                           "callback_connecting", "queue_full", "transfer"})
    EXPECT_TRUE(seen.count(name)) << name;
}

// Sentences and say:: fragments share each language's folder.
TEST(PromptCatalogue, LanguagesAreSayLanguagesAndNoFragmentIsNamedLikeASentence) {
  ASSERT_EQ(kPromptLanguages.size(), say::kLanguages.size());
  for (size_t i = 0; i < kPromptLanguages.size(); ++i)
    EXPECT_EQ(kPromptLanguages[i], say::lang_code(say::kLanguages[i]));
  for (const CataloguePrompt& p : kPromptCatalogue)
    for (say::Lang lang : say::kLanguages) EXPECT_EQ(say::find_fragment(lang, p.name), nullptr) << p.name;
}

size_t fragment_count() {
  size_t n = 0;
  for (say::Lang lang : say::kLanguages) n += say::fragments(lang).size();
  return n;
}

struct Stamp {
  ino_t ino;
  int64_t mtime_ns;
};
std::map<std::string, Stamp> stamps(const std::string& dir) {
  std::map<std::string, Stamp> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    struct stat st {};
    ::stat(e.path().c_str(), &st);
    out[e.path().string()] = {st.st_ino, int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
  }
  return out;
}

// Runs espeak-ng and sox for real: the spoken sentences, the say:: fragments of
// every language, the beep and the music loop.
TEST(PromptGenerate, MakesAllMissingFilesOnceAndTheyLoad) {
  TempDir dir;
  const std::string root = dir / "prompts";
  size_t created = 0;
  Status st = generate_missing(root, {}, &created);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(created, kPromptCatalogue.size() * kPromptLanguages.size() + fragment_count() + 2);
  auto beep = read_prompt_wav(root + "/_/beep.wav");
  ASSERT_TRUE(beep) << beep.error().message;
  EXPECT_EQ(beep->size(), 3200u);  // 0.4 s at 8 kHz

  PromptLibrary lib;
  st = lib.load(root);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(lib.size(), created);
  for (std::string_view lang : kPromptLanguages) {
    for (const CataloguePrompt& p : kPromptCatalogue) {
      auto pcm = lib.get_exact(p.name, lang);
      ASSERT_TRUE(pcm) << p.name << " " << lang;
      const double seconds = double(pcm->size()) / kSampleRate;
      EXPECT_GT(seconds, 0.5) << p.name << " " << lang;
      EXPECT_LT(seconds, 15.0) << p.name << " " << lang;
      int peak = 0;
      for (int16_t s : *pcm) peak = std::max(peak, std::abs(int(s)));
      EXPECT_GT(peak, 8000) << p.name << " " << lang;  // speech, normalised, not silence
    }
  }
  // Fragments: one word or a short phrase, without espeak-ng's leading
  // silence, and 50 ms of silence after the speech.
  for (say::Lang lang : say::kLanguages) {
    for (const say::Fragment& f : say::fragments(lang)) {
      auto pcm = lib.get_exact(f.name, say::lang_code(lang));
      ASSERT_TRUE(pcm) << f.name << " " << say::lang_code(lang);
      const double seconds = double(pcm->size()) / kSampleRate;
      EXPECT_GT(seconds, 0.1) << f.name << " " << say::lang_code(lang);
      EXPECT_LT(seconds, 2.5) << f.name << " " << say::lang_code(lang);
      size_t first = 0, last = 0;
      for (size_t i = 0; i < pcm->size(); ++i) {
        if (std::abs(int((*pcm)[i])) < 100) continue;
        if (!first) first = i;
        last = i;
      }
      // Under 40 ms: the quiet start of "th" in "third" is taken for silence here.
      EXPECT_LT(first, kSampleRate / 25u) << f.name << " " << say::lang_code(lang);
      EXPECT_LT(pcm->size() - last, kSampleRate / 10u) << f.name << " " << say::lang_code(lang);
    }
  }
  auto moh = lib.get_exact(kMusicOnHold, kNoLanguage);
  ASSERT_TRUE(moh);
  EXPECT_NEAR(double(moh->size()) / kSampleRate, 20.0, 0.5);
  // Music, not one beep: the level changes chord to chord, and it is never silent for long.
  Player player(moh, true);
  int16_t frame[kFrameSamples];
  int silent_frames = 0;
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(player.next_frame(frame));
    int peak = 0;
    for (int16_t s : frame) peak = std::max(peak, std::abs(int(s)));
    silent_frames += peak < 100;
  }
  EXPECT_LT(silent_frames, 50);

  // No temporary files left behind.
  for (const auto& e : fs::recursive_directory_iterator(root))
    EXPECT_NE(e.path().filename().string()[0], '.') << e.path();

  const auto before = stamps(root);
  created = 99;
  st = generate_missing(root, {}, &created);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(created, 0u);
  const auto after = stamps(root);
  ASSERT_EQ(before.size(), after.size());
  for (const auto& [path, s] : before) {
    EXPECT_EQ(after.at(path).ino, s.ino) << path;
    EXPECT_EQ(after.at(path).mtime_ns, s.mtime_ns) << path;
  }

  // One file removed: exactly that one is made again.
  fs::remove(root + "/es/goodbye.wav");
  st = generate_missing(root, {}, &created);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(created, 1u);
  EXPECT_TRUE(fs::exists(root + "/es/goodbye.wav"));
}

TEST(PromptGenerate, FailingProgramIsReportedAndLeavesNoFile) {
  TempDir dir;
  GenerateOptions opt;
  opt.espeak = "false";  // exits 1
  Status st = generate_missing(dir.path(), opt);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "media.subprocess");
  EXPECT_NE(st.error().message.find("false"), std::string::npos) << st.error().message;
  for (const auto& e : fs::recursive_directory_iterator(dir.path()))
    EXPECT_TRUE(e.is_directory()) << "left behind: " << e.path();

  opt.espeak = "plateau-no-such-program";
  st = generate_missing(dir.path(), opt);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "media.spawn");
  EXPECT_NE(st.error().message.find("plateau-no-such-program"), std::string::npos);
}

}  // namespace
}  // namespace plateau::media
