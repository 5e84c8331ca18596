#include "crm/customer_csv.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "crm/csv_reader.h"
#include "crm/fields.h"
#include "crm/phone.h"

namespace plateau::crm {

namespace {

enum Col {
  kCustomerId,
  kName,
  kLanguage,
  kEmail,
  kAddress,
  kPhones,
  kAccountId,
  kAccountKind,
  kAccountStatus,
  kBalance,
  kCurrency,
  kLastPayment,
  kLastPaymentDate,
  kColumnCount
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "customer_id",    "name",    "language", "email",        "address",          "phones",
    "account_id",     "account_kind", "account_status", "balance", "currency", "last_payment",
    "last_payment_date"};

using Columns = std::array<int, kColumnCount>;  // field index of each column, -1 when absent

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

Result<Columns> read_header(const CsvRecord& header) {
  Columns cols;
  cols.fill(-1);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name(trim(header.fields[i]));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    auto it = std::find(kColumnNames.begin(), kColumnNames.end(), name);
    if (it == kColumnNames.end()) {
      std::string known;
      for (auto k : kColumnNames) known += (known.empty() ? "" : ", ") + std::string(k);
      return make_error("crm.bad_file", "header: unknown column " + quoted(name) + " (known: " + known + ")");
    }
    int& slot = cols[static_cast<size_t>(it - kColumnNames.begin())];
    if (slot >= 0) return make_error("crm.bad_file", "header: column " + quoted(name) + " appears twice");
    slot = static_cast<int>(i);
  }
  for (Col required : {kCustomerId, kName}) {
    if (cols[required] < 0) {
      return make_error("crm.bad_file", "header: the column " + quoted(kColumnNames[required]) + " is missing");
    }
  }
  return cols;
}

// One line, read and checked alone.
struct Line {
  model::Customer customer;  // its customer fields
  std::optional<model::Account> account;
};

class LineReader {
 public:
  LineReader(const Columns& cols, char sep, const ImportOptions& opt) : cols_(cols), sep_(sep), opt_(opt) {}

  std::string_view field(const CsvRecord& r, Col c) const {
    const int i = cols_[c];
    return i >= 0 && static_cast<size_t>(i) < r.fields.size() ? trim(r.fields[static_cast<size_t>(i)])
                                                                 : std::string_view{};
  }

  // The line's values, or the reason it is rejected.
  Result<Line> read(const CsvRecord& r) const {
    auto bad = [](std::string why) { return make_error("crm.bad_line", std::move(why)); };
    Line l;
    model::Customer& c = l.customer;
    c.tenant = opt_.tenant;
    c.id = field(r, kCustomerId);
    if (c.id.empty()) return bad("missing customer_id");
    if (!valid_id(c.id)) return bad("bad customer_id " + quoted(c.id) + " (1 to 64 characters, no control characters)");
    c.name = field(r, kName);
    if (c.name.empty()) return bad("missing name");
    auto lang = parse_language(field(r, kLanguage));
    if (!lang) return bad("unknown language " + quoted(field(r, kLanguage)) + " (fr, ar, es or en)");
    c.language = *lang;
    c.email = field(r, kEmail);
    if (!valid_email(c.email)) return bad("bad email " + quoted(c.email));
    c.address = field(r, kAddress);
    std::string_view phones = field(r, kPhones);
    while (!phones.empty()) {
      const auto bar = phones.find('|');
      std::string_view one = trim(phones.substr(0, bar));
      phones = bar == std::string_view::npos ? std::string_view{} : phones.substr(bar + 1);
      if (one.empty()) continue;
      auto e164 = normalize_phone(one, opt_.default_country);
      if (!e164) return bad("bad phone " + quoted(one));
      if (std::find(c.phones.begin(), c.phones.end(), *e164) == c.phones.end()) c.phones.push_back(*e164);
    }
    auto account = read_account(r);
    if (!account) return account.error();
    l.account = std::move(account.value());
    return l;
  }

 private:
  Result<std::optional<model::Account>> read_account(const CsvRecord& r) const {
    auto bad = [](std::string why) { return make_error("crm.bad_line", std::move(why)); };
    model::Account a;
    a.id = field(r, kAccountId);
    if (a.id.empty()) {
      for (Col c : {kAccountKind, kAccountStatus, kBalance, kCurrency, kLastPayment, kLastPaymentDate}) {
        if (!field(r, c).empty()) return bad(std::string(kColumnNames[c]) + " given without account_id");
      }
      return std::optional<model::Account>();
    }
    if (!valid_id(a.id)) return bad("bad account_id " + quoted(a.id) + " (1 to 64 characters, no control characters)");
    a.kind = field(r, kAccountKind);
    a.status = field(r, kAccountStatus);
    for (auto [col, out] : {std::pair{kBalance, &a.balance_cents}, std::pair{kLastPayment, &a.last_payment_cents}}) {
      std::string_view text = field(r, col);
      if (text.empty()) continue;
      auto cents = parse_amount(text, sep_);
      if (!cents) return bad("bad amount " + quoted(text) + " in " + std::string(kColumnNames[col]));
      *out = *cents;
    }
    std::string_view currency = field(r, kCurrency);
    if (currency.empty()) return bad("missing currency for account " + quoted(a.id));
    auto cur = parse_currency(currency);
    if (!cur) return bad("unknown currency " + quoted(currency) + " (MAD or EUR)");
    a.currency = *cur;
    a.last_payment_date = field(r, kLastPaymentDate);
    if (!a.last_payment_date.empty() && !valid_date(a.last_payment_date)) {
      return bad("bad date " + quoted(a.last_payment_date) + " in last_payment_date (YYYY-MM-DD)");
    }
    return std::optional<model::Account>(std::move(a));
  }

