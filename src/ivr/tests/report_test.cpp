#include "ivr/report.h"

#include <gtest/gtest.h>

namespace plateau::ivr {
namespace {

model::CallRecord rec(const std::string& flow, int version, const std::string& end, const std::string& step) {
  model::CallRecord r;
  r.tenant = "demo";
  r.flow = flow;
  r.flow_version = version;
  r.ivr_end = end;
  r.ivr_path = R"({"end":")" + end + R"(","end_step":")" + step + R"(","steps":[]})";
  return r;
}

TEST(IvrReport, ContainmentAndExitsPerStepFromCallRecords) {
  std::vector<model::CallRecord> calls = {
      rec("accueil", 2, "served", "au_revoir"), rec("accueil", 2, "served", "au_revoir"),
      rec("accueil", 2, "voicemail", "messagerie"), rec("accueil", 2, "enqueued", "conseiller"),
      rec("accueil", 2, "abandoned", "saisie"), rec("accueil", 2, "abandoned", "saisie"),
      rec("accueil", 1, "enqueued", "conseiller"), rec("", 0, "", "")};
  auto r = ivr_report(calls);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].version, 1);
  EXPECT_EQ(r[0].calls, 1);
  EXPECT_EQ(r[0].containment, 0);
  const FlowReport& v2 = r[1];
  EXPECT_EQ(v2.calls, 6);
  EXPECT_EQ(v2.contained, 3);
  EXPECT_DOUBLE_EQ(v2.containment, 0.5);
  EXPECT_EQ(v2.ends.at("served"), 2);
  EXPECT_EQ(v2.ends.at("abandoned"), 2);
  EXPECT_EQ(v2.steps.at("saisie").ended, 2);
  EXPECT_EQ(v2.steps.at("saisie").abandoned, 2);
  EXPECT_EQ(v2.steps.at("au_revoir").abandoned, 0);
}

}  // namespace
}  // namespace plateau::ivr
