// session.h — the IVR interpreter: one Session per call in a flow.
//
// Pure: fed events (the call entered, a prompt ended, a digit, time passed, a
// customer look-up or a webhook answered, a voicemail was recorded, the
// caller hung up), it answers with actions (play, stop, look up, call a
// webhook, record) and, at the end, one final action that hands the call
// over (enqueue, transfer, callback) or ends it (hangup). The caller of the
// session (core::Router) turns actions into telephony commands and store
// jobs, and feeds their results back. Time comes from the Clock; the session
// has one deadline at a time (input timeouts, webhook and look-up guards),
// given by deadline(); the owner calls on_time() once it has passed.
//
// A session keeps the FlowPtr of the version it started with. It records
// the path the caller took (steps, digits, results) for the call record.
// Thread: whoever owns it (the router, on the app thread); not shared.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "common/clock.h"
#include "ivr/flow.h"
#include "ivr/path.h"

namespace plateau::ivr {

// ---- actions ------------------------------------------------------------------

struct PlayItem {
  std::string prompt;    // file name in the prompt library (flow prompts are "<tenant>.<flow>.<name>")
  std::string language;  // the language folder to play it from
  bool operator==(const PlayItem&) const = default;
};
// Replace what plays with these prompts; on_prompt_done() follows the last.
struct Play {
  std::vector<PlayItem> items;
};
struct StopPlay {};
struct Lookup {
  LookupBy by = LookupBy::Caller;
  std::string key;  // the caller's number or the entered id
};
struct Webhook {
  std::string url, method;
  std::map<std::string, std::string> headers;
  int timeout_ms = 0;
  Attributes attributes;  // what the call knows; the owner adds the call's identity
};
// Record what the caller says (voicemail), at most max_ms.
struct Record {
  int max_ms = 0;
};
struct StopRecord {};
// ---- final actions: the session is done after one of these.
struct Enqueue {
  std::string queue;
  int priority = -1;  // -1: the number's
  std::string requirement;
  Attributes attached;
};
struct Transfer {
  std::string number, trunk;
};
struct Callback {
  std::string queue, number;
};
struct Hangup {
  bool served = false;  // the IVR served the caller (containment)
  std::string reason;   // "served", "voicemail", "input_failure", "max_steps", "closed" ...
};

using Action = std::variant<Play, StopPlay, Lookup, Webhook, Record, StopRecord, Enqueue, Transfer, Callback, Hangup>;
using Actions = std::vector<Action>;

// ---- results fed back ---------------------------------------------------------

enum class HoursState { Open, Closed, Holiday };

struct LookupResult {
  bool ok = true;      // false: the look-up failed (store error)
  bool found = false;
  Attributes attributes;  // customer.id, customer.name, account.balance ... (docs/IVR.md)
  std::string language;   // the customer's preferred language ("" = none)
};

struct WebhookResult {
  bool ok = false;     // a reply came (any status)
  int status = 0;
  std::string error;   // "webhook.timeout", ... when !ok
  Attributes attributes;  // the reply's JSON object members, flattened
};

// What the session asks of the world beyond its events.
struct SessionEnv {
  const Clock* clock = nullptr;
  // The state of a tenant schedule now; nullopt if there is no such schedule.
  std::function<std::optional<HoursState>(const std::string& schedule)> hours;
};

class Session {
 public:
  // `language`: the call's language before any choice (the tenant's, or the
  // number's); the flow's first language if the flow does not offer it.
  Session(FlowPtr flow, SessionEnv env, std::string caller, std::string language);

  Actions start();
  Actions on_prompt_done();
  Actions on_digit(char digit);
  Actions on_time();
  Actions on_lookup(const LookupResult& r);
  Actions on_webhook(const WebhookResult& r);
  // The voicemail recording ended (ok = a file is kept).
  Actions on_recorded(bool ok, int64_t duration_ms);
  // The caller hung up: the path ends here ("abandoned" at the current step).
  void on_hangup();

  std::optional<int64_t> deadline() const;  // monotonic ms
  bool done() const { return done_; }
  const std::string& language() const { return language_; }
  const Attributes& attributes() const { return attrs_; }
  const Path& path() const { return path_; }
  const Flow& flow() const { return *flow_; }
  // The recording notice has been played whole.
  bool notice_played() const { return notice_played_; }

 private:
  enum class Wait { None, Prompt, Input, Confirm, Lookup, Webhook, Record, Finishing };

  void enter(StepIndex s, Actions& out);
  void run(Actions& out);  // runs steps until one waits
  bool step_once(Actions& out);  // false: the current step waits
  void go(StepIndex s, const std::string& result, Actions& out);
  void finish(Action final_action, std::vector<std::string> prompts, Actions& out);
  void fail_input(bool timeout, Actions& out);
  void input_digit(char d, Actions& out);
  void accept_entry(Actions& out);
  void check_entry(Actions& out);
  void play(const std::vector<std::string>& prompts, Actions& out, std::vector<PlayItem> extra = {});
  void prompt_step(Actions& out);
  void input_step(Actions& out);
  void consume_typeahead(Actions& out);
  PlayItem item(const std::string& prompt) const;
  const InputRules* rules() const;
  int64_t now() const { return env_.clock->monotonic_ms(); }

  FlowPtr flow_;
  SessionEnv env_;
  std::string caller_;
  std::string language_;
  bool language_chosen_ = false;
  Attributes attrs_;
  Path path_;
  StepIndex cur_ = kNoStep;
  Wait wait_ = Wait::None;
  int64_t deadline_ = -1;
  int tries_ = 0;
  int visits_ = 0;
  std::string entry_;         // digits of the collect step in progress
  std::string typeahead_;     // digits pressed during prompts, for the next input step
  bool prompting_ = false;    // the input step's prompt still plays (its timeout starts after)
  std::set<std::string> secret_;  // attributes kept out of attached data and webhooks
  bool notice_played_ = false;
  bool done_ = false;
  std::optional<Action> final_;  // given once the final prompts have played
  int64_t started_ = 0;
};

}  // namespace plateau::ivr
