// customer.h — a customer of a tenant as the CRM knows it, with its accounts
// (contracts). Read by the IVR (balance, last payment) and, later, the agent
// desktop; written by the CSV import (docs/CRM.md).
//
// Amounts are signed integer cents in the account's currency (a negative
// balance is money owed to the customer). Times are UTC milliseconds since
// the epoch. Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace plateau::model {

struct Account {
  std::string id;      // contract or account number, unique within the tenant, e.g. "MA-2024-0042"
  std::string kind;    // "mobile", "fixed", "internet", "loan"... (free text)
  std::string status;  // "active", "suspended", "closed"... (free text)
  int64_t balance_cents = 0;
  std::string currency;  // "MAD" or "EUR"
  int64_t last_payment_cents = 0;
  std::string last_payment_date;  // "YYYY-MM-DD", or "" when no payment is known
  friend bool operator==(const Account&, const Account&) = default;
};

struct Customer {
  std::string tenant;
  std::string id;        // the tenant's customer number, e.g. "100234"
  std::string name;
  std::string language;  // "fr", "ar", "es", "en", or "" (the tenant's language)
  std::string email;
  std::string address;
  std::vector<std::string> phones;  // E.164, e.g. "+212612345678", in the order given
  std::vector<Account> accounts;    // in the order given
  int64_t created_ms = 0;           // first imported
  int64_t updated_ms = 0;           // last import that changed it
  friend bool operator==(const Customer&, const Customer&) = default;
};

}  // namespace plateau::model
