// The ACD settings read into the model: every key set, and every default.
#include <gtest/gtest.h>

#include "model/testing/dump.h"
#include "provision/provision.h"

namespace plateau::provision {
namespace {

using test_support::dump;

const char* kFull = R"toml(
[[tenant]]
name = "acme"
not_ready_reasons = ["pause", "coaching"]
dispositions = ["sale", "no_sale", "callback_later"]

[[tenant]]
name = "outsourcer"
agents_from = []

[[tenant]]
name = "client"
agents_from = ["outsourcer", "acme"]
not_ready_reasons = []

[[trunk]]
tenant = "acme"
name = "carrier"
addresses = ["192.0.2.0/24"]
gateway = "[2001:db8::5]:5070"
caller_id = "+212522000000"

[[queue]]
tenant = "acme"
name = "sales"
priority = 10
strategy = "best_skill"
sl_threshold = 30
sl_target = 90
max_length = 25
priority_step = 60
wrapup_requires_disposition = true
requires = "lang_fr >= 3"
relax = [
  { after = 30, requires = "lang_fr >= 1", keep_contact = false },
  { after = 90, requires = "" },
  { after = 120 },
]
on_timeout = "queue:overflow"
on_full = "external:+212600000000"
on_no_agent = "callback"
announce_every = 45
callback = true
callback_trunk = "carrier"
callback_attempts = 5
callback_retry = 600

[[queue]]
tenant = "acme"
name = "overflow"
on_timeout = "hangup"
on_full = "callback"
callback_trunk = "carrier"

[[queue]]
tenant = "client"
name = "help"

[[number]]
tenant = "acme"
did = "3000"
queue = "sales"
priority = -5
requires = "lang_es >= 3 and not vip"

[[agent]]
tenant = "outsourcer"
login = "o1"
queues = ["client/help", "acme/sales"]
weights = { "client/help" = 7 }
skills = { lang_fr = 5, lang_es = 2, billing = 0 }

[[agent]]
tenant = "acme"
login = "a1"
queues = ["overflow", "sales", "client/help"]
weights = { sales = 3, "acme/overflow" = 2 }
)toml";

TEST(ProvisionAcdParse, EveryKeyIsRead) {
  // acme takes no agents of outsourcer: o1's "acme/sales" is refused, and the file is valid without it.
  auto refused = parse_string(kFull, "full.toml");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(
      refused.error().message,
      "full.toml:69:26: [[agent]] #1 (o1): queue \"acme/sales\" belongs to tenant \"acme\", which does not "
      "take agents of tenant \"outsourcer\" (its agents_from must list \"outsourcer\")");
  std::string text = kFull;
  const std::string refused_queue = ", \"acme/sales\"";
  text.erase(text.find(refused_queue), refused_queue.size());
  auto r = parse_string(text, "full.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(
      dump(*r),
      "tenant "
      "acme|acme|Africa/Casablanca|fr|reasons=[pause,coaching]|dispositions=[sale,no_sale,callback_later]"
      "|agents_from=[]\n"
      "tenant outsourcer|outsourcer|Africa/Casablanca|fr|reasons=[break,lunch,training,meeting,admin]"
      "|dispositions=[]|agents_from=[]\n"
      // Written empty: the tenant gives no reason of its own.
      "tenant client|client|Africa/Casablanca|fr|reasons=[]|dispositions=[]|agents_from=[outsourcer,acme]\n"
      "trunk acme/carrier|[192.0.2.0/24]|gateway=[2001:db8::5]:5070|caller_id=+212522000000\n"
      "queue acme/sales|sales|ring=15|wait=600|wrapup=0|moh|priority=10|best_skill|sl=30s/90%|max_length=25"
      "|step=60|disposition=required|requires=lang_fr >= 3"
      "|relax=[{30,lang_fr >= 1,drop}{90,,keep}{120,,keep}]|timeout=queue:overflow"
      "|full=external:+212600000000|no_agent=callback|announce=45|callback=on,carrier,5x600s\n"
      "queue acme/overflow|overflow|ring=15|wait=600|wrapup=0|moh|priority=0|longest_idle|sl=20s/80%"
      "|max_length=0|step=0|disposition=optional|requires=|relax=[]|timeout=hangup|full=callback"
      "|no_agent=none|announce=0|callback=off,carrier,3x300s\n"
      "queue client/help|help|ring=15|wait=600|wrapup=0|moh|priority=0|longest_idle|sl=20s/80%|max_length=0"
      "|step=0|disposition=optional|requires=|relax=[]|timeout=hangup|full=hangup|no_agent=none|announce=0"
      "|callback=off,,3x300s\n"
      "number acme/3000|queue||sales|priority=-5|requires=lang_es >= 3 and not vip\n"
      "agent outsourcer/o1|o1||ready|queues=[ client/help*7]|skills=[ billing=0 lang_es=2 lang_fr=5]\n"
      "agent acme/a1|a1||ready|queues=[ acme/overflow*2 acme/sales*3 client/help*1]|skills=[]\n");
}

TEST(ProvisionAcdParse, Defaults) {
  auto r = parse_string(
      "[[tenant]]\nname = \"t\"\n"
      "[[trunk]]\ntenant = \"t\"\nname = \"in\"\naddresses = [\"::1\"]\n"
      "[[queue]]\ntenant = \"t\"\nname = \"q\"\n"
      "[[number]]\ntenant = \"t\"\ndid = \"1\"\nqueue = \"q\"\n"
      "[[agent]]\ntenant = \"t\"\nlogin = \"a\"\nqueues = [\"q\"]\n",
      "min.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  // What a file without the ACD keys means: the model's defaults.
  model::Provisioning want;
  want.tenants.push_back({.name = "t", .display_name = "t"});
  want.trunks.push_back({.tenant = "t", .name = "in", .addresses = {"::1"}});
  want.queues.push_back({.tenant = "t", .name = "q", .display_name = "q"});
  want.numbers.push_back({.tenant = "t", .did = "1", .queue = "q"});
  want.agents.push_back({.tenant = "t", .login = "a", .name = "a", .queues = {{"t", "q", 1}}});
  EXPECT_EQ(dump(*r), dump(want));
  EXPECT_NE(dump(*r).find("reasons=[break,lunch,training,meeting,admin]|dispositions=[]|agents_from=[]"),
            std::string::npos);
}

}  // namespace
}  // namespace plateau::provision
