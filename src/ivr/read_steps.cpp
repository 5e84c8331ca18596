// read_steps.cpp — the keys of each step type (docs/IVR.md lists them).
#include <cstring>
#include <regex>

#include "acd/requirement.h"
#include "ivr/parse_state.h"

namespace plateau::ivr::detail {

namespace {

bool is_key(const std::string& s) { return s.size() == 1 && std::strchr("0123456789*#", s[0]); }

std::vector<std::string> read_prompts(ParseState& st, ObjectReader& r, std::string_view key, bool required) {
  auto v = r.string_or_strings(key, required);
  if (!v) return {};
  for (size_t i = 0; i < v->size(); ++i) st.prompt_uses.push_back({(*v)[i], r.element_pos(key, i), r.label()});
  return *v;
}

// "prompt" (one or several) is the usual key; "prompts" is accepted too.
std::vector<std::string> main_prompts(ParseState& st, ObjectReader& r, bool required) {
  auto a = read_prompts(st, r, "prompt", false);
  auto b = read_prompts(st, r, "prompts", false);
  a.insert(a.end(), b.begin(), b.end());
  if (a.empty() && required) r.fault(r.table_pos(), "missing required key \"prompt\"");
  return a;
}

Template read_template(ObjectReader& r, std::string_view key, bool required) {
  auto v = r.string(key, required);
  if (!v) return {};
  auto t = compile_template(*v);
  if (!t) {
    r.fault(r.pos(key), r.name_of(key) + ": " + t.error().message);
    return {};
  }
  return std::move(*t);
}

InputRules read_rules(ParseState& st, ObjectReader& r) {
  InputRules rules;
  if (auto v = r.integer("timeout", 1, 60)) rules.timeout_ms = static_cast<int>(*v) * 1000;
  if (auto v = r.integer("retries", 0, 9)) rules.retries = static_cast<int>(*v);
  if (auto v = read_prompts(st, r, "invalid_prompt", false); !v.empty()) rules.invalid_prompt = v.front();
  if (auto v = read_prompts(st, r, "timeout_prompt", false); !v.empty()) rules.timeout_prompt = v.front();
  rules.on_failure = read_target(st, r, "on_failure", false);
  return rules;
}

void check_ref(ParseState& st, ObjectReader& r, std::string_view key, const std::string& name,
               const std::set<std::string, std::less<>>* known, const char* what) {
  if (known && !name.empty() && !known->count(name))
    r.fault(r.pos(key), "unknown " + std::string(what) + " \"" + name + "\" in tenant " + st.flow.tenant);
}

PlayStep read_play(ParseState& st, ObjectReader& r) {
  PlayStep s;
  s.prompts = main_prompts(st, r, true);
  if (auto v = r.boolean("notice")) s.notice = *v;
  s.barge_in = !s.notice;  // the recording notice is heard whole
  if (auto v = r.boolean("barge_in")) s.barge_in = *v;
  s.next = read_target(st, r, "next", true);
  return s;
}

SayStep read_say(ParseState& st, ObjectReader& r) {
  SayStep s;
  static constexpr std::pair<const char*, SayKind> kKinds[] = {
      {"number", SayKind::Number}, {"digits", SayKind::Digits}, {"amount", SayKind::Amount},
      {"date", SayKind::Date},     {"time", SayKind::Time},     {"duration", SayKind::Duration}};
  if (auto v = r.string("what", true)) {
    bool found = false;
    for (const auto& [name, kind] : kKinds)
      if (*v == name) s.kind = kind, found = true;
    if (!found)
      r.fault(r.pos("what"), "what must be number, digits, amount, date, time or duration (got \"" + *v + "\")");
  }
  s.value = read_template(r, "value", true);
  s.currency = read_template(r, "currency", false);
  if (s.kind != SayKind::Amount && !s.currency.text().empty())
    r.fault(r.pos("currency"), "currency is only for what = \"amount\"");
  if (s.kind == SayKind::Amount && s.currency.names().empty() && !s.currency.text().empty() &&
      s.currency.text() != "MAD" && s.currency.text() != "EUR")
    r.fault(r.pos("currency"), "currency must be MAD, EUR or an {attribute} (got \"" + s.currency.text() + "\")");
  s.before = read_prompts(st, r, "before", false);
  s.after = read_prompts(st, r, "after", false);
  s.next = read_target(st, r, "next", true);
  return s;
}

MenuStep read_menu(ParseState& st, ObjectReader& r) {
  MenuStep s;
  s.prompts = main_prompts(st, r, true);
  if (auto v = r.string_table("choices", true)) {
    for (const auto& e : *v) {
      if (!is_key(e.name)) {
        r.fault(e.name_pos, "choices: \"" + e.name + "\" is not a key (0-9, * or #)");
        continue;
      }
      if (st.flow.agent_key && e.name[0] == st.flow.agent_key)
        r.fault(e.name_pos, "choices: \"" + e.name + "\" is the flow's agent_key");
      s.choices[e.name[0]] = resolve_target(st, r, e.value, e.value_pos, "choices." + e.name);
    }
    if (v->empty()) r.fault(r.pos("choices"), "choices must offer at least one key");
  }
  if (auto v = r.string("into", false)) s.into = *v;
  s.rules = read_rules(st, r);
  return s;
}

CollectStep read_collect(ParseState& st, ObjectReader& r) {
  CollectStep s;
  s.prompts = main_prompts(st, r, true);
  if (auto v = r.string("into", true)) s.into = *v;
  if (auto v = r.integer("min", 1, 32)) s.min_digits = static_cast<int>(*v);
  if (auto v = r.integer("max", 1, 32)) s.max_digits = static_cast<int>(*v);
  if (s.min_digits > s.max_digits) r.fault(r.pos("min"), "min is greater than max");
  if (auto v = r.string("terminator", false)) {
    if (v->empty()) s.terminator = 0;
    else if (*v != "#" && *v != "*") r.fault(r.pos("terminator"), "terminator must be \"#\", \"*\" or \"\"");
    else s.terminator = (*v)[0];
  }
  if (st.flow.agent_key && st.flow.agent_key == s.terminator)
    r.fault(r.pos("terminator"), "the terminator is the flow's agent_key");
  if (auto v = r.integer("inter_digit_timeout", 1, 30)) s.inter_digit_ms = static_cast<int>(*v) * 1000;
  if (auto v = r.string("pattern", false)) {
    try {
      s.pattern_re = std::make_shared<const std::regex>(*v, std::regex::ECMAScript);
      s.pattern = *v;
    } catch (const std::regex_error& e) {
      r.fault(r.pos("pattern"), "pattern is not a valid regular expression: " + std::string(e.what()));
    }
  }
  if (auto v = r.string("check", false)) {
    if (*v == "luhn") s.check = CheckDigit::Luhn;
    else if (*v != "none") r.fault(r.pos("check"), "check must be \"luhn\" or \"none\" (got \"" + *v + "\")");
  }
  if (auto v = r.boolean("confirm")) s.confirm = *v;
  if (auto v = r.boolean("secret")) s.secret = *v;
  s.rules = read_rules(st, r);
  s.next = read_target(st, r, "next", true);
  return s;
}

LanguageStep read_language(ParseState& st, ObjectReader& r) {
  LanguageStep s;
  if (auto v = r.string_table("choices", true)) {
    for (const auto& e : *v) {
      if (e.name.size() != 1 || !std::isdigit(static_cast<unsigned char>(e.name[0])))
        r.fault(e.name_pos, "choices: \"" + e.name + "\" is not a digit key (0-9)");
      else if (std::find(st.flow.languages.begin(), st.flow.languages.end(), e.value) == st.flow.languages.end())
        r.fault(e.value_pos, "choices." + e.name + ": \"" + e.value + "\" is not a language the flow offers");
      else s.choices[e.name[0]] = e.value;
    }
  }
  if (auto v = r.string("default", false)) {
    if (std::find(st.flow.languages.begin(), st.flow.languages.end(), *v) == st.flow.languages.end())
      r.fault(r.pos("default"), "default: \"" + *v + "\" is not a language the flow offers");
    else s.default_language = *v;
  }
  s.rules = read_rules(st, r);
  s.next = read_target(st, r, "next", true);
  return s;
}

SetStep read_set(ParseState& st, ObjectReader& r) {
  SetStep s;
  if (auto v = r.string_table("values", true)) {
    for (const auto& e : *v) {
      auto t = compile_template(e.value);
      if (!t) r.fault(e.value_pos, "values." + e.name + ": " + t.error().message);
      else s.values.emplace_back(e.name, std::move(*t));
    }
  }
  s.next = read_target(st, r, "next", true);
  return s;
}

BranchStep read_branch(ParseState& st, ObjectReader& r) {
  BranchStep s;
  auto cases = r.tables("cases");
  if (!cases || cases->empty()) r.fault(r.pos("cases"), "cases must list at least one { when = \"...\", goto = \"...\" }");
  if (cases) {
    for (size_t i = 0; i < cases->size(); ++i) {
      ObjectReader c = r.nested(*(*cases)[i], "cases[" + std::to_string(i) + "]");
      BranchCase bc;
      if (auto w = c.string("when", true)) {
        auto e = compile_expr(*w);
        if (!e) c.fault(c.pos("when"), c.name_of("when") + ": " + e.error().message);
        else bc.when = std::move(*e);
      }
      bc.go = read_target(st, c, "goto", true);
      c.finish();
      s.cases.push_back(std::move(bc));
    }
  }
  s.otherwise = read_target(st, r, "else", true);
  return s;
}

HoursStep read_hours(ParseState& st, ObjectReader& r) {
  HoursStep s;
  if (auto v = r.string("schedule", true)) {
    s.schedule = *v;
    check_ref(st, r, "schedule", *v, st.ctx.schedules, "schedule");
  }
  s.open = read_target(st, r, "open", true);
  s.closed = read_target(st, r, "closed", true);
  s.holiday = read_target(st, r, "holiday", false);
  return s;
}

LookupStep read_lookup(ParseState& st, ObjectReader& r) {
  LookupStep s;
  if (auto v = r.string("by", true)) {
    if (*v == "caller") s.by = LookupBy::Caller;
    else if (*v == "customer") s.by = LookupBy::Customer;
    else if (*v == "account") s.by = LookupBy::Account;
    else if (*v == "any") s.by = LookupBy::Any;
    else r.fault(r.pos("by"), "by must be caller, customer, account or any (got \"" + *v + "\")");
  }
  if (auto v = r.string("from", false)) s.from = *v;
  if (s.by != LookupBy::Caller && s.from.empty())
    r.fault(r.table_pos(), "missing required key \"from\" (the attribute holding the entered id)");
  if (auto v = r.boolean("use_language")) s.use_language = *v;
  s.found = read_target(st, r, "found", true);
  s.not_found = read_target(st, r, "not_found", true);
  s.error = read_target(st, r, "error", false);
  return s;
}

WebhookStep read_webhook(ParseState& st, ObjectReader& r) {
  WebhookStep s;
  if (auto v = r.string("url", true)) {
    if (v->rfind("http://", 0) != 0 && v->rfind("https://", 0) != 0)
      r.fault(r.pos("url"), "url must start with http:// or https://");
    s.url = *v;
  }
  if (auto v = r.string("method", false)) {
    if (*v != "GET" && *v != "POST") r.fault(r.pos("method"), "method must be GET or POST");
    else s.method = *v;
  }
  if (auto v = r.string_table("headers", false))
    for (const auto& e : *v) s.headers[e.name] = e.value;
  if (auto v = r.integer("timeout_ms", 100, 30'000)) s.timeout_ms = static_cast<int>(*v);
  if (auto v = r.string("into", false)) s.into = *v;
  s.ok = read_target(st, r, "ok", true);
  s.fallback = read_target(st, r, "fallback", true);
  return s;
}

EnqueueStep read_enqueue(ParseState& st, ObjectReader& r) {
  EnqueueStep s;
  if (auto v = r.string("queue", true)) {
    s.queue = *v;
    check_ref(st, r, "queue", *v, st.ctx.queues, "queue");
  }
  if (auto v = r.integer("priority", 0, 100)) s.priority = static_cast<int>(*v);
  s.requirement = read_template(r, "requires", false);
  if (s.requirement.names().empty())
    if (Status ok = acd::check_requirement(s.requirement.text()); !ok)
      r.fault(r.pos("requires"), "requires: " + ok.error().message);
  if (auto v = r.strings("attach", false)) s.attach = *v;
  return s;
}

TransferStep read_transfer(ParseState& st, ObjectReader& r) {
  TransferStep s;
  s.number = read_template(r, "number", true);
  if (auto v = r.string("trunk", false)) {
    s.trunk = *v;
    check_ref(st, r, "trunk", *v, st.ctx.trunks, "trunk");
  }
  s.prompts = main_prompts(st, r, false);
  return s;
}

VoicemailStep read_voicemail(ParseState& st, ObjectReader& r) {
  VoicemailStep s;
  if (auto v = read_prompts(st, r, "prompt", false); !v.empty()) s.prompts = v;
  if (auto v = r.integer("max_seconds", 5, 600)) s.max_s = static_cast<int>(*v);
  if (auto v = read_prompts(st, r, "thanks", false); !v.empty()) s.thanks = v;
  return s;
}

CallbackStep read_callback(ParseState& st, ObjectReader& r) {
  CallbackStep s;
  if (auto v = r.string("queue", true)) {
    s.queue = *v;
    check_ref(st, r, "queue", *v, st.ctx.queues, "queue");
  }
  s.number = read_template(r, "number", false);
  return s;
}

HangupStep read_hangup(ParseState& st, ObjectReader& r) {
  HangupStep s;
  s.prompts = main_prompts(st, r, false);
  if (auto v = r.boolean("served")) s.served = *v;
  return s;
}

}  // namespace

StepIndex resolve_target(ParseState& st, ObjectReader& r, const std::string& id, Pos at, const std::string& key) {
  auto it = st.ids.find(id);
  if (it == st.ids.end()) {
    r.fault(at, key + ": unknown step \"" + id + "\"");
    return kNoStep;
  }
  return it->second;
}

StepIndex read_target(ParseState& st, ObjectReader& r, std::string_view key, bool required) {
  auto v = r.string(key, required);
  if (!v) return kNoStep;
  return resolve_target(st, r, *v, r.pos(key), r.name_of(key));
}

StepBody read_step_body(ParseState& st, ObjectReader& r, size_t type_index) {
  switch (type_index) {
    case 0: return read_play(st, r);
    case 1: return read_say(st, r);
    case 2: return read_menu(st, r);
    case 3: return read_collect(st, r);
    case 4: return read_language(st, r);
    case 5: return read_set(st, r);
    case 6: return read_branch(st, r);
    case 7: return read_hours(st, r);
    case 8: return read_lookup(st, r);
    case 9: return read_webhook(st, r);
    case 10: return read_enqueue(st, r);
    case 11: return read_transfer(st, r);
    case 12: return read_voicemail(st, r);
    case 13: return read_callback(st, r);
    default: return read_hangup(st, r);
  }
}

}  // namespace plateau::ivr::detail
