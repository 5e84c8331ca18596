#include "quality/score.h"

#include <cmath>

namespace plateau::quality {

Result<Scored> weighted_score(const model::EvaluationForm& form, const GivenScores& given) {
  for (const auto& [id, score] : given) {
    bool known = false;
    for (const auto& c : form.criteria) known = known || c.id == id;
    if (!known)
      return make_error("quality.bad_scores", "criterion \"" + id + "\" is not a criterion of form \"" + form.name + "\"");
  }
  Scored out;
  double sum = 0, weights = 0;
  for (const auto& c : form.criteria) {
    auto it = given.find(c.id);
    if (it == given.end())
      return make_error("quality.bad_scores",
                        "criterion \"" + c.id + "\" has no score (give 0.." + std::to_string(c.max_score) +
                            ", or null when it does not apply)");
    const std::optional<int>& s = it->second;
    if (s && (*s < 0 || *s > c.max_score))
      return make_error("quality.bad_scores", "criterion \"" + c.id + "\" is scored " + std::to_string(*s) +
                                                  "; its scores are 0.." + std::to_string(c.max_score));
    out.criteria.push_back({c.id, s, c.max_score, c.weight});
    if (!s) continue;
    sum += c.weight * static_cast<double>(*s) / c.max_score;
    weights += c.weight;
  }
  if (weights == 0)
    return make_error("quality.bad_scores", "no criterion applies: score at least one of them");
  out.score = std::round(10000.0 * sum / weights) / 100.0;
  return out;
}

int64_t retention_cutoff_ms(int64_t now_ms, int days) { return now_ms - int64_t{days} * 86'400'000; }

}  // namespace plateau::quality
