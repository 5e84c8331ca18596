// session.cpp — the interpreter's steps and events. Every event handler ends
// with run(), which executes steps until one waits (for a prompt, a digit, a
// look-up...) or the session is done.
#include "ivr/session.h"

#include <algorithm>
#include <regex>

#include "ivr/say_value.h"

namespace plateau::ivr {

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

bool luhn_ok(const std::string& digits) {
  int sum = 0;
  bool dbl = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (dbl) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    dbl = !dbl;
  }
  return !digits.empty() && sum % 10 == 0;
}

constexpr int kLookupGuardMs = 5'000;

}  // namespace

Session::Session(FlowPtr flow, SessionEnv env, std::string caller, std::string language)
    : flow_(std::move(flow)), env_(std::move(env)), caller_(std::move(caller)) {
  const auto& langs = flow_->languages;
  language_ = std::find(langs.begin(), langs.end(), language) != langs.end() ? language : langs.front();
  path_.flow = flow_->name;
  path_.version = flow_->version;
  attrs_["caller"] = caller_;
  attrs_["language"] = language_;
}

Actions Session::start() {
  started_ = now();
  Actions out;
  enter(flow_->start, out);
  run(out);
  return out;
}

std::optional<int64_t> Session::deadline() const {
  if (done_ || deadline_ < 0) return std::nullopt;
  return deadline_;
}

const InputRules* Session::rules() const {
  const StepBody& b = flow_->steps[cur_].body;
  if (auto* m = std::get_if<MenuStep>(&b)) return &m->rules;
  if (auto* c = std::get_if<CollectStep>(&b)) return &c->rules;
  if (auto* l = std::get_if<LanguageStep>(&b)) return &l->rules;
  return nullptr;
}

PlayItem Session::item(const std::string& prompt) const { return {flow_->prompt_file(prompt), language_}; }

void Session::play(const std::vector<std::string>& prompts, Actions& out, std::vector<PlayItem> extra) {
  Play p;
  for (const auto& name : prompts) p.items.push_back(item(name));
  for (auto& e : extra) p.items.push_back(std::move(e));
  out.emplace_back(std::move(p));
}

// ---- moving between steps -------------------------------------------------------

void Session::enter(StepIndex s, Actions& out) {
  cur_ = s;
  wait_ = Wait::None;
  deadline_ = -1;
  tries_ = 0;
  entry_.clear();
  prompting_ = false;
  const Step& step = flow_->steps[s];
  path_.visits.push_back({step.id, step.type(), now() - started_, "", ""});
  if (++visits_ > flow_->max_steps) finish(Hangup{false, "max_steps"}, {"technical_problem"}, out);
}

void Session::go(StepIndex s, const std::string& result, Actions& out) {
  if (!path_.visits.empty()) path_.visits.back().result = result;
  if (s == kNoStep) {
    finish(Hangup{false, "no_step"}, {"technical_problem"}, out);
    return;
  }
  enter(s, out);
}

void Session::run(Actions& out) {
  while (!done_ && !final_ && wait_ == Wait::None) {
    if (!step_once(out)) return;
  }
}

void Session::finish(Action final_action, std::vector<std::string> prompts, Actions& out) {
  deadline_ = -1;
  path_.end_step = cur_ == kNoStep ? std::string() : flow_->steps[cur_].id;
  std::visit(Overloaded{
                 [&](const Enqueue& e) { path_.end = PathEnd::Enqueued, path_.detail = e.queue; },
                 [&](const Transfer& t) { path_.end = PathEnd::Transferred, path_.detail = t.number; },
                 [&](const Callback& c) { path_.end = PathEnd::Callback, path_.detail = c.queue; },
                 [&](const Hangup& h) {
                   path_.end = h.reason == "voicemail" ? PathEnd::Voicemail
                               : h.served              ? PathEnd::Served
                                                       : PathEnd::Failed;
                   path_.detail = h.reason;
                 },
                 [&](const auto&) {},
             },
             final_action);
  if (prompts.empty()) {
    out.push_back(std::move(final_action));
    done_ = true;
    return;
  }
  final_ = std::move(final_action);
  wait_ = Wait::Finishing;
  play(prompts, out);
}

