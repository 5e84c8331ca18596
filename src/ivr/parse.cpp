// parse.cpp — the flow file: TOML syntax, [flow], [prompts], the list of
// [[step]] tables (each read by read_steps.cpp), then the checks on prompts
// and on the graph (check_graph.cpp).
#include "ivr/parse.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "ivr/parse_state.h"
#include "media/prompt_generate.h"
#include "say/say.h"

namespace plateau::ivr {

using namespace detail;

namespace {

bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
          c == '-'))
      return false;
  return true;
}

bool offered_language(std::string_view code) {
  return std::find(media::kPromptLanguages.begin(), media::kPromptLanguages.end(), code) !=
         media::kPromptLanguages.end();
}

void read_flow_table(ParseState& st, const toml::table& t) {
  ObjectReader r(t, "flow", 0, st.diag);
  Flow& f = st.flow;
  if (auto v = r.string("tenant", true)) f.tenant = *v;
  if (auto v = r.string("name", true)) {
    if (!valid_name(*v)) r.fault(r.pos("name"), "name must be 1-64 of a-z, 0-9, '_' and '-' (got \"" + *v + "\")");
    f.name = *v;
  }
  (void)r.string("description", false);
  if (auto v = r.strings("languages", false)) {
    std::vector<std::string> seen;
    for (size_t i = 0; i < v->size(); ++i) {
      const std::string& code = (*v)[i];
      if (!offered_language(code))
        r.fault(r.element_pos("languages", i), "unknown language \"" + code + "\" (expected fr, ar, es or en)");
      else if (std::find(seen.begin(), seen.end(), code) != seen.end())
        r.fault(r.element_pos("languages", i), "language \"" + code + "\" given twice");
      else seen.push_back(code);
    }
    if (v->empty()) r.fault(r.pos("languages"), "languages must name at least one language");
    if (!seen.empty()) f.languages = seen;
  }
  if (auto v = r.string("agent_key", false)) {
    if (v->size() != 1 || !std::strchr("0123456789*#", (*v)[0]))
      r.fault(r.pos("agent_key"), "agent_key must be one key: 0-9, * or #");
    else f.agent_key = (*v)[0];
  }
  if (auto v = r.integer("max_steps", 10, 10'000)) f.max_steps = static_cast<int>(*v);
  // start and agent_step are resolved once the step ids are known.
  (void)r.string("start", true);
  (void)r.string("agent_step", false);
  r.finish();
}

void resolve_flow_targets(ParseState& st, const toml::table& t) {
  ObjectReader r(t, "flow", 0, st.diag);
  st.flow.start = read_target(st, r, "start", false);
  st.flow.agent_step = read_target(st, r, "agent_step", false);
  if (st.flow.agent_key && st.flow.agent_step == kNoStep && !t.get("agent_step"))
    r.fault(r.pos("agent_key"), "agent_key needs agent_step, the step it leads to");
  if (!st.flow.agent_key && t.get("agent_step"))
    r.fault(r.pos("agent_step"), "agent_step needs agent_key, the key that leads to it");
}

void read_prompts(ParseState& st, const toml::table& t) {
  for (auto&& [key, node] : t) {
    const std::string name(key.str());
    const Pos at = key.source().begin.line ? provision::pos_of(key.source()) : provision::pos_of(node.source());
    st.prompt_pos[name] = at;
    bool ok = !name.empty();
    for (char c : name)
      ok = ok && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
    if (!ok) {
      st.diag.add(at, "[prompts]: prompt name \"" + name + "\" must be a-z, 0-9 and '_'");
      continue;
    }
    const toml::table* texts = node.as_table();
    if (!texts) {
      st.diag.add(at, "[prompts]: " + name + " must be a table of texts by language, e.g. { fr = \"...\" }");
      continue;
    }
    PromptTexts pt;
    for (auto&& [lang, text] : *texts) {
      const Pos lat = provision::pos_of(text.source());
      if (!offered_language(lang.str())) {
        st.diag.add(lat, "[prompts]: " + name + ": unknown language \"" + std::string(lang.str()) + "\"");
      } else if (!text.is_string() || text.as_string()->get().empty()) {
        st.diag.add(lat, "[prompts]: " + name + "." + std::string(lang.str()) + " must be a non-empty text");
      } else {
        pt.by_language[std::string(lang.str())] = text.as_string()->get();
      }
    }
    st.flow.prompts[name] = std::move(pt);
  }
}

void collect_ids(ParseState& st, const toml::array& steps) {
  StepIndex i = 0;
  for (const toml::node& item : steps) {
    const toml::table& t = *item.as_table();
    const Pos at = provision::pos_of(t.source());
    st.step_pos.push_back(at);
    Step s;
    s.line = at.line;
    if (const toml::node* id = t.get("id"); id && id->is_string()) {
      s.id = id->as_string()->get();
      if (!valid_name(s.id)) {
        st.diag.add(provision::pos_of(id->source()), "[[step]] #" + std::to_string(i + 1) + ": id must be 1-64 of a-z, 0-9, '_' and '-' (got \"" + s.id + "\")");
      } else if (!st.ids.emplace(s.id, i).second) {
        st.diag.add(provision::pos_of(id->source()), "[[step]] #" + std::to_string(i + 1) + ": id \"" + s.id +
                                                        "\" is already the id of another step");
      }
    }
    st.flow.steps.push_back(std::move(s));
    ++i;
  }
}

void read_steps(ParseState& st, const toml::array& steps) {
  int index = 0;
  for (const toml::node& item : steps) {
    ObjectReader r(*item.as_table(), "step", index + 1, st.diag);
    Step& s = st.flow.steps[index];
    auto id = r.string("id", true);
    if (id) r.set_name(*id);
    if (auto type = r.string("type", true)) {
      size_t k = 0;
      while (k < std::size(kStepTypes) && *type != kStepTypes[k]) ++k;
      if (k == std::size(kStepTypes)) {
        std::string all;
        for (const char* t : kStepTypes) all += (all.empty() ? "" : ", ") + std::string(t);
        r.fault(r.pos("type"), "unknown step type \"" + *type + "\" (expected one of " + all + ")");
      } else {
        s.body = read_step_body(st, r, k);
      }
    }
    r.finish();
    ++index;
  }
}

void check_prompts(ParseState& st) {
  for (const PromptUse& u : st.prompt_uses) {
    auto it = st.flow.prompts.find(u.name);
    if (it == st.flow.prompts.end()) {
      if (!builtin_prompt(u.name))
        st.diag.add(u.at, u.label + ": unknown prompt \"" + u.name + "\" (neither built in nor in [prompts])");
      continue;
    }
  }
  for (const auto& [name, texts] : st.flow.prompts) {
    for (const std::string& lang : st.flow.languages) {
      if (!texts.by_language.count(lang))
        st.diag.add(st.prompt_pos[name], "[prompts]: " + name + " has no text in \"" + lang +
                                             "\", a language the flow offers");
    }
  }
}

}  // namespace

bool builtin_prompt(std::string_view name) {
  for (const auto& p : media::kPromptCatalogue)
    if (p.name == name) return true;
  // Say fragments exist in every language under the same names (n_1, w_and ...).
  return say::find_fragment(say::Lang::Fr, name) != nullptr && say::find_fragment(say::Lang::Ar, name) &&
         say::find_fragment(say::Lang::Es, name) && say::find_fragment(say::Lang::En, name);
}

Result<Flow> parse_flow(std::string_view text, std::string_view origin_name, const FlowContext& ctx) {
  const std::string origin(origin_name);
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    return make_error("ivr.syntax", origin + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) +
                                        ": TOML syntax error: " + std::string(e.description()));
  }
  Diagnostics diag(origin);
  ParseState st{Flow{}, diag, ctx, {}, {}, {}, {}};
  const toml::table* flow_table = nullptr;
  const toml::array* steps = nullptr;
  for (auto&& [key, node] : root) {
    const Pos at = key.source().begin.line ? provision::pos_of(key.source()) : provision::pos_of(node.source());
    if (key.str() == "flow" && node.is_table()) {
      flow_table = node.as_table();
    } else if (key.str() == "prompts" && node.is_table()) {
      read_prompts(st, *node.as_table());
    } else if (key.str() == "step" && node.is_array_of_tables()) {
      steps = node.as_array();
    } else if (key.str() == "flow" || key.str() == "prompts" || key.str() == "step") {
      diag.add(at, key.str() == "step" ? "steps must be written as [[step]] tables"
                                        : "[" + std::string(key.str()) + "] must be a table");
    } else {
      diag.add(at, "unknown section \"" + std::string(key.str()) + "\" (expected [flow], [prompts] and [[step]])");
    }
  }
  if (!flow_table) diag.add({1, 1}, "missing [flow] (tenant, name, start)");
  else read_flow_table(st, *flow_table);
  if (!steps || steps->empty()) diag.add({1, 1}, "the flow has no [[step]]");
  if (steps) {
    collect_ids(st, *steps);
    read_steps(st, *steps);
  }
  if (flow_table) resolve_flow_targets(st, *flow_table);
  check_prompts(st);
  if (diag.empty()) check_graph(st);
  if (!diag.empty()) {
    Error e = diag.error();
    e.code = "ivr.invalid";
    return e;
  }
  return std::move(st.flow);
}

Result<std::string> read_flow_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("ivr.io", path + ": cannot read the flow file: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return make_error("ivr.io", path + ": read error");
  return text.str();
}

Result<Flow> parse_flow_file(const std::string& path, const FlowContext& ctx) {
  auto text = read_flow_text(path);
  if (!text) return text.error();
  return parse_flow(*text, path, ctx);
}

StepIndex Flow::find(std::string_view id) const {
  for (size_t i = 0; i < steps.size(); ++i)
    if (steps[i].id == id) return static_cast<StepIndex>(i);
  return kNoStep;
}

std::string Flow::prompt_file(const std::string& prompt) const {
  if (prompts.count(prompt)) return tenant + "." + name + "." + prompt;
  return prompt;
}

}  // namespace plateau::ivr
