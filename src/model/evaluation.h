// evaluation.h — quality evaluation: a tenant's evaluation forms (provisioned,
// docs/PROVISIONING.md "[[evaluation_form]]") and the evaluations supervisors
// fill for a call while listening to its recording (docs/API.md "Quality").
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace plateau::model {

// One criterion of a form: scored 0..max_score, counted with `weight`.
struct Criterion {
  std::string id;                             // e.g. "greeting" (a-z 0-9 _)
  std::map<std::string, std::string> labels;  // language (fr, en, es, ar) -> label shown
  int weight = 1;                             // 1..100
  int max_score = 5;                          // 1..100
  friend bool operator==(const Criterion&, const Criterion&) = default;
};

struct EvaluationForm {
  std::string tenant;
  std::string name;  // e.g. "standard"
  std::vector<Criterion> criteria;
  friend bool operator==(const EvaluationForm&, const EvaluationForm&) = default;
};

// The score given to one criterion; the weight and maximum are the form's at
// the time of the evaluation (a later change of the form does not rescore it).
struct CriterionScore {
  std::string criterion;
  std::optional<int> score;  // nullopt: not applicable (left out of the weighted score)
  int max_score = 0;
  int weight = 0;
  friend bool operator==(const CriterionScore&, const CriterionScore&) = default;
};

struct Evaluation {
  int64_t id = 0;  // given by the store
  std::string tenant;
  std::string call_id;
  std::string agent;      // the agent of the call (the record's)
  std::string form;
  std::string evaluator;  // login of the supervisor ("system" for the API token)
  int64_t ts_ms = 0;
  double score = 0;       // weighted, 0..100 (quality::weighted_score)
  std::string comment;
  std::vector<CriterionScore> scores;
  friend bool operator==(const Evaluation&, const Evaluation&) = default;
};

}  // namespace plateau::model
