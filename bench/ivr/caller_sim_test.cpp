// The IVR benchmark's callers do what the benchmark claims: every script of
// both flows ends as expected, with all its keys pressed and without being
// cut, and together the scripts of a flow visit every one of its steps.
#include "bench/ivr/caller_sim.h"

#include <gtest/gtest.h>

#include <set>

#include "ivr/parse.h"

namespace plateau::ivr::bench {
namespace {

FlowPtr load(const std::string& path) {
  auto f = parse_flow_file(std::string(PLATEAU_SOURCE_DIR) + "/" + path);
  EXPECT_TRUE(f) << (f ? "" : f.error().message);
  return f ? std::make_shared<const Flow>(std::move(*f)) : nullptr;
}

void walk(const std::string& path, const std::vector<Script>& scripts) {
  FlowPtr flow = load(path);
  ASSERT_TRUE(flow);
  ManualClock clock;
  Directory directory;
  std::set<std::string> visited;
  for (const Script& s : scripts) {
    Caller c(flow, s, clock, directory);
    while (c.step()) {
    }
    const Path& p = c.session().path();
    EXPECT_EQ(p.end, s.expect) << s.name << ": " << p.summary() << " ended " << to_string(p.end);
    EXPECT_LT(c.events(), Caller::kMaxEvents) << s.name;
    std::string pressed;
    for (const Visit& v : p.visits) {
      pressed += v.input;
      visited.insert(v.step);
    }
    std::string keys;
    for (char k : s.keys)
      if (k != 'T') keys += k;
    EXPECT_EQ(pressed, keys) << s.name << ": " << p.summary();
  }
  for (const Step& st : flow->steps) EXPECT_TRUE(visited.count(st.id)) << path << ": no script visits " << st.id;
}

TEST(IvrBenchCallers, DemoScriptsEndAsExpectedAndVisitEveryStep) {
  walk("data/demo/flows/accueil.toml", demo_scripts());
}

TEST(IvrBenchCallers, SyntheticScriptsEndAsExpectedAndVisitEveryStep) {
  walk("bench/ivr/synthetic.toml", synthetic_scripts());
}

TEST(IvrBenchCallers, DirectoryFindsByPhoneCustomerAndAccount) {
  Directory d;
  EXPECT_TRUE(d.find(LookupBy::Caller, "+212600000001").found);
  EXPECT_TRUE(d.find(LookupBy::Customer, "100234").found);
  EXPECT_TRUE(d.find(LookupBy::Any, "34567890").found);
  EXPECT_FALSE(d.find(LookupBy::Account, "100234").found);
  EXPECT_FALSE(d.find(LookupBy::Any, "999999").found);
}

}  // namespace
}  // namespace plateau::ivr::bench
