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
  for (double t : {5.0, 10.0, 15.0, 20.0, 30.0, 60.0, 120.0, 180.0})
    EXPECT_NE(std::find(b.begin(), b.end(), t), b.end()) << t;
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
