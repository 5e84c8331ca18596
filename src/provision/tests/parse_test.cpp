#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "provision/cidr.h"
#include "provision/provision.h"

namespace plateau::provision {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ProvisionDemo, ShippedDemoParses) {
  auto r = parse_string(demo_provisioning(), "demo provisioning");
  ASSERT_TRUE(r.ok()) << r.error().message;
  model::Provisioning p = *r;
  ASSERT_EQ(p.tenants.size(), 1u);
  EXPECT_EQ(p.tenants[0].name, "demo");
  EXPECT_EQ(p.tenants[0].display_name, "Démo Télécom");
  EXPECT_EQ(p.tenants[0].timezone, "Africa/Casablanca");
  EXPECT_EQ(p.tenants[0].language, "fr");
  ASSERT_EQ(p.trunks.size(), 1u);
  EXPECT_EQ(p.trunks[0].name, "local");
  EXPECT_TRUE(address_in_cidrs("127.0.0.1", p.trunks[0].addresses));
  EXPECT_TRUE(address_in_cidrs("::1", p.trunks[0].addresses));
  EXPECT_FALSE(address_in_cidrs("192.0.2.1", p.trunks[0].addresses));
  EXPECT_EQ(p.trunks[0].gateway, "127.0.0.1:5080");
  ASSERT_EQ(p.queues.size(), 2u);
  EXPECT_EQ(p.queues[0].name, "support");
  EXPECT_EQ(p.queues[0].display_name, "Support client");
  EXPECT_EQ(p.queues[0].on_timeout, (model::Overflow{model::OverflowKind::Queue, "general"}));
  EXPECT_EQ(p.queues[0].relax, (std::vector<model::RelaxStep>{{30, "", false}}));
  EXPECT_EQ(p.queues[1].name, "general");
  EXPECT_TRUE(p.queues[1].callback);
  EXPECT_EQ(p.queues[1].callback_trunk, "local");
  ASSERT_EQ(p.numbers.size(), 4u);
  EXPECT_EQ(p.numbers[3].did, "3002");  // the self-service IVR
  EXPECT_EQ(p.numbers[3].flow, "accueil");
  EXPECT_EQ(p.numbers[3].queue, "");
  p.numbers.pop_back();
  for (const auto& n : p.numbers) {
    EXPECT_EQ(n.tenant, "demo");
    EXPECT_EQ(n.flow, "queue");
    EXPECT_EQ(n.greeting, "welcome");
    EXPECT_EQ(n.queue, "support");
  }
  EXPECT_EQ(p.numbers[0].did, "3000");
  EXPECT_EQ(p.numbers[1].did, "0522000000");
  EXPECT_EQ(p.numbers[2].did, "3001");
  EXPECT_EQ(p.numbers[2].requirement, "lang_es >= 3");
  EXPECT_FALSE(p.tenants[0].not_ready_reasons.empty());
  EXPECT_FALSE(p.tenants[0].dispositions.empty());
  ASSERT_EQ(p.phones.size(), 4u);
  ASSERT_EQ(p.agents.size(), 4u);
  int spanish = 0;  // agents the Spanish line reaches before its relax step
  for (int i = 0; i < 4; ++i) {
    const std::string user = std::to_string(1001 + i);
    EXPECT_EQ(p.phones[i].username, user);
    EXPECT_EQ(p.phones[i].password, "demo" + user);
    EXPECT_TRUE(p.phones[i].ha1.empty());
    EXPECT_EQ(p.agents[i].login, user);
    EXPECT_EQ(p.agents[i].phone, user);
    ASSERT_EQ(p.agents[i].queues.size(), 2u);
    EXPECT_EQ(p.agents[i].queues[0].queue, "support");
    EXPECT_EQ(p.agents[i].queues[1].queue, "general");
    EXPECT_TRUE(p.agents[i].ready_on_register);
    EXPECT_FALSE(p.agents[i].name.empty());
    EXPECT_TRUE(p.agents[i].skills.contains("lang_fr"));
    if (p.agents[i].skills.contains("lang_es") && p.agents[i].skills.at("lang_es") >= 3) ++spanish;
  }
  EXPECT_EQ(spanish, 2);
  EXPECT_EQ(p.agents[0].queues[0], (model::AgentQueue{"demo", "support", 2}));
  EXPECT_EQ(p.agents[0].name, "Salma Bennani");
}

TEST(ProvisionDemo, EmbeddedTextIsTheShippedFile) {
  const std::string path = std::string(PLATEAU_SOURCE_DIR) + "/data/demo/provisioning.toml";
  EXPECT_EQ(read_text(path), std::string(demo_provisioning()));
  auto r = parse_file(path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->agents.size(), 4u);
}

