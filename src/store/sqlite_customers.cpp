#include "store/sqlite_customers.h"

#include <cctype>
#include <set>
#include <string>
#include <utility>

namespace plateau::store::sqlite {

namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The ids a statement returns in its first column.
Result<std::vector<std::string>> ids(Stmt& s) {
  std::vector<std::string> out;
  for (;;) {
    auto more = s.step();
    if (!more) return more.error();
    if (!*more) return out;
    out.push_back(s.text(0));
  }
}

Result<std::vector<model::Customer>> load_all(Db& db, std::string_view tenant, const std::vector<std::string>& list) {
  std::vector<model::Customer> out;
  for (const auto& id : list) {
    auto c = find_customer(db, tenant, id);
    if (!c) return c.error();
    if (*c) out.push_back(std::move(**c));
  }
  return out;
}

// The same customer apart from the times and the tenant field.
bool same_content(const model::Customer& a, const model::Customer& b) {
  return a.id == b.id && a.name == b.name && a.language == b.language && a.email == b.email &&
         a.address == b.address && a.phones == b.phones && a.accounts == b.accounts;
}

Status check_input(Db& db, std::string_view tenant, const std::vector<model::Customer>& customers) {
  auto t = db.prepare("SELECT EXISTS(SELECT 1 FROM tenants WHERE name = ?1)");
  if (!t) return t.error();
  t->bind(1, tenant);
  auto row = t->step();
  if (!row) return row.error();
  if (t->int64(0) == 0) return make_error("store.invalid", "customers: unknown tenant " + quoted(tenant));
  std::set<std::string> seen_ids, seen_accounts;
  for (const auto& c : customers) {
    if (c.id.empty()) return make_error("store.invalid", "customers: a customer has an empty id");
    if (!seen_ids.insert(c.id).second) {
      return make_error("store.invalid", "customers: customer " + quoted(c.id) + " is given twice");
    }
    for (const auto& a : c.accounts) {
      if (a.id.empty()) return make_error("store.invalid", "customers: customer " + quoted(c.id) + " has an account without id");
      if (!seen_accounts.insert(a.id).second) {
        return make_error("store.invalid", "customers: account " + quoted(a.id) + " is given twice");
      }
    }
  }
  return {};
}

// Statements of one import, prepared once.
struct Writer {
  Stmt insert_customer, update_customer, clear_phones, insert_phone, clear_accounts, touch_owner, take_account,
      insert_account;