// ---- one step ---------------------------------------------------------------------

void Session::prompt_step(Actions& out) {
  const StepBody& b = flow_->steps[cur_].body;
  wait_ = Wait::Input;
  prompting_ = true;
  if (auto* l = std::get_if<LanguageStep>(&b)) {
    // Each choice in its own language: "Pour le français, tapez 1. For English, press 4."
    Play p;
    for (const auto& [key, lang] : l->choices) {
      p.items.push_back({"for_language", lang});
      p.items.push_back({"n_" + std::string(1, key), lang});
    }
    out.emplace_back(std::move(p));
    return;
  }
  play(std::holds_alternative<MenuStep>(b) ? std::get<MenuStep>(b).prompts : std::get<CollectStep>(b).prompts, out);
}

bool Session::step_once(Actions& out) {
  const Step& step = flow_->steps[cur_];
  const StepIndex here = cur_;
  std::visit(
      Overloaded{
          [&](const PlayStep& s) {
            if (!typeahead_.empty() && s.barge_in) return go(s.next, "skipped", out);
            wait_ = Wait::Prompt;
            play(s.prompts, out);
          },
          [&](const SayStep& s) {
            auto fragments = say_value(s, attrs_, language_);
            if (!fragments) return go(s.next, "say_failed: " + fragments.error().message, out);
            Play p;
            for (const auto& n : s.before) p.items.push_back(item(n));
            for (const auto& f : *fragments) p.items.push_back({f, language_});
            for (const auto& n : s.after) p.items.push_back(item(n));
            wait_ = Wait::Prompt;
            out.emplace_back(std::move(p));
          },
          [&](const MenuStep&) { input_step(out); },
          [&](const CollectStep&) { input_step(out); },
          [&](const LanguageStep&) { input_step(out); },
          [&](const SetStep& s) {
            for (const auto& [name, value] : s.values) attrs_[name] = value.render(attrs_);
            go(s.next, "set", out);
          },
          [&](const BranchStep& s) {
            for (size_t i = 0; i < s.cases.size(); ++i)
              if (s.cases[i].when.eval(attrs_)) return go(s.cases[i].go, "case " + std::to_string(i + 1), out);
            go(s.otherwise, "else", out);
          },
          [&](const HoursStep& s) {
            std::optional<HoursState> h = env_.hours ? env_.hours(s.schedule) : std::nullopt;
            if (!h) return go(s.closed, "unknown_schedule", out);
            attrs_["hours"] = *h == HoursState::Open ? "open" : *h == HoursState::Holiday ? "holiday" : "closed";
            if (*h == HoursState::Open) go(s.open, "open", out);
            else if (*h == HoursState::Holiday) go(s.holiday != kNoStep ? s.holiday : s.closed, "holiday", out);
            else go(s.closed, "closed", out);
          },
          [&](const LookupStep& s) {
            std::string key = s.by == LookupBy::Caller ? caller_ : attrs_[s.from];
            if (key.empty()) return go(s.not_found, "no_key", out);
            wait_ = Wait::Lookup;
            deadline_ = now() + kLookupGuardMs;
            out.emplace_back(Lookup{s.by, std::move(key)});
          },
          [&](const WebhookStep& s) {
            wait_ = Wait::Webhook;
            deadline_ = now() + s.timeout_ms;
            Attributes sent;
            for (const auto& [k, v] : attrs_)
              if (!secret_.count(k)) sent[k] = v;
            out.emplace_back(Webhook{s.url, s.method, s.headers, s.timeout_ms, std::move(sent)});
          },
          [&](const EnqueueStep& s) {
            Enqueue e{s.queue, s.priority, s.requirement.render(attrs_), {}};
            for (const auto& [k, v] : attrs_) {
              const bool listed = s.attach.empty() || std::find(s.attach.begin(), s.attach.end(), k) != s.attach.end();
              if (listed && !secret_.count(k)) e.attached[k] = v;
            }
            finish(std::move(e), {}, out);
          },
          [&](const TransferStep& s) {
            std::string number = s.number.render(attrs_);
            if (number.empty()) return finish(Hangup{false, "no_transfer_number"}, {"technical_problem"}, out);
            finish(Transfer{std::move(number), s.trunk}, s.prompts, out);
          },
          [&](const VoicemailStep& s) {
            wait_ = Wait::Prompt;
            play(s.prompts, out, {{"beep", language_}});
          },
          [&](const CallbackStep& s) {
            std::string number = s.number.text().empty() ? caller_ : s.number.render(attrs_);
            finish(Callback{s.queue, std::move(number)}, {}, out);
          },
          [&](const HangupStep& s) { finish(Hangup{s.served, s.served ? "served" : "hangup"}, s.prompts, out); },
      },
      step.body);
  if (wait_ == Wait::Input && !typeahead_.empty() && cur_ == here) consume_typeahead(out);
  return !done_ && !final_ && wait_ == Wait::None;
}

