#include "media/prompt_texts.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "media/prompt.h"
#include "media/tests/temp_dir.h"

namespace plateau::media {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::optional<PromptManifest> manifest_of(const std::string& wav) {
  return parse_manifest(bytes_of(wav + ".txt"));
}

TEST(PromptManifest, RoundTripsAnyText) {
  const PromptManifest m{0x0123456789abcdefULL, 0xfedcba9876543210ULL, "Bonjour.\nمرحبًا\n\nlast line"};
  const std::string text = format_manifest(m);
  EXPECT_TRUE(text.starts_with("plateau-prompt 1\nchecksum 0123456789abcdef\nprevious fedcba9876543210\n"))
      << text;
  auto back = parse_manifest(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->checksum, m.checksum);
  EXPECT_EQ(back->previous, m.previous);
  EXPECT_EQ(back->text, m.text);

  auto none = parse_manifest(format_manifest({42, std::nullopt, "x"}));
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->previous);
  EXPECT_EQ(none->checksum, 42u);

  for (const char* bad :
       {"", "hello", "plateau-prompt 1\nchecksum 12\nprevious -\nx",
        "plateau-prompt 1\nchecksum 0123456789abcdeg\nprevious -\nx",
        "plateau-prompt 1\nchecksum 0123456789abcdef\n", "plateau-prompt 2\nchecksum 0\nprevious -\n"})
    EXPECT_FALSE(parse_manifest(bad)) << bad;
  EXPECT_NE(prompt_checksum("a"), prompt_checksum("b"));
  EXPECT_EQ(prompt_checksum(""), 0xcbf29ce484222325ULL);
}

TEST(PromptManifest, ClassifiesOursTheirsAndInterrupted) {
  const PromptManifest m{7, 5, "hello"};
  EXPECT_EQ(classify(std::nullopt, m, "hello"), PromptFileState::kMissing);
  EXPECT_EQ(classify(std::nullopt, std::nullopt, "hello"), PromptFileState::kMissing);
  EXPECT_EQ(classify(7, m, "hello"), PromptFileState::kUpToDate);
  EXPECT_EQ(classify(7, m, "hello!"), PromptFileState::kOutdated);
  EXPECT_EQ(classify(5, m, "hello"),
            PromptFileState::kOutdated);  // the manifest went first, the file did not
  EXPECT_EQ(classify(9, m, "hello"), PromptFileState::kRecorded);
  EXPECT_EQ(classify(7, std::nullopt, "hello"), PromptFileState::kRecorded);
  EXPECT_EQ(classify(5, PromptManifest{7, std::nullopt, "hello"}, "hello"), PromptFileState::kRecorded);
}