  static Result<Writer> prepare(Db& db) {
    Writer w;
    const std::pair<Stmt*, const char*> sql[] = {
        {&w.insert_customer,
         "INSERT INTO customers(tenant, id, name, language, email, address, created_ms, updated_ms) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"},
        {&w.update_customer,
         "UPDATE customers SET name = ?3, language = ?4, email = ?5, address = ?6, updated_ms = ?7 "
         "WHERE tenant = ?1 AND id = ?2"},
        {&w.clear_phones, "DELETE FROM customer_phones WHERE tenant = ?1 AND customer = ?2"},
        {&w.insert_phone, "INSERT INTO customer_phones(tenant, customer, position, phone) VALUES(?1, ?2, ?3, ?4)"},
        {&w.clear_accounts, "DELETE FROM accounts WHERE tenant = ?1 AND customer = ?2"},
        // The customer who held the account until now has changed too.
        {&w.touch_owner,
         "UPDATE customers SET updated_ms = ?3 WHERE tenant = ?1 AND id = "
         "(SELECT customer FROM accounts WHERE tenant = ?1 AND id = ?2)"},
        {&w.take_account, "DELETE FROM accounts WHERE tenant = ?1 AND id = ?2"},
        {&w.insert_account,
         "INSERT INTO accounts(tenant, id, customer, position, kind, status, balance_cents, currency, "
         "last_payment_cents, last_payment_date) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
    };
    for (auto [stmt, text] : sql) {
      auto s = db.prepare(text);
      if (!s) return s.error();
      *stmt = std::move(s.value());
    }
    return w;
  }

  Status write(std::string_view tenant, const model::Customer& c, bool exists, int64_t now) {
    Stmt& row = exists ? update_customer : insert_customer;
    row.bind(1, tenant).bind(2, c.id).bind(3, c.name).bind(4, c.language).bind(5, c.email).bind(6, c.address);
    row.bind(7, now);
    if (Status st = row.run(); !st) return st;
    for (Stmt* clear : {&clear_phones, &clear_accounts}) {
      clear->bind(1, tenant).bind(2, c.id);
      if (Status st = clear->run(); !st) return st;
    }
    int64_t position = 0;
    for (const auto& phone : c.phones) {
      insert_phone.bind(1, tenant).bind(2, c.id).bind(3, position++).bind(4, phone);
      if (Status st = insert_phone.run(); !st) return st;
    }
    position = 0;
    for (const auto& a : c.accounts) {
      touch_owner.bind(1, tenant).bind(2, a.id).bind(3, now);
      if (Status st = touch_owner.run(); !st) return st;
      take_account.bind(1, tenant).bind(2, a.id);
      if (Status st = take_account.run(); !st) return st;
      Stmt& s = insert_account;
      s.bind(1, tenant).bind(2, a.id).bind(3, c.id).bind(4, position++).bind(5, a.kind).bind(6, a.status);
      s.bind(7, a.balance_cents).bind(8, a.currency).bind(9, a.last_payment_cents).bind(10, a.last_payment_date);
      if (Status st = s.run(); !st) return st;
    }
    return {};
  }
};

// "%<digits>" for a phone suffix search, or "" when the text has too few digits.
std::string phone_suffix(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (!digits.empty() || c != '0') digits += c;
    } else if (c != ' ' && c != '+' && c != '.' && c != '-' && c != '(' && c != ')' && c != '/') {
      return {};
    }
  }
  return digits.size() >= 6 ? "%" + digits : std::string();
}

// The full-text query for a name: every word of the text as a prefix ("moh ben"
// → "moh"* "ben"*, both required), quoted so that no character is FTS5 syntax;
// "" when the text holds no letter or digit (nothing to look up by name).
std::string name_query(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\t') ++j;
    const std::string_view word = text.substr(i, j - i);
    i = j;
    // A word of punctuation only would be an empty phrase, which FTS5 refuses.
    bool wordy = false;
    for (unsigned char c : word) wordy = wordy || std::isalnum(c) || c >= 0x80;
    if (!wordy) continue;
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : word) {
      if (c == '"') out += '"';
      out += c;
    }
    out += "\"*";
  }
  return out;
}

}  // namespace

Result<ImportSummary> import_customers(Db& db, std::string_view tenant, const std::vector<model::Customer>& customers,
                                       int64_t now_ms) {
  if (Status st = check_input(db, tenant, customers); !st) return st.error();
  auto scope = WriteScope::start(db, "customers");
  if (!scope) return scope.error();
  auto writer = Writer::prepare(db);
  if (!writer) return writer.error();
  ImportSummary summary;
  for (const auto& c : customers) {
    auto stored = find_customer(db, tenant, c.id);
    if (!stored) return stored.error();
    if (*stored && same_content(**stored, c)) {
      ++summary.unchanged;
      continue;
    }
    if (Status st = writer->write(tenant, c, stored->has_value(), now_ms); !st) {
      return make_error(st.error().code, "customer " + quoted(c.id) + ": " + st.error().message);
    }
    ++(*stored ? summary.updated : summary.created);
  }
  if (Status st = (*scope)->commit(); !st) return st.error();
  return summary;
}

