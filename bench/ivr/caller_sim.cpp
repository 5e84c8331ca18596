// caller_sim.cpp — the simulated callers, their scripts and the directory
// the look-ups answer from (see caller_sim.h).
#include "bench/ivr/caller_sim.h"

#include <utility>

namespace plateau::ivr::bench {

namespace {

// Simulated time each event takes, as on a call: a prompt, a key press, a
// look-up, a voicemail message.
constexpr int64_t kPromptMs = 2'500;
constexpr int64_t kKeyMs = 300;
constexpr int64_t kLookupMs = 20;
constexpr int64_t kMessageMs = 8'000;

LookupResult customer(std::string id, std::string name, std::string language, std::string account,
                      std::string kind, std::string status, std::string balance, std::string currency) {
  LookupResult r;
  r.found = true;
  r.language = language;
  r.attributes = {{"customer.id", std::move(id)},
                  {"customer.name", std::move(name)},
                  {"customer.language", std::move(language)},
                  {"account.count", "1"},
                  {"account.id", std::move(account)},
                  {"account.kind", std::move(kind)},
                  {"account.status", std::move(status)},
                  {"account.balance", std::move(balance)},
                  {"account.currency", std::move(currency)},
                  {"account.last_payment", "300.00"},
                  {"account.last_payment_date", "2026-11-15"}};
  return r;
}

}  // namespace

Directory::Directory() {
  struct Entry {
    const char* phone;
    LookupResult r;
  };
  const Entry entries[] = {
      {"+212600000001", customer("100234", "Salma Bennani", "ar", "12345678", "mobile", "active", "1234.50", "MAD")},
      {"+33612345678", customer("200777", "Pierre Martin", "fr", "23456789", "fixed", "active", "-20.00", "EUR")},
      {"+212522000000", customer("300555", "Atlas SARL", "fr", "34567890", "premium", "active", "25000.00", "MAD")},
      {"+212661000000", customer("400888", "Youssef Alami", "ar", "45678901", "mobile", "suspended", "0.00", "MAD")},
  };
  for (const auto& e : entries) {
    phones_[e.phone] = e.r;
    customers_[e.r.attributes.at("customer.id")] = e.r;
    accounts_[e.r.attributes.at("account.id")] = e.r;
  }
}

const LookupResult& Directory::find(LookupBy by, const std::string& key) const {
  auto in = [&](const auto& table) -> const LookupResult* {
    auto it = table.find(key);
    return it == table.end() ? nullptr : &it->second;
  };
  const LookupResult* r = nullptr;
  switch (by) {
    case LookupBy::Caller: r = in(phones_); break;
    case LookupBy::Customer: r = in(customers_); break;
    case LookupBy::Account: r = in(accounts_); break;
    case LookupBy::Any:
      r = in(customers_);
      if (!r) r = in(accounts_);
      break;
  }
  return r ? *r : not_found_;
}

// data/demo/flows/accueil.toml: language, caller look-up, customer number,
// balance and last payment said, voicemail, the agent key.
std::vector<Script> demo_scripts() {
  const std::string known = "+212600000001", unknown = "0611223344";
  return {
      {"known caller, balance twice", known, "2119", false, HoursState::Open, PathEnd::Served},
      {"known caller, balance, barge-in", known, "2119", true, HoursState::Open, PathEnd::Served},
      {"customer number typed", unknown, "110023419", false, HoursState::Open, PathEnd::Served},
      {"short then right number", unknown, "31234#10023419", true, HoursState::Open, PathEnd::Served},
      {"unknown number, voicemail", unknown, "49999992", false, HoursState::Open, PathEnd::Voicemail},
      {"language timeouts, agent key", unknown, "TTT0", false, HoursState::Open, PathEnd::Enqueued},
      {"closed, voicemail", unknown, "1", false, HoursState::Closed, PathEnd::Voicemail},
      {"balance menu, agent", known, "210", true, HoursState::Open, PathEnd::Enqueued},
      {"entry failures, other menu, agent", unknown, "112345#TT0", false, HoursState::Open, PathEnd::Enqueued},
  };
}

// bench/ivr/synthetic.toml: account, order and support branches.
std::vector<Script> synthetic_scripts() {
  const std::string caller = "0611223344";
  return {
      {"account, balance", caller, "1112345678" "9", false, HoursState::Open, PathEnd::Served},
      {"overdrawn, said twice", caller, "2123456789" "19", false, HoursState::Open, PathEnd::Served},
      {"premium, barge-in", caller, "3134567890" "9", true, HoursState::Open, PathEnd::Served},
      {"suspended, agent", caller, "1145678901", false, HoursState::Open, PathEnd::Enqueued},
      {"unknown account, two orders", caller, "1199999999" "2612345" "2" "2123456" "9", false, HoursState::Open,
       PathEnd::Served},
      {"short entry, then account", caller, "119123T12345678" "9", false, HoursState::Open, PathEnd::Served},
      {"support, technical", caller, "331", true, HoursState::Open, PathEnd::Enqueued},
      {"closed, callback", caller, "1", false, HoursState::Closed, PathEnd::Callback},
      {"time-outs everywhere", caller, "TTTTTT", false, HoursState::Open, PathEnd::Enqueued},
  };
}

Caller::Caller(FlowPtr flow, const Script& script, ManualClock& clock, const Directory& directory)
    : script_(&script),
      clock_(&clock),
      directory_(&directory),
      session_(std::move(flow),
               SessionEnv{&clock, [h = script.hours](const std::string&) -> std::optional<HoursState> { return h; }},
               script.caller, "fr") {}

void Caller::apply(Actions actions) {
  for (Action& a : actions) {
    if (std::holds_alternative<Play>(a)) playing_ = true;
    else if (std::holds_alternative<StopPlay>(a)) playing_ = false;
    else if (auto* l = std::get_if<Lookup>(&a)) {
      lookup_ = true;
      lookup_by_ = l->by;
      lookup_key_ = std::move(l->key);
    } else if (std::holds_alternative<Record>(a)) recording_ = true;
    else if (std::holds_alternative<Webhook>(a)) webhook_ = true;
  }
}

void Caller::time_out() {
  if (auto d = session_.deadline(); d && *d > clock_->monotonic_ms()) clock_->advance_ms(*d - clock_->monotonic_ms());
  apply(session_.on_time());
}

bool Caller::step() {
  if (session_.done()) return false;
  ++events_;
  const std::string& keys = script_->keys;
  const bool has_key = next_key_ < keys.size();
  const bool press_now = has_key && keys[next_key_] != 'T' && (script_->barge || !playing_);
  if (!started_) {
    started_ = true;
    apply(session_.start());
  } else if (events_ > kMaxEvents) {
    session_.on_hangup();
  } else if (lookup_) {
    lookup_ = false;
    clock_->advance_ms(kLookupMs);
    apply(session_.on_lookup(directory_->find(lookup_by_, lookup_key_)));
  } else if (webhook_) {
    webhook_ = false;
    apply(session_.on_webhook(WebhookResult{true, 200, "", {}}));
  } else if (recording_) {
    recording_ = false;
    clock_->advance_ms(kMessageMs);
    apply(session_.on_recorded(true, kMessageMs));
  } else if (press_now) {
    clock_->advance_ms(kKeyMs);
    apply(session_.on_digit(keys[next_key_++]));
  } else if (playing_) {
    playing_ = false;
    clock_->advance_ms(kPromptMs);
    apply(session_.on_prompt_done());
  } else if (has_key) {  // 'T': nothing pressed
    ++next_key_;
    time_out();
  } else if (session_.deadline()) {
    time_out();
  } else {
    session_.on_hangup();  // nothing left to do: the caller leaves
  }
  return !session_.done();
}

}  // namespace plateau::ivr::bench
