// score.h — the weighted score of an evaluation, computed from the form the
// tenant provisioned (never taken from the client), and the retention cut-off.
//
// Score: each applicable criterion counts score/max_score with its weight;
// the result is 100 * sum(weight * score / max_score) / sum(weight), rounded to
// two decimals. A criterion given as null is not applicable: it leaves both
// sums. Every criterion of the form must be given (a number or null), none
// other, each number within 0..max_score, and at least one must apply.
//
// Pure; any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "model/evaluation.h"

namespace plateau::quality {

// criterion id -> score (nullopt: not applicable), as the client sent them.
using GivenScores = std::map<std::string, std::optional<int>>;

struct Scored {
  double score = 0;                               // 0..100
  std::vector<model::CriterionScore> criteria;    // in the form's order, with its weights and maxima
};

// "quality.bad_scores" with a sentence naming the criterion at fault.
Result<Scored> weighted_score(const model::EvaluationForm& form, const GivenScores& given);

// Calls started before this instant have outlived a retention of `days` (> 0) at `now_ms`.
int64_t retention_cutoff_ms(int64_t now_ms, int days);

}  // namespace plateau::quality