// Runs espeak-ng and sox for real.
TEST(PromptTexts, MakesMissingAndOutdatedPromptsButNeverAnAdministratorsRecording) {
  TempDir dir;
  const std::string root = dir / "prompts";
  const std::string welcome = root + "/fr/demo.accueil.bienvenue.wav", menu = root + "/en/demo.menu.wav";
  std::vector<PromptText> texts = {{"demo.accueil.bienvenue", "fr", "Bienvenue chez Démo."},
                                   {"demo.menu", "en", "Press one for sales."}};
  GenerateReport rep;
  Status st = generate_prompts(root, texts, {}, &rep);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(rep.made, (std::vector<std::string>{"fr/demo.accueil.bienvenue", "en/demo.menu"}));
  EXPECT_TRUE(rep.recorded.empty());
  for (const auto& [wav, text] : {std::pair{welcome, texts[0].text}, std::pair{menu, texts[1].text}}) {
    auto m = manifest_of(wav);
    ASSERT_TRUE(m) << wav;
    EXPECT_EQ(m->checksum, prompt_checksum(bytes_of(wav)));
    EXPECT_FALSE(m->previous);
    EXPECT_EQ(m->text, text);
  }
  // Names with dots load under their whole name; the manifests are not prompts.
  PromptLibrary lib;
  st = lib.load(root);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(lib.size(), 2u);
  auto pcm = lib.get("demo.accueil.bienvenue", "fr");
  ASSERT_TRUE(pcm);
  EXPECT_GT(pcm->size(), kSampleRate / 2);
  EXPECT_TRUE(lib.get("demo.menu", "fr"));  // no French one: the English, as for any prompt
  EXPECT_FALSE(lib.get("demo.accueil", "fr"));

  // The same texts again: nothing is made.
  const std::string welcome_bytes = bytes_of(welcome), menu_bytes = bytes_of(menu);
  st = generate_prompts(root, texts, {}, &rep);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_TRUE(rep.made.empty());
  EXPECT_EQ(rep.up_to_date, 2u);

  // A new text: that prompt only is spoken again; its manifest names the file it replaced.
  texts[1].text = "Press two for support.";
  st = generate_prompts(root, texts, {}, &rep);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(rep.made, (std::vector<std::string>{"en/demo.menu"}));
  EXPECT_NE(bytes_of(menu), menu_bytes);
  EXPECT_EQ(bytes_of(welcome), welcome_bytes);
  auto m = manifest_of(menu);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->text, "Press two for support.");
  EXPECT_EQ(m->previous, prompt_checksum(menu_bytes));

  // An administrator records over the welcome (here: another prompt's audio), and a
  // prompt of their own with no manifest: neither is touched, whatever the texts say.
  fs::copy_file(menu, welcome, fs::copy_options::overwrite_existing);
  fs::copy_file(menu, root + "/fr/demo.own.wav");
  const std::string recorded = bytes_of(welcome);
  texts[0].text = "Bienvenue, nouveau texte.";
  texts.push_back({"demo.own", "fr", "Texte."});
  st = generate_prompts(root, texts, {}, &rep);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_TRUE(rep.made.empty());
  EXPECT_EQ(rep.recorded, (std::vector<std::string>{"fr/demo.accueil.bienvenue", "fr/demo.own"}));
  EXPECT_EQ(bytes_of(welcome), recorded);
  EXPECT_FALSE(fs::exists(root + "/fr/demo.own.wav.txt"));

  // Interrupted between the manifest and the file: the old file is the manifest's
  // `previous`, so it is ours and is spoken again.
  std::ofstream(menu + ".txt", std::ios::binary)
      << format_manifest({12345, prompt_checksum(bytes_of(menu)), "Press two for support."});
  st = generate_prompts(root, {texts[1]}, {}, &rep);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(rep.made, (std::vector<std::string>{"en/demo.menu"}));
  EXPECT_EQ(manifest_of(menu)->checksum, prompt_checksum(bytes_of(menu)));

  for (const auto& e : fs::recursive_directory_iterator(root))
    EXPECT_NE(e.path().filename().string()[0], '.') << "left behind: " << e.path();
}

TEST(PromptTexts, BadNamesAreRefusedBeforeAnythingIsWritten) {
  TempDir dir;
  const std::string root = dir / "prompts";
  const std::vector<std::vector<PromptText>> cases = {
      {{"ok", "fr", "Oui."}, {"../escape", "fr", "Non."}},
      {{"a/b", "fr", "Non."}},
      {{".hidden", "fr", "Non."}},
      {{"", "fr", "Non."}},
      {{"ok", "../fr", "Non."}},
      {{"ok", "", "Non."}},
      {{"ok", "fr", ""}},
      {{"twice", "fr", "Un."}, {"twice", "fr", "Deux."}},
  };
  for (const auto& texts : cases) {
    Status st = generate_prompts(root, texts);
    ASSERT_FALSE(st.ok()) << texts.back().name;
    EXPECT_EQ(st.error().code, "media.prompt_text") << st.error().message;
  }
  EXPECT_FALSE(fs::exists(root));
}

TEST(PromptTexts, FailingProgramLeavesNeitherFileNorManifest) {
  TempDir dir;
  GenerateOptions opt;
  opt.espeak = "false";
  GenerateReport rep;
  Status st = generate_prompts(dir.path(), {{"demo.x", "fr", "Bonjour."}}, opt, &rep);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "media.subprocess");
  EXPECT_TRUE(rep.made.empty());
  for (const auto& e : fs::recursive_directory_iterator(dir.path()))
    EXPECT_TRUE(e.is_directory()) << "left behind: " << e.path();
}

}  // namespace
}  // namespace plateau::media
