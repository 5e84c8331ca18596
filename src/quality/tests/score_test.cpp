// The weighted score, computed from the provisioned form: values worked out by
// hand, criteria that do not apply, and every refusal.
#include <gtest/gtest.h>

#include "quality/score.h"

namespace plateau::quality {
namespace {

model::EvaluationForm form() {
  // greeting weight 2 out of 5, accuracy weight 3 out of 10, closing weight 1 out of 4.
  return {"demo", "standard",
          {{"greeting", {{"fr", "Accueil"}}, 2, 5}, {"accuracy", {{"fr", "Exactitude"}}, 3, 10},
           {"closing", {{"fr", "Conclusion"}}, 1, 4}}};
}

TEST(QualityScore, WeightedOverTheApplicableCriteria) {
  // 100 * (2*4/5 + 3*7/10 + 1*1/4) / 6 = 100 * (1.6 + 2.1 + 0.25) / 6 = 65.8333 -> 65.83
  auto s = weighted_score(form(), {{"greeting", 4}, {"accuracy", 7}, {"closing", 1}});
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_DOUBLE_EQ(s->score, 65.83);
  ASSERT_EQ(s->criteria.size(), 3u);
  EXPECT_EQ(s->criteria[1], (model::CriterionScore{"accuracy", 7, 10, 3}));
  // closing not applicable: 100 * (1.6 + 2.1) / 5 = 74
  auto na = weighted_score(form(), {{"greeting", 4}, {"accuracy", 7}, {"closing", std::nullopt}});
  ASSERT_TRUE(na);
  EXPECT_DOUBLE_EQ(na->score, 74.0);
  EXPECT_FALSE(na->criteria[2].score.has_value());
  EXPECT_DOUBLE_EQ(weighted_score(form(), {{"greeting", 5}, {"accuracy", 10}, {"closing", 4}})->score, 100.0);
  EXPECT_DOUBLE_EQ(weighted_score(form(), {{"greeting", 0}, {"accuracy", 0}, {"closing", 0}})->score, 0.0);
}

TEST(QualityScore, Refusals) {
  auto code = [](const GivenScores& g) {
    auto s = weighted_score(form(), g);
    return s ? std::string("ok") : s.error().message;
  };
  EXPECT_EQ(code({{"greeting", 4}, {"accuracy", 7}}),
            "criterion \"closing\" has no score (give 0..4, or null when it does not apply)");
  EXPECT_EQ(code({{"greeting", 6}, {"accuracy", 7}, {"closing", 1}}),
            "criterion \"greeting\" is scored 6; its scores are 0..5");
  EXPECT_EQ(code({{"greeting", -1}, {"accuracy", 7}, {"closing", 1}}),
            "criterion \"greeting\" is scored -1; its scores are 0..5");
  EXPECT_EQ(code({{"greeting", 1}, {"accuracy", 7}, {"closing", 1}, {"smile", 3}}),
            "criterion \"smile\" is not a criterion of form \"standard\"");
  EXPECT_EQ(code({{"greeting", std::nullopt}, {"accuracy", std::nullopt}, {"closing", std::nullopt}}),
            "no criterion applies: score at least one of them");
  EXPECT_EQ(weighted_score(form(), {}).error().code, "quality.bad_scores");
}

TEST(QualityScore, RetentionCutoff) {
  EXPECT_EQ(retention_cutoff_ms(1'000'000'000'000, 30), 1'000'000'000'000 - 30 * 86'400'000LL);
  EXPECT_EQ(retention_cutoff_ms(1'000'000'000'000, 1), 1'000'000'000'000 - 86'400'000LL);
}

}  // namespace
}  // namespace plateau::quality