// Every whole file shown in docs/PROVISIONING.md (a ```toml block starting with a table) is valid.
TEST(ProvisionParse, DocumentedExamplesParse) {
  std::istringstream doc(read_text(std::string(PLATEAU_SOURCE_DIR) + "/docs/PROVISIONING.md"));
  std::string line, block;
  bool in_toml = false;
  int examples = 0;
  while (std::getline(doc, line)) {
    if (!in_toml) {
      in_toml = line == "```toml";
      block.clear();
    } else if (line == "```") {
      in_toml = false;
      if (block.rfind("[[", 0) != 0) continue;  // a fragment, such as one key
      ++examples;
      auto r = parse_string(block, "PROVISIONING.md example " + std::to_string(examples));
      EXPECT_TRUE(r.ok()) << r.error().message;
    } else {
      block += line + "\n";
    }
  }
  EXPECT_EQ(examples, 3);
}

TEST(ProvisionParse, SipTestFileParses) {
  auto r = parse_file(std::string(PLATEAU_SOURCE_DIR) + "/tests/sip/provisioning.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->tenants.size(), 2u);
  EXPECT_EQ(r->numbers.size(), 6u);  // 700 and 701 run the IVR flows of test_ivr.py
  EXPECT_EQ(r->queues[0].display_name, "sales");  // defaults to the name
  EXPECT_EQ(r->numbers[1].greeting, "");
  ASSERT_EQ(r->schedules.size(), 2u);
  EXPECT_EQ(r->schedules[0].name, "always");
  EXPECT_EQ(r->schedules[0].timezone, "Africa/Casablanca");  // t1's
  for (const auto& day : r->schedules[0].week) EXPECT_EQ(day, (std::vector<model::TimeRange>{{0, 1440}}));
  EXPECT_EQ(r->schedules[1].name, "never");
  for (const auto& day : r->schedules[1].week) EXPECT_TRUE(day.empty());
}

TEST(ProvisionDemo, ShippedDemoHasTheServiceSchedule) {
  auto r = parse_string(demo_provisioning(), "demo provisioning");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->schedules.size(), 1u);
  const model::Schedule& s = r->schedules[0];
  EXPECT_EQ(s.tenant + "/" + s.name, "demo/service");
  EXPECT_EQ(s.timezone, "Africa/Casablanca");
  EXPECT_EQ(s.holidays, (std::vector<std::string>{"MA"}));
  for (size_t d = 0; d < 5; ++d) EXPECT_EQ(s.week[d], (std::vector<model::TimeRange>{{480, 1200}})) << d;
  EXPECT_EQ(s.week[5], (std::vector<model::TimeRange>{{540, 780}}));
  EXPECT_TRUE(s.week[6].empty());
}

TEST(ProvisionParse, DefaultsForOptionalKeys) {
  auto r = parse_string(
      "[[tenant]]\nname = \"t\"\n"
      "[[queue]]\ntenant = \"t\"\nname = \"q\"\n"
      "[[number]]\ntenant = \"t\"\ndid = \"+212522000000\"\nqueue = \"q\"\n"
      "[[agent]]\ntenant = \"t\"\nlogin = \"a.b\"\n",
      "min.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& p = *r;
  EXPECT_EQ(p.tenants[0].display_name, "t");
  EXPECT_EQ(p.tenants[0].timezone, "Africa/Casablanca");
  EXPECT_EQ(p.tenants[0].language, "fr");
  EXPECT_EQ(p.queues[0].ring_timeout_s, 15);
  EXPECT_EQ(p.queues[0].max_wait_s, 600);
  EXPECT_EQ(p.queues[0].wrapup_s, 0);
  EXPECT_EQ(p.queues[0].music, "moh");
  EXPECT_EQ(p.numbers[0].flow, "queue");
  EXPECT_EQ(p.numbers[0].greeting, "");
  EXPECT_EQ(p.agents[0].name, "a.b");
  EXPECT_TRUE(p.agents[0].queues.empty());
  EXPECT_EQ(p.agents[0].phone, "");
  EXPECT_TRUE(p.agents[0].ready_on_register);
  EXPECT_TRUE(p.trunks.empty());
}

TEST(ProvisionParse, EmptyFileIsAnEmptyProvisioning) {
  auto r = parse_string("# nothing yet\n", "empty.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->tenants.empty());
}

TEST(ProvisionParse, UnreadableFile) {
  auto r = parse_file("/nonexistent/plateau/provisioning.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "provision.io");
  EXPECT_EQ(
      r.error().message,
      "/nonexistent/plateau/provisioning.toml: cannot read the provisioning file: No such file or directory");
}

TEST(ProvisionParse, SyntaxErrorHasItsPlace) {
  auto r = parse_string("[[tenant]]\nname = \"a\"\ndisplay_name = \"unterminated\n", "bad.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "provision.syntax");
  EXPECT_EQ(r.error().message.rfind("bad.toml:3:", 0), 0u) << r.error().message;
  EXPECT_NE(r.error().message.find("TOML syntax error"), std::string::npos);
}

}  // namespace
}  // namespace plateau::provision