// An input step starts with its prompt, unless the caller has typed ahead.
void Session::input_step(Actions& out) {
  if (typeahead_.empty()) return prompt_step(out);
  wait_ = Wait::Input;
  prompting_ = false;
}

void Session::consume_typeahead(Actions& out) {
  const StepIndex here = cur_;
  while (!typeahead_.empty() && cur_ == here && wait_ == Wait::Input && !done_) {
    char d = typeahead_.front();
    typeahead_.erase(0, 1);
    input_digit(d, out);
  }
  if (cur_ == here && wait_ == Wait::Input && deadline_ < 0 && !prompting_) {
    const bool partial = !entry_.empty();
    deadline_ = now() + (partial ? std::get<CollectStep>(flow_->steps[cur_].body).inter_digit_ms : rules()->timeout_ms);
  }
}

// ---- input ------------------------------------------------------------------------

void Session::input_digit(char d, Actions& out) {
  const StepBody& b = flow_->steps[cur_].body;
  Visit& v = path_.visits.back();
  const bool secret = std::holds_alternative<CollectStep>(b) && std::get<CollectStep>(b).secret;
  v.input += secret ? '*' : d;
  const bool agent_able = std::holds_alternative<MenuStep>(b) || std::holds_alternative<CollectStep>(b);
  if (agent_able && flow_->agent_key == d && entry_.empty()) return go(flow_->agent_step, "agent_key", out);
  if (auto* m = std::get_if<MenuStep>(&b)) {
    auto it = m->choices.find(d);
    if (it == m->choices.end()) return fail_input(false, out);
    if (!m->into.empty()) attrs_[m->into] = std::string(1, d);
    return go(it->second, std::string(1, d), out);
  }
  if (auto* l = std::get_if<LanguageStep>(&b)) {
    auto it = l->choices.find(d);
    if (it == l->choices.end()) return fail_input(false, out);
    language_ = it->second;
    language_chosen_ = true;
    attrs_["language"] = language_;
    return go(l->next, language_, out);
  }
  const auto& c = std::get<CollectStep>(b);
  if (c.terminator && d == c.terminator) {
    if (entry_.empty()) return fail_input(true, out);
    return check_entry(out);
  }
  if (d < '0' || d > '9') return fail_input(false, out);
  entry_ += d;
  if (static_cast<int>(entry_.size()) >= c.max_digits) return check_entry(out);
  deadline_ = now() + c.inter_digit_ms;
}

void Session::check_entry(Actions& out) {
  const auto& c = std::get<CollectStep>(flow_->steps[cur_].body);
  const int n = static_cast<int>(entry_.size());
  bool valid = n >= c.min_digits && n <= c.max_digits;
  if (valid && c.pattern_re) valid = std::regex_match(entry_, *c.pattern_re);
  if (valid && c.check == CheckDigit::Luhn) valid = luhn_ok(entry_);
  if (!valid) return fail_input(false, out);
  if (!c.confirm) return accept_entry(out);
  wait_ = Wait::Confirm;
  prompting_ = true;
  deadline_ = -1;
  Play p;
  p.items.push_back(item("you_entered"));
  if (auto digits = say_digits_of(entry_, language_))
    for (auto& f : *digits) p.items.push_back({std::move(f), language_});
  p.items.push_back(item("confirm_entry"));
  out.emplace_back(std::move(p));
}