  const Columns& cols_;
  char sep_;
  const ImportOptions& opt_;
};

// The first customer field where two lines of one customer differ, as a reason.
std::optional<std::string> conflict(const model::Customer& here, const model::Customer& first, int first_line) {
  auto differs = [&](const char* what, const std::string& a, const std::string& b) -> std::optional<std::string> {
    if (a == b) return std::nullopt;
    return std::string("conflicting ") + what + " for customer " + quoted(here.id) + ": " + quoted(a) +
           " here, " + quoted(b) + " on line " + std::to_string(first_line);
  };
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& p : v) s += (s.empty() ? "" : "|") + p;
    return s;
  };
  for (auto d : {differs("name", here.name, first.name), differs("language", here.language, first.language),
                 differs("email", here.email, first.email), differs("address", here.address, first.address),
                 differs("phones", join(here.phones), join(first.phones))}) {
    if (d) return d;
  }
  return std::nullopt;
}

struct Group {
  size_t index = 0;        // in the customer list
  int first_line = 0;      // first line taken for this customer (0: none yet)
  int rejected_line = 0;   // first line rejected (0: none)
  std::vector<int> taken;  // lines taken
};

}  // namespace

std::string to_text(const RejectedLine& r) { return "line " + std::to_string(r.line) + ": " + r.reason; }

Result<ParsedCustomers> parse_customers_csv(std::string_view text, const ImportOptions& options) {
  auto table = read_csv(text);
  if (!table) return table.error();
  auto cols = read_header(table->header);
  if (!cols) return cols.error();
  const LineReader reader(*cols, table->separator, options);
  const size_t width = table->header.fields.size();

  ParsedCustomers out;
  std::vector<model::Customer> customers;
  std::map<std::string, Group> groups;                       // by customer id
  std::map<std::string, std::pair<std::string, int>> seen;  // account id -> (customer id, line)
  for (const CsvRecord& r : table->records) {
    ++out.lines;
    std::string id(reader.field(r, kCustomerId));
    std::optional<std::string> reason;
    std::optional<Line> line;
    if (!r.error.empty()) {
      reason = r.error;
    } else if (r.fields.size() != width) {
      reason = "has " + std::to_string(r.fields.size()) + " fields, the header has " + std::to_string(width);
    } else if (auto l = reader.read(r); !l) {
      reason = l.error().message;
    } else {
      line = std::move(l.value());
    }
    if (line) {
      auto it = groups.find(id);
      if (it != groups.end() && it->second.first_line > 0) {
        reason = conflict(line->customer, customers[it->second.index], it->second.first_line);
      }
      if (!reason && line->account) {
        auto [acc, fresh] = seen.try_emplace(line->account->id, id, r.line);
        if (!fresh) {
          reason = "duplicate account id " + quoted(line->account->id) + " (also on line " +
                   std::to_string(acc->second.second) + ")";
        }
      }
    }
    if (id.empty() || !valid_id(id)) {  // nothing to group it with
      out.rejected.push_back({r.line, "", reason.value_or("missing customer_id")});
      continue;
    }
    auto [it, fresh] = groups.try_emplace(id);
    Group& g = it->second;
    if (reason) {
      out.rejected.push_back({r.line, id, *reason});
      if (g.rejected_line == 0) g.rejected_line = r.line;
      continue;
    }
    if (g.first_line == 0) {
      g.first_line = r.line;
      g.index = customers.size();
      customers.push_back(std::move(line->customer));
    }
    if (line->account) customers[g.index].accounts.push_back(std::move(*line->account));
    g.taken.push_back(r.line);
  }

  // A customer with one rejected line is not imported at all; say so for its other lines.
  std::vector<bool> dropped(customers.size(), false);
  for (const auto& [id, g] : groups) {
    if (g.rejected_line == 0) continue;
    if (g.first_line > 0) dropped[g.index] = true;
    for (int l : g.taken) {
      out.rejected.push_back({l, id, "customer " + quoted(id) + " is not imported: line " +
                                         std::to_string(g.rejected_line) + " was rejected"});
    }
  }
  std::stable_sort(out.rejected.begin(), out.rejected.end(),
                   [](const RejectedLine& a, const RejectedLine& b) { return a.line < b.line; });
  for (size_t i = 0; i < customers.size(); ++i) {
    if (!dropped[i]) out.customers.push_back(std::move(customers[i]));
  }
  return out;
}

}  // namespace plateau::crm
