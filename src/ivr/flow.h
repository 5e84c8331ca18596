// flow.h — an IVR flow: a graph of small steps, as read from its file
// (docs/IVR.md gives the file format, with examples).
//
// A Flow is parsed and checked once (ivr/parse.h), then shared read-only as a
// FlowPtr by every call that runs it: a call keeps the version it started
// with, so publishing a new version changes no call in progress.
// Thread-safety: immutable once built; any thread may read it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <variant>
#include <vector>

#include "ivr/expr.h"

namespace plateau::ivr {

// Index of a step in Flow::steps.
using StepIndex = int;
inline constexpr StepIndex kNoStep = -1;

// A prompt to play: a name (built-in, or one of the flow's [prompts]) and,
// for the language menu, the language it is spoken in ("" = the call's).
struct PromptRef {
  std::string name;
  std::string language;
};

// Retries and the prompts around an input step (menu, collect, language).
struct InputRules {
  int timeout_ms = 5'000;        // after the prompt, for the first digit
  int retries = 2;               // invalid or missing inputs tolerated before on_failure
  std::string invalid_prompt = "invalid_input";
  std::string timeout_prompt = "no_input";
  StepIndex on_failure = kNoStep;  // kNoStep: the flow's agent step, else goodbye
};

struct PlayStep {
  std::vector<std::string> prompts;
  bool barge_in = true;  // a digit stops the prompt (and is kept for the next input step)
  bool notice = false;   // the recording notice: its full playing is stored with the call
  StepIndex next = kNoStep;
};

enum class SayKind { Number, Digits, Amount, Date, Time, Duration };

struct SayStep {
  SayKind kind = SayKind::Number;
  Template value;        // e.g. "{account.balance}": a number, digits, "1234.50", "2026-11-15", "14:30", seconds
  Template currency;     // Amount: "MAD" or "EUR" once rendered (e.g. "{account.currency}"; empty = MAD)
  std::vector<std::string> before, after;  // prompts around what is said
  StepIndex next = kNoStep;
};

struct MenuStep {
  std::vector<std::string> prompts;
  std::map<char, StepIndex> choices;
  std::string into;  // attribute receiving the key pressed ("" = none)
  InputRules rules;
};

enum class CheckDigit { None, Luhn };

struct CollectStep {
  std::vector<std::string> prompts;
  std::string into;          // attribute receiving the digits
  int min_digits = 1, max_digits = 20;
  char terminator = '#';     // 0 = none
  int inter_digit_ms = 3'000;
  std::string pattern;       // ECMAScript regular expression the whole entry must match ("" = any)
  std::shared_ptr<const std::regex> pattern_re;  // `pattern` compiled once, when the flow is parsed
  CheckDigit check = CheckDigit::None;
  bool confirm = false;      // say the entry back: 1 confirms, 2 re-enters
  bool secret = false;       // the digits are kept out of the call's path (a card number, a PIN)
  InputRules rules;
  StepIndex next = kNoStep;
};

struct LanguageStep {
  std::map<char, std::string> choices;  // key -> language code
  std::string default_language;         // taken after the retries ("" = keep the call's)
  InputRules rules;
  StepIndex next = kNoStep;
};

struct SetStep {
  std::vector<std::pair<std::string, Template>> values;  // attribute -> text with {attribute} substitutions
  StepIndex next = kNoStep;
};

struct BranchCase {
  Expr when;
  StepIndex go = kNoStep;
};

struct BranchStep {
  std::vector<BranchCase> cases;
  StepIndex otherwise = kNoStep;
};

struct HoursStep {
  std::string schedule;  // a [[schedule]] of the tenant
  StepIndex open = kNoStep, closed = kNoStep, holiday = kNoStep;  // holiday: kNoStep = closed
};

enum class LookupBy { Caller, Customer, Account, Any };

struct LookupStep {
  LookupBy by = LookupBy::Caller;
  std::string from;        // attribute holding the entered id (not for Caller)
  bool use_language = true;  // the customer's preferred language becomes the call's, if the flow offers it
  StepIndex found = kNoStep, not_found = kNoStep, error = kNoStep;  // error: kNoStep = not_found
};

struct WebhookStep {
  std::string url;
  std::string method = "POST";
  std::map<std::string, std::string> headers;
  int timeout_ms = 3'000;
  std::string into = "webhook";  // the reply's JSON object members become <into>.<member>
  StepIndex ok = kNoStep, fallback = kNoStep;
};

struct EnqueueStep {
  std::string queue;
  int priority = -1;           // -1: the number's
  Template requirement;        // added to the queue's, e.g. "lang_{language} >= 3" (empty = none)
  std::vector<std::string> attach;  // attributes that travel with the contact (empty = all)
};

struct TransferStep {
  Template number;     // digits once rendered, e.g. "0522000000" or "{transfer_to}"
  std::string trunk;   // "" = the tenant's outgoing trunk
  std::vector<std::string> prompts;  // played before the transfer
};

struct VoicemailStep {
  std::vector<std::string> prompts = {"voicemail_invite"};
  int max_s = 120;
  std::vector<std::string> thanks = {"voicemail_thanks"};
};

struct CallbackStep {
  std::string queue;
  Template number;  // empty = the caller's number, e.g. "{callback_number}"
};

struct HangupStep {
  std::vector<std::string> prompts;  // e.g. goodbye
  bool served = true;  // the caller was served by the IVR (counts as contained)
};

using StepBody = std::variant<PlayStep, SayStep, MenuStep, CollectStep, LanguageStep, SetStep, BranchStep,
                              HoursStep, LookupStep, WebhookStep, EnqueueStep, TransferStep, VoicemailStep,
                              CallbackStep, HangupStep>;

// The step kinds, in StepBody order, as the file names them.
inline constexpr const char* kStepTypes[] = {"play",   "say",    "menu",    "collect",  "language",
                                             "set",    "branch", "hours",   "lookup",   "webhook",
                                             "enqueue", "transfer", "voicemail", "callback", "hangup"};

struct Step {
  std::string id;
  uint32_t line = 0;  // where the step is written, for run-time messages
  StepBody body;
  const char* type() const { return kStepTypes[body.index()]; }
};

// A prompt's text per language, spoken by espeak-ng when the flow is
// published (an administrator may replace the file with a recording).
struct PromptTexts {
  std::map<std::string, std::string> by_language;
};

struct Flow {
  std::string tenant, name;
  int version = 0;  // given by the store when published (0: not published)
  std::vector<std::string> languages = {"fr"};  // the first is the default
  StepIndex start = 0;
  char agent_key = 0;            // pressed in any menu or collect: go to agent_step
  StepIndex agent_step = kNoStep;
  int max_steps = 200;           // steps one call may visit before the flow is stopped
  std::map<std::string, PromptTexts> prompts;  // the flow's own prompts
  std::vector<Step> steps;

  StepIndex find(std::string_view id) const;
  // The file name of a flow prompt in the prompt library ("demo.accueil.solde"),
  // or the name itself for a built-in prompt.
  std::string prompt_file(const std::string& name) const;
};

using FlowPtr = std::shared_ptr<const Flow>;

}  // namespace plateau::ivr
