#include <gtest/gtest.h>

#include <CLI/CLI.hpp>

#include "config/config.h"
#include "config/options.h"
#include "config/tests/temp_dir.h"

namespace plateau::config {
namespace {

using testing::TempDir;

std::string load_error(const LoadInput& in) {
  auto r = load(in);
  EXPECT_FALSE(r.ok());
  return r.ok() ? std::string("(loaded)") : r.error().message;
}

// The message of loading `text` as a file, with the temp dir stripped: "plateau.toml:2:1: ...".
std::string file_error(const std::string& text, std::string* code = nullptr) {
  TempDir dir;
  LoadInput in;
  in.config_file = dir.write("plateau.toml", text);
  auto r = load(in);
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "(loaded)";
  if (code) *code = r.error().code;
  std::string msg = r.error().message;
  const std::string prefix = dir.path() + "/";
  for (size_t at; (at = msg.find(prefix)) != std::string::npos;) msg.erase(at, prefix.size());
  return msg;
}

TEST(ConfigLoad, DefaultsFillEveryOption) {
  auto r = load({});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Config& c = r->config;
  EXPECT_EQ(c.data_dir, "data");
  EXPECT_EQ(c.sip_listen, (Endpoint{"0.0.0.0", 5060}));
  EXPECT_EQ(c.sip_advertise, "");
  EXPECT_EQ(c.sip_realm, "plateau");
  EXPECT_TRUE(c.sip_tcp);
  EXPECT_EQ(c.sip_register_min_expires, 60);
  EXPECT_EQ(c.sip_register_max_expires, 3600);
  EXPECT_EQ(c.sip_auth_fail_limit, 10);
  EXPECT_EQ(c.sip_auth_fail_window, 60);
  EXPECT_EQ(c.sip_auth_block, 300);
  EXPECT_EQ(c.rtp_port_min, 10000);
  EXPECT_EQ(c.rtp_port_max, 20000);
  EXPECT_EQ(c.http_listen, (Endpoint{"0.0.0.0", 8080}));
  EXPECT_EQ(c.http_api_token, "");
  EXPECT_EQ(c.store_path, "plateau.db");
  EXPECT_TRUE(c.recording_enabled);
  EXPECT_EQ(c.recording_dir, "recordings");
  EXPECT_EQ(c.prompts_dir, "prompts");
  EXPECT_EQ(c.provision_file, "");
  EXPECT_TRUE(c.provision_demo);
  EXPECT_EQ(c.log_level, "info");
  EXPECT_EQ(c.log_file, "");
  ASSERT_EQ(r->sources.size(), options().size());
  for (const auto& [key, src] : r->sources) EXPECT_EQ(src, "default") << key;
}

TEST(ConfigLoad, PrecedenceDefaultFileEnvFlag) {
  TempDir dir;
  LoadInput in;
  in.config_file = dir.write("plateau.toml",
                             "data_dir = \"/var/lib/plateau\"\n"
                             "[sip]\n"
                             "listen = \"10.0.0.1:5060\"\n"
                             "realm = \"acme\"\n"
                             "tcp = false\n"
                             "[rtp]\n"
                             "port_min = 30000\n"
                             "port_max = 40000\n");
  in.env = {{"PLATEAU_SIP_LISTEN", "10.0.0.2:5070"},
            {"PLATEAU_RTP_PORT_MIN", "31000"},
            {"PLATEAU_LOG_LEVEL", "debug"},
            {"PLATEAU_BIN", "/usr/bin/plateau"},  // not an option: ignored
            {"HOME", "/root"}};
  in.flags = {{"--sip-listen", "[::1]:5080"}, {"--provision-demo", "no"}};
  auto r = load(in);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Config& c = r->config;
  const std::string file = "file:" + *in.config_file;
  EXPECT_EQ(c.sip_listen, (Endpoint{"::1", 5080}));
  EXPECT_EQ(r->sources["sip.listen"], "flag:--sip-listen");
  EXPECT_EQ(c.rtp_port_min, 31000);
  EXPECT_EQ(r->sources["rtp.port_min"], "env:PLATEAU_RTP_PORT_MIN");
  EXPECT_EQ(c.rtp_port_max, 40000);
  EXPECT_EQ(r->sources["rtp.port_max"], file);
  EXPECT_EQ(c.sip_realm, "acme");
  EXPECT_FALSE(c.sip_tcp);
  EXPECT_EQ(r->sources["sip.tcp"], file);
  EXPECT_EQ(c.data_dir, "/var/lib/plateau");
  EXPECT_EQ(c.log_level, "debug");
  EXPECT_EQ(r->sources["log.level"], "env:PLATEAU_LOG_LEVEL");
  EXPECT_FALSE(c.provision_demo);
  EXPECT_EQ(r->sources["provision.demo"], "flag:--provision-demo");
  EXPECT_EQ(c.http_listen, (Endpoint{"0.0.0.0", 8080}));
  EXPECT_EQ(r->sources["http.listen"], "default");
}

TEST(ConfigLoad, DottedKeysAtTopLevelWork) {
  TempDir dir;
  LoadInput in;
  in.config_file = dir.write("p.toml", "sip.register_max_expires = 7200\nhttp.listen = \"127.0.0.1:9090\"\n");
  auto r = load(in);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->config.sip_register_max_expires, 7200);
  EXPECT_EQ(r->config.http_listen, (Endpoint{"127.0.0.1", 9090}));
}

TEST(ConfigLoad, BadEndpointNamesFileLineKeyAndReason) {
  std::string code;
  std::string msg = file_error(
      "# Plateau\n\ndata_dir = \"d\"\n\n[http]\nlisten = \"127.0.0.1:8080\"\n[sip]\nlisten = "
      "\"0.0.0.0:99999\"\n",
      &code);
  EXPECT_EQ(
      msg, "plateau.toml:8:1: sip.listen: \"0.0.0.0:99999\" is not a valid host:port (port must be 1-65535)");
  EXPECT_EQ(code, "config.bad_value");
}

TEST(ConfigLoad, UnknownKeySuggestsTheNearestOne) {
  std::string code;
  std::string msg = file_error("[sip]\nlisten = \"0.0.0.0:5060\"\n  listen_port = 5060\n", &code);
  EXPECT_EQ(msg, "plateau.toml:3:3: sip.listen_port: unknown key (did you mean sip.listen?)");
  EXPECT_EQ(code, "config.unknown_key");
  msg = file_error("[telephony]\nfoo = 1\n");
  EXPECT_EQ(msg, "plateau.toml:1:2: telephony: unknown key");
}

TEST(ConfigLoad, WrongTypes) {
  EXPECT_EQ(file_error("[rtp]\nport_min = \"10000\"\n"),
            "plateau.toml:2:1: rtp.port_min: expected an integer, got a string (\"10000\")");
  EXPECT_EQ(file_error("[sip]\ntcp = 1\n"),
            "plateau.toml:2:1: sip.tcp: expected a boolean, got an integer (1)");
  EXPECT_EQ(file_error("[sip]\nrealm = true\n"),
            "plateau.toml:2:1: sip.realm: expected a string, got a boolean (true)");
  EXPECT_EQ(file_error("[sip.listen]\nhost = \"x\"\n"),
            "plateau.toml:1:6: sip.listen: expected a string, got a table");
  EXPECT_EQ(file_error("[rtp]\nport_min = 1.5\n"),
            "plateau.toml:2:1: rtp.port_min: expected an integer, got a float");
}

TEST(ConfigLoad, OutOfRangeAndBadChoice) {
  EXPECT_EQ(file_error("[rtp]\nport_max = 70000\n"),
            "plateau.toml:2:1: rtp.port_max: 70000 is out of range (1024-65535)");
  EXPECT_EQ(file_error("[log]\nlevel = \"verbose\"\n"),
            "plateau.toml:2:1: log.level: \"verbose\" is not one of trace, debug, info, warn, error");
  EXPECT_EQ(file_error("[store]\npath = \"\"\n"),
            "plateau.toml:2:1: store.path: the value must not be empty");
  EXPECT_EQ(file_error("[sip]\nadvertise = \"not a host\"\n"),
            "plateau.toml:2:1: sip.advertise: \"not a host\" is not an IP address or host name");
}

TEST(ConfigLoad, AllFaultsOfAFileAreListed) {
  std::string msg = file_error("[rtp]\nport_min = 1\nport_max = 1\n");
  EXPECT_EQ(msg,
            "plateau.toml:2:1: rtp.port_min: 1 is out of range (1024-65535)\n"
            "plateau.toml:3:1: rtp.port_max: 1 is out of range (1024-65535)");
}

TEST(ConfigLoad, SyntaxErrorHasLineAndColumn) {
  std::string code;
  std::string msg = file_error("[sip]\nrealm = \"a\"\nlisten = = 3\n", &code);
  EXPECT_EQ(code, "config.syntax");
  EXPECT_EQ(msg.rfind("plateau.toml:3:", 0), 0u) << msg;
  EXPECT_NE(msg.find(": TOML syntax error: "), std::string::npos) << msg;
}

TEST(ConfigLoad, MissingFileIsAnIoError) {
  TempDir dir;
  LoadInput in;
  in.config_file = dir.path() + "/absent.toml";
  auto r = load(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "config.io");
  EXPECT_EQ(r.error().message,
            *in.config_file + ": cannot read the configuration file: No such file or directory");
}

TEST(ConfigLoad, EnvironmentAndFlagErrorsNameTheirOrigin) {
  LoadInput in;
  in.env = {{"PLATEAU_SIP_TCP", "maybe"}};
  EXPECT_EQ(load_error(in),
            "PLATEAU_SIP_TCP: sip.tcp: \"maybe\" is not a boolean (true/false, yes/no, on/off, 1/0)");
  in.env = {{"PLATEAU_HTTP_LISTEN", "::1:80"}};
  EXPECT_EQ(load_error(in),
            "PLATEAU_HTTP_LISTEN: http.listen: \"::1:80\" is not a valid host:port (write IPv6 addresses in "
            "brackets, "
            "e.g. [::1]:5060)");
  in.env.clear();
  in.flags = {{"--rtp-port-min", "12ab"}};
  EXPECT_EQ(load_error(in), "--rtp-port-min: rtp.port_min: \"12ab\" is not an integer");
  in.flags = {{"--sip-auth-block", "0"}};
  EXPECT_EQ(load_error(in), "--sip-auth-block: sip.auth_block: 0 is out of range (1-604800)");
  in.flags = {{"--no-such-flag", "1"}};
  EXPECT_EQ(load_error(in), "--no-such-flag: unknown flag");
}

TEST(ConfigLoad, OrderedPairsAreChecked) {
  LoadInput in;
  in.env = {{"PLATEAU_RTP_PORT_MIN", "30000"}};
  EXPECT_EQ(load_error(in),
            "rtp.port_min (30000, from env:PLATEAU_RTP_PORT_MIN) must not exceed rtp.port_max (20000, from "
            "default)");
  in.env = {{"PLATEAU_SIP_REGISTER_MIN_EXPIRES", "120"}};
  in.flags = {{"--sip-register-max-expires", "100"}};
  EXPECT_EQ(load_error(in),
            "sip.register_min_expires (120, from env:PLATEAU_SIP_REGISTER_MIN_EXPIRES) must not exceed "
            "sip.register_max_expires (100, from flag:--sip-register-max-expires)");
}

TEST(ConfigCli, FlagsFromTheCommandLineReachLoad) {
  TempDir dir;
  const std::string file = dir.write("c.toml", "[http]\napi_token = \"from-file-token-123456\"\n");
  CLI::App app;
  std::map<std::string, std::string> flags;
  add_flags(app, flags);
  std::vector<std::string> args = {"--sip-listen", "127.0.0.1:5070",   "--config",
                                   file,           "--provision-demo", "false"};
  std::vector<char*> argv = {const_cast<char*>("plateau")};
  for (auto& a : args) argv.push_back(a.data());
  ASSERT_NO_THROW(app.parse(static_cast<int>(argv.size()), argv.data()));
  EXPECT_EQ(flags.size(), 3u);
  LoadInput in = input_from(flags, {{"PLATEAU_SIP_REALM", "env-realm"}});
  ASSERT_TRUE(in.config_file.has_value());
  EXPECT_EQ(*in.config_file, file);
  EXPECT_EQ(in.flags.count("--config"), 0u);
  auto r = load(in);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->config.sip_listen, (Endpoint{"127.0.0.1", 5070}));
  EXPECT_FALSE(r->config.provision_demo);
  EXPECT_EQ(r->config.http_api_token, "from-file-token-123456");
  EXPECT_EQ(r->config.sip_realm, "env-realm");
}

TEST(ConfigCli, EveryOptionHasItsFlag) {
  CLI::App app;
  std::map<std::string, std::string> flags;
  add_flags(app, flags);
  for (const Option& opt : options())
    EXPECT_NE(app.get_option_no_throw(std::string(opt.flag)), nullptr) << opt.key;
}

}  // namespace
}  // namespace plateau::config
