// [[queue]] thresholds (docs/PROVISIONING.md): defaults that follow the queue's
// service level, values given, and the faults with their exact place.
#include <gtest/gtest.h>

#include "provision/tests/error_util.h"

namespace plateau::provision {
namespace {

using testing::errors;
using testing::kBase;

const model::Queue& queue_of(const Result<model::Provisioning>& p, const std::string& name) {
  for (const auto& q : p.value().queues)
    if (q.name == name) return q;
  throw std::runtime_error("no queue " + name);
}

TEST(ProvisionThresholds, DefaultsFollowTheServiceLevel) {
  auto p = parse_string(kBase + "[[queue]]\ntenant = \"acme\"\nname = \"q\"\nsl_threshold = 30\nsl_target = 90\n",
                        "t.toml");
  ASSERT_TRUE(p.ok()) << p.error().message;
  const auto& t = queue_of(p, "q").thresholds;
  EXPECT_EQ(t.waiting_amber, 5);
  EXPECT_EQ(t.waiting_red, 10);
  EXPECT_EQ(t.longest_wait_amber_s, 30);
  EXPECT_EQ(t.longest_wait_red_s, 60);
  EXPECT_EQ(t.service_level_amber, 90);
  EXPECT_EQ(t.service_level_red, 80);
  EXPECT_EQ(t.asa_amber_s, 15);
  EXPECT_EQ(t.asa_red_s, 30);
  const auto& d = queue_of(p, "sales").thresholds;  // sl 20 s / 80 %
  EXPECT_EQ(d, model::queue_thresholds_for(20, 80));
  EXPECT_EQ(d.longest_wait_red_s, 40);
  EXPECT_EQ(d.service_level_red, 70);
}

TEST(ProvisionThresholds, SubTableAndInlineTable) {
  auto p = parse_string(kBase +
                            "[[queue]]\ntenant = \"acme\"\nname = \"q\"\n"
                            "[queue.thresholds]\nwaiting_amber = 2\nwaiting_red = 3\nservice_level_amber = 95\n"
                            "service_level_red = 50\nasa_red = 99\n"
                            "[[queue]]\ntenant = \"acme\"\nname = \"r\"\n"
                            "thresholds = { longest_wait_amber = 1, longest_wait_red = 1 }\n",
                        "t.toml");
  ASSERT_TRUE(p.ok()) << p.error().message;
  const auto& q = queue_of(p, "q").thresholds;
  EXPECT_EQ(q.waiting_amber, 2);
  EXPECT_EQ(q.waiting_red, 3);
  EXPECT_EQ(q.service_level_amber, 95);
  EXPECT_EQ(q.service_level_red, 50);
  EXPECT_EQ(q.asa_amber_s, 10);
  EXPECT_EQ(q.asa_red_s, 99);
  const auto& r = queue_of(p, "r").thresholds;
  EXPECT_EQ(r.longest_wait_amber_s, 1);
  EXPECT_EQ(r.longest_wait_red_s, 1);
  EXPECT_EQ(r.waiting_red, 10);
}

TEST(ProvisionThresholds, Faults) {
  EXPECT_EQ(errors(kBase + "[[queue]]\ntenant = \"acme\"\nname = \"q\"\n"
                           "thresholds = { waiting_amber = 10, waiting_red = 4, service_level_amber = 101,"
                           " asa_red = 0, bogus = 1 }\n"),
            "t.toml:15:50: [[queue]] #2 (q): thresholds.waiting_red (4) must be at least thresholds.waiting_amber "
            "(10): a figure turns amber before it turns red\n"
            "t.toml:15:75: [[queue]] #2 (q): thresholds.service_level_amber must be 0..100 (got 101)\n"
            "t.toml:15:90: [[queue]] #2 (q): thresholds.asa_red must be 1..86400 (got 0)\n"
            "t.toml:15:93: [[queue]] #2 (q): unknown key \"thresholds.bogus\"");
  EXPECT_EQ(errors(kBase + "[[queue]]\ntenant = \"acme\"\nname = \"q\"\n"
                           "[queue.thresholds]\nservice_level_amber = 60\nservice_level_red = 70\n"),
            "t.toml:17:21: [[queue]] #2 (q): thresholds.service_level_red (70 %) must be at most "
            "thresholds.service_level_amber (60 %): the service level turns amber before it turns red");
  EXPECT_EQ(errors(kBase + "[[queue]]\ntenant = \"acme\"\nname = \"q\"\nthresholds = 3\n"),
            "t.toml:15:14: [[queue]] #2 (q): thresholds must be an inline table, not an integer");
}

}  // namespace
}  // namespace plateau::provision
