#include "metrics/catalogue.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace plateau::metrics {
namespace {

TEST(Catalogue, FollowsItsRules) {
  Status st = validate_catalogue();
  EXPECT_TRUE(st.ok()) << st.error().message;
}

TEST(Catalogue, NoLabelNamesANumberCallOrAgent) {
  for (const MetricDef& d : catalogue())
    for (std::string_view l : d.labels) EXPECT_FALSE(is_forbidden_label(l)) << d.name << " label " << l;
}

TEST(Catalogue, ForbiddenLabelDetection) {
  for (std::string_view bad :
       {"call_id", "agent", "agent_id", "phone_number", "caller", "number", "id", "login", "sip_uri", "user"})
    EXPECT_TRUE(is_forbidden_label(bad)) << bad;
  for (std::string_view ok : {"queue", "direction", "method", "code_class", "outcome", "kind", "state",
                              "short", "version", "valid", "callback_kind"})
    EXPECT_FALSE(is_forbidden_label(ok)) << ok;
}

TEST(Catalogue, QueueWaitHasServiceLevelBuckets) {
  const auto& b = def(Metric::queue_wait_seconds).buckets;
  for (double t : {5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 45.0, 60.0, 90.0, 120.0, 180.0, 240.0, 300.0})
    EXPECT_NE(std::find(b.begin(), b.end(), t), b.end()) << t;
}

// The set DOMAIN.md names (all but the dialer's: Plateau has no outbound dialer), with their labels.
TEST(Catalogue, HasTheDomainSet) {
  const std::vector<std::pair<std::string_view, std::vector<std::string_view>>> want = {
      {"plateau_sip_requests_total", {"method", "direction"}},
      {"plateau_calls_active", {"kind"}},
      {"plateau_call_setup_seconds", {}},
      {"plateau_queue_waiting", {"queue"}},
      {"plateau_queue_oldest_wait_seconds", {"queue"}},
      {"plateau_queue_offered_total", {"queue"}},
      {"plateau_queue_answered_total", {"queue"}},
      {"plateau_queue_abandoned_total", {"queue", "short"}},
      {"plateau_queue_wait_seconds", {"queue", "outcome"}},
      {"plateau_agents", {"state"}},
      {"plateau_ws_connections", {"kind"}},
      {"plateau_build_info", {"version"}},
  };
  for (const auto& [name, labels] : want) {
    auto it = std::find_if(catalogue().begin(), catalogue().end(), [&](const MetricDef& d) { return d.name == name; });
    ASSERT_NE(it, catalogue().end()) << name;
    EXPECT_EQ(it->labels, labels) << name;
  }
  EXPECT_EQ(def(Metric::queue_wait_seconds).type, Type::histogram);
  EXPECT_EQ(def(Metric::call_setup_seconds).type, Type::histogram);
}

TEST(Catalogue, MediaTickBucketsSpan50usTo20ms) {
  const auto& b = def(Metric::media_tick_seconds).buckets;
  ASSERT_FALSE(b.empty());
  EXPECT_DOUBLE_EQ(b.front(), 0.00005);
  EXPECT_DOUBLE_EQ(b.back(), 0.02);
}

TEST(Catalogue, EveryEnumeratorHasItsRow) {
  EXPECT_EQ(catalogue().size(), static_cast<size_t>(Metric::process_start_time_seconds) + 1);
  EXPECT_EQ(def(Metric::agents).name, "plateau_agents");
  EXPECT_EQ(def(Metric::agents).labels, std::vector<std::string_view>{"state"});
}

}  // namespace
}  // namespace plateau::metrics