void Session::accept_entry(Actions& out) {
  const auto& c = std::get<CollectStep>(flow_->steps[cur_].body);
  attrs_[c.into] = entry_;
  if (c.secret) secret_.insert(c.into);
  go(c.next, "entered", out);
}

void Session::fail_input(bool timeout, Actions& out) {
  const InputRules& r = *rules();
  deadline_ = -1;
  entry_.clear();
  Visit& v = path_.visits.back();
  v.result = timeout ? "timeout" : "invalid";
  if (++tries_ > r.retries) {
    StepIndex target = r.on_failure != kNoStep ? r.on_failure : flow_->agent_step;
    if (auto* l = std::get_if<LanguageStep>(&flow_->steps[cur_].body); l && r.on_failure == kNoStep) {
      // No choice: the call goes on in the default (or current) language.
      if (!l->default_language.empty()) language_ = l->default_language;
      attrs_["language"] = language_;
      return go(l->next, "default " + language_, out);
    }
    if (target == kNoStep) return finish(Hangup{false, "input_failure"}, {"goodbye"}, out);
    return go(target, "failed", out);
  }
  wait_ = Wait::Input;
  prompting_ = true;
  // The feedback, then the step's prompt again.
  Actions replay;
  prompt_step(replay);
  Play p;
  p.items.push_back(item(timeout ? r.timeout_prompt : r.invalid_prompt));
  if (!replay.empty())
    if (auto* rp = std::get_if<Play>(&replay.front()))
      p.items.insert(p.items.end(), rp->items.begin(), rp->items.end());
  out.emplace_back(std::move(p));
}

// ---- events -----------------------------------------------------------------------

Actions Session::on_prompt_done() {
  Actions out;
  if (done_) return out;
  switch (wait_) {
    case Wait::Prompt: {
      const StepBody& b = flow_->steps[cur_].body;
      if (auto* vm = std::get_if<VoicemailStep>(&b)) {
        wait_ = Wait::Record;
        out.emplace_back(Record{vm->max_s * 1000});
        return out;
      }
      if (auto* p = std::get_if<PlayStep>(&b)) {
        if (p->notice) {
          notice_played_ = true;
          attrs_["recording_notice"] = "played";
        }
        go(p->next, "played", out);
      } else {
        go(std::get<SayStep>(b).next, "said", out);
      }
      break;
    }
    case Wait::Input:
    case Wait::Confirm:
      if (prompting_) {
        prompting_ = false;
        deadline_ = now() + (entry_.empty() || wait_ == Wait::Confirm
                                 ? rules()->timeout_ms
                                 : std::get<CollectStep>(flow_->steps[cur_].body).inter_digit_ms);
      }
      break;
    case Wait::Finishing:
      out.push_back(std::move(*final_));
      final_.reset();
      done_ = true;
      return out;
    default:
      break;
  }
  run(out);
  return out;
}

Actions Session::on_digit(char d) {
  Actions out;
  if (done_) return out;
  switch (wait_) {
    case Wait::Prompt: {
      const StepBody& b = flow_->steps[cur_].body;
      if (std::holds_alternative<VoicemailStep>(b)) break;
      typeahead_ += d;
      const auto* p = std::get_if<PlayStep>(&b);
      if (p && !p->barge_in) break;  // heard whole; the digit waits for the next input step
      out.emplace_back(StopPlay{});
      go(p ? p->next : std::get<SayStep>(b).next, "interrupted", out);
      break;
    }
    case Wait::Input:
      if (prompting_) {
        out.emplace_back(StopPlay{});
        prompting_ = false;
      }
      input_digit(d, out);
      break;
    case Wait::Confirm:
      if (prompting_) {
        out.emplace_back(StopPlay{});
        prompting_ = false;
      }
      path_.visits.back().input += d;
      if (d == '1') accept_entry(out);
      else if (d == '2') {
        entry_.clear();
        prompt_step(out);
      } else {
        fail_input(false, out);
      }
      break;
    case Wait::Record:
      if (d == '#') out.emplace_back(StopRecord{});
      break;
    case Wait::Lookup:
    case Wait::Webhook:
    case Wait::None:
      typeahead_ += d;
      break;
    case Wait::Finishing:
      break;
  }
  run(out);
  return out;
}

