// read_evaluation_form.cpp — [[evaluation_form]]: a tenant's form for the
// quality evaluation of calls (docs/PROVISIONING.md): criteria, each with an
// id, its labels by language, a weight and a maximum score.
#include <cctype>
#include <set>

#include "provision/object_rules.h"

namespace plateau::provision {

namespace {

constexpr size_t kMaxCriteria = 50;
constexpr size_t kMaxLabel = 200;
constexpr const char* kLanguages[] = {"fr", "en", "es", "ar"};

bool code_chars(const std::string& s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '_')
      return false;
  }
  return true;
}

bool known_language(const std::string& lang) {
  for (const char* l : kLanguages) {
    if (lang == l) return true;
  }
  return false;
}

std::optional<model::Criterion> read_criterion(ObjectReader& c, std::set<std::string>& ids) {
  model::Criterion out;
  bool ok = true;
  if (auto id = c.string("id", true)) {
    if (!code_chars(*id)) {
      c.fault(c.pos("id"), c.name_of("id") + " \"" + *id + "\" must be 1-32 characters among a-z 0-9 _");
      ok = false;
    } else if (!ids.insert(*id).second) {
      c.fault(c.pos("id"), c.name_of("id") + " \"" + *id + "\" is used by another criterion of the form");
      ok = false;
    }
    out.id = *id;
  } else {
    ok = false;
  }
  if (auto labels = c.string_table("labels", true)) {
    if (labels->empty()) {
      c.fault(c.pos("labels"), c.name_of("labels") + " must give at least one label, e.g. { fr = \"Accueil\" }");
      ok = false;
    }
    for (const auto& e : *labels) {
      if (!known_language(e.name)) {
        c.fault(e.name_pos, c.name_of("labels") + " has a label in \"" + e.name + "\"; languages are fr, en, es, ar");
        ok = false;
      } else if (e.value.empty() || e.value.size() > kMaxLabel) {
        c.fault(e.value_pos, c.name_of("labels") + "." + e.name + " must be 1-200 bytes");
        ok = false;
      } else {
        out.labels[e.name] = e.value;
      }
    }
  } else {
    ok = false;
  }
  if (auto w = c.integer("weight", 1, 100)) out.weight = static_cast<int>(*w);
  if (auto m = c.integer("max_score", 1, 100)) out.max_score = static_cast<int>(*m);
  c.finish();
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

void read_evaluation_form(ObjectReader& r, Parsed& out) {
  auto l = start(r, &model::EvaluationForm::name, "name");
  auto& f = l.obj;
  if (!f.name.empty() && !code_chars(f.name))
    r.fault(r.pos("name"), "name \"" + f.name + "\" must be 1-32 characters among a-z 0-9 _");
  if (auto criteria = r.tables("criteria", true)) {
    if (criteria->empty() || criteria->size() > kMaxCriteria)
      r.fault(r.pos("criteria"), "criteria must list 1-50 criteria, e.g. [{ id = \"greeting\", labels = { fr = "
                                 "\"Accueil\" }, weight = 2, max_score = 5 }]");
    std::set<std::string> ids;
    for (size_t i = 0; i < criteria->size(); ++i) {
      ObjectReader c = r.nested(*(*criteria)[i], "criteria[" + std::to_string(i) + "]");
      if (auto crit = read_criterion(c, ids)) f.criteria.push_back(std::move(*crit));
    }
  }
  done(r, std::move(l), out.evaluation_forms);
}

}  // namespace plateau::provision