Result<std::optional<model::Customer>> find_customer(Db& db, std::string_view tenant, std::string_view id) {
  auto s = db.prepare(
      "SELECT name, language, email, address, created_ms, updated_ms FROM customers WHERE tenant = ?1 AND id = ?2");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, id);
  auto row = s->step();
  if (!row) return row.error();
  if (!*row) return std::optional<model::Customer>();
  model::Customer c;
  c.tenant = tenant;
  c.id = id;
  c.name = s->text(0);
  c.language = s->text(1);
  c.email = s->text(2);
  c.address = s->text(3);
  c.created_ms = s->int64(4);
  c.updated_ms = s->int64(5);

  auto phones = db.prepare("SELECT phone FROM customer_phones WHERE tenant = ?1 AND customer = ?2 ORDER BY position");
  if (!phones) return phones.error();
  phones->bind(1, tenant).bind(2, id);
  auto list = ids(*phones);
  if (!list) return list.error();
  c.phones = std::move(list.value());

  auto acc = db.prepare(
      "SELECT id, kind, status, balance_cents, currency, last_payment_cents, last_payment_date FROM accounts "
      "WHERE tenant = ?1 AND customer = ?2 ORDER BY position");
  if (!acc) return acc.error();
  acc->bind(1, tenant).bind(2, id);
  for (;;) {
    auto more = acc->step();
    if (!more) return more.error();
    if (!*more) break;
    c.accounts.push_back(
        {acc->text(0), acc->text(1), acc->text(2), acc->int64(3), acc->text(4), acc->int64(5), acc->text(6)});
  }
  return std::optional<model::Customer>(std::move(c));
}

Result<std::optional<model::Customer>> find_customer_by_account(Db& db, std::string_view tenant,
                                                                std::string_view account_id) {
  auto s = db.prepare("SELECT customer FROM accounts WHERE tenant = ?1 AND id = ?2");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, account_id);
  auto owner = ids(*s);
  if (!owner) return owner.error();
  if (owner->empty()) return std::optional<model::Customer>();
  return find_customer(db, tenant, owner->front());
}

Result<std::vector<model::Customer>> find_customers_by_phone(Db& db, std::string_view tenant, std::string_view e164,
                                                             int limit) {
  // `+customer`: ordering by the primary key would make SQLite walk the whole tenant instead of the phone index.
  auto s = db.prepare(
      "SELECT DISTINCT customer FROM customer_phones WHERE tenant = ?1 AND phone = ?2 ORDER BY +customer LIMIT ?3");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, e164).bind(3, int64_t{limit});
  auto owners = ids(*s);
  if (!owners) return owners.error();
  return load_all(db, tenant, *owners);
}

Result<std::vector<model::Customer>> search_customers(Db& db, std::string_view tenant, std::string_view text,
                                                      int limit) {
  if (limit < 1 || limit > Store::kMaxCustomerSearch) {
    return make_error("store.bad_query", "customer search: limit " + std::to_string(limit) + " is outside 1.." +
                                             std::to_string(Store::kMaxCustomerSearch));
  }
  if (text.find_first_not_of(" \t") == std::string_view::npos) {  // no text: the tenant's first customers by name
    auto all = db.prepare("SELECT id FROM customers WHERE tenant = ?1 ORDER BY name, id LIMIT ?2");
    if (!all) return all.error();
    all->bind(1, tenant).bind(2, int64_t{limit});
    auto found = ids(*all);
    if (!found) return found.error();
    return load_all(db, tenant, *found);
  }
  // One indexed look-up per way of finding a customer, then the union in name order. CROSS JOIN keeps
  // SQLite's planner from walking the tenant in name order instead (it has no statistics to know better).
  auto s = db.prepare(
      "SELECT c.id FROM ("
      "SELECT ?2 AS id "
      "UNION SELECT n.id FROM customer_names f CROSS JOIN customers n ON n.rowid = f.rowid "
      "WHERE ?3 != '' AND customer_names MATCH ?3 AND n.tenant = ?1 "
      "UNION SELECT customer FROM accounts WHERE tenant = ?1 AND id = ?2 "
      "UNION SELECT customer_id FROM cases WHERE tenant = ?1 AND reference = upper(?2) "
      "UNION SELECT customer FROM customer_phones WHERE ?4 != '' AND tenant = ?1 AND phone LIKE ?4) m "
      "CROSS JOIN customers c ON c.tenant = ?1 AND c.id = m.id "
      "ORDER BY c.name, c.id LIMIT ?5");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, text).bind(3, name_query(text)).bind(4, phone_suffix(text));
  s->bind(5, int64_t{limit});
  auto found = ids(*s);
  if (!found) return found.error();
  return load_all(db, tenant, *found);
}

}  // namespace plateau::store::sqlite
