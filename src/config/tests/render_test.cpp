#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config/config.h"
#include "config/options.h"
#include "config/tests/temp_dir.h"

namespace plateau::config {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TEST(ConfigDump, OneLinePerKeyWithItsSource) {
  testing::TempDir dir;
  LoadInput in;
  in.config_file = dir.write("p.toml", "[sip]\nrealm = \"acme\"\n");
  in.env = {{"PLATEAU_RTP_PORT_MAX", "30000"}};
  in.flags = {{"--http-listen", "[::1]:8443"}, {"--http-api-token", "s3cret-token-of-forty-chars"}};
  auto r = load(in);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const std::string text = dump(*r);
  auto lines = lines_of(text);
  ASSERT_EQ(lines.size(), options().size());
  EXPECT_EQ(lines[0], "data_dir = \"data\"  # default");
  EXPECT_NE(text.find("\nsip.realm = \"acme\"  # file:" + *in.config_file + "\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nrtp.port_max = 30000  # env:PLATEAU_RTP_PORT_MAX\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nhttp.listen = \"[::1]:8443\"  # flag:--http-listen\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nsip.tcp = true  # default\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nhttp.api_token = \"********\"  # flag:--http-api-token\n"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("s3cret"), std::string::npos);
}

// A dump is itself a valid configuration file that loads to the same values.
TEST(ConfigDump, ReloadsToTheSameValues) {
  testing::TempDir dir;
  LoadInput in;
  in.flags = {
      {"--sip-listen", "127.0.0.1:5999"}, {"--log-file", "/tmp/a \"b\".log"}, {"--recording-enabled", "off"}};
  auto first = load(in);
  ASSERT_TRUE(first.ok()) << first.error().message;
  LoadInput again;
  again.config_file = dir.write("dump.toml", dump(*first));
  auto second = load(again);
  ASSERT_TRUE(second.ok()) << second.error().message;
  auto strip = [](const std::string& text) {
    std::string out;
    for (const auto& l : lines_of(text)) out += l.substr(0, l.find("  # ")) + "\n";
    return out;
  };
  EXPECT_EQ(strip(dump(*first)), strip(dump(*second)));
  EXPECT_EQ(second->config.log_file, "/tmp/a \"b\".log");
  EXPECT_FALSE(second->config.recording_enabled);
  EXPECT_EQ(second->sources["sip.listen"], "file:" + *again.config_file);
}

TEST(ConfigReference, DocsConfigMdIsUpToDate) {
  const std::string path = std::string(PLATEAU_SOURCE_DIR) + "/docs/CONFIG.md";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " is missing; write it with: plateau-config-reference > docs/CONFIG.md";
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), reference_markdown())
      << path
      << " differs from the option table; regenerate it with: plateau-config-reference > docs/CONFIG.md";
}

TEST(ConfigReference, EveryOptionHasARow) {
  const std::string md = reference_markdown();
  for (const Option& opt : options()) {
    EXPECT_NE(md.find("| `" + std::string(opt.key) + "` | `" + std::string(opt.flag) + "` | `" +
                      env_name(opt.key) + "` |"),
              std::string::npos)
        << opt.key;
  }
}

}  // namespace
}  // namespace plateau::config