Actions Session::on_time() {
  Actions out;
  if (done_ || deadline_ < 0 || now() < deadline_) return out;
  deadline_ = -1;
  switch (wait_) {
    case Wait::Input: {
      const auto* c = std::get_if<CollectStep>(&flow_->steps[cur_].body);
      if (c && !entry_.empty()) check_entry(out);
      else fail_input(true, out);
      break;
    }
    case Wait::Confirm:
      fail_input(true, out);
      break;
    case Wait::Lookup: {
      const auto& s = std::get<LookupStep>(flow_->steps[cur_].body);
      go(s.error != kNoStep ? s.error : s.not_found, "timeout", out);
      break;
    }
    case Wait::Webhook:
      go(std::get<WebhookStep>(flow_->steps[cur_].body).fallback, "timeout", out);
      break;
    default:
      break;
  }
  run(out);
  return out;
}

Actions Session::on_lookup(const LookupResult& r) {
  Actions out;
  if (done_ || wait_ != Wait::Lookup) return out;
  deadline_ = -1;
  const auto& s = std::get<LookupStep>(flow_->steps[cur_].body);
  if (!r.ok) {
    go(s.error != kNoStep ? s.error : s.not_found, "error", out);
  } else if (r.found) {
    for (const auto& [k, v] : r.attributes) attrs_[k] = v;
    attrs_["customer.found"] = "yes";
    const auto& langs = flow_->languages;
    if (s.use_language && !language_chosen_ && std::find(langs.begin(), langs.end(), r.language) != langs.end()) {
      language_ = r.language;
      attrs_["language"] = language_;
    }
    go(s.found, "found", out);
  } else {
    attrs_["customer.found"] = "no";
    go(s.not_found, "not_found", out);
  }
  run(out);
  return out;
}

Actions Session::on_webhook(const WebhookResult& r) {
  Actions out;
  if (done_ || wait_ != Wait::Webhook) return out;  // late: the fallback was taken
  deadline_ = -1;
  const auto& s = std::get<WebhookStep>(flow_->steps[cur_].body);
  if (r.ok && r.status >= 200 && r.status < 300) {
    for (const auto& [k, v] : r.attributes) attrs_[s.into + "." + k] = v;
    attrs_[s.into + ".status"] = std::to_string(r.status);
    go(s.ok, "ok " + std::to_string(r.status), out);
  } else {
    go(s.fallback, r.ok ? "status " + std::to_string(r.status) : (r.error.empty() ? "error" : r.error), out);
  }
  run(out);
  return out;
}

Actions Session::on_recorded(bool ok, int64_t duration_ms) {
  Actions out;
  if (done_ || wait_ != Wait::Record) return out;
  const auto& s = std::get<VoicemailStep>(flow_->steps[cur_].body);
  path_.visits.back().result = ok ? "recorded " + std::to_string(duration_ms / 1000) + " s" : "record_failed";
  attrs_["voicemail.duration_s"] = std::to_string(duration_ms / 1000);
  if (ok) finish(Hangup{true, "voicemail"}, s.thanks, out);
  else finish(Hangup{false, "record_failed"}, {"technical_problem"}, out);
  return out;
}

void Session::on_hangup() {
  if (done_) return;
  const bool serving_goodbye = final_ && std::holds_alternative<Hangup>(*final_);
  if (!serving_goodbye) {
    path_.end = PathEnd::Abandoned;
    path_.end_step = cur_ == kNoStep ? std::string() : flow_->steps[cur_].id;
    path_.detail.clear();
    if (wait_ == Wait::Record) {
      // The message left before hanging up is kept: the owner stores it.
      path_.end = PathEnd::Voicemail;
      path_.detail = "voicemail";
    }
  }
  done_ = true;
  final_.reset();
  deadline_ = -1;
}

}  // namespace plateau::ivr
