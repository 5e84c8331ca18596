// customer_csv.h — the CRM's customer import file (CSV) read into customers.
//
// Format (docs/CRM.md): a header line naming the columns, in any order and any
// case: customer_id and name (required), language, email, address, phones
// (several separated by '|'), account_id, account_kind, account_status,
// balance, currency, last_payment, last_payment_date. One line per account: a
// customer with several accounts has several lines with the same customer_id
// and the same customer fields; a customer without accounts has one line with
// the account columns empty. Separator ',' or ';' (read from the header), RFC
// 4180 quoting, UTF-8 with or without BOM, amounts "1234.50" (or "1234,50"
// when the separator is ';').
//
// Contract: parse_customers_csv() fails as a whole ("crm.bad_file") only when
// the header cannot be used: empty file, no separator, a column unknown,
// repeated or missing. Otherwise every line is either taken or reported in
// `rejected` with its line number and the reason; a rejected line rejects its
// whole customer (every other line of that customer is reported too), so a
// customer is imported completely or not at all. An account id may appear only
// once in a file. Phones are normalised with normalize_phone() and the
// options' default country; a customer's repeated phones are kept once.
//
// Thread-safety: pure functions, any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/customer.h"

namespace plateau::crm {

struct ImportOptions {
  std::string tenant;                 // copied into every Customer
  std::string default_country = "MA";  // for national phone numbers (ISO 3166 alpha-2)
};

struct RejectedLine {
  int line = 0;             // physical line of the file where the record starts (the header is line 1)
  std::string customer_id;  // "" when the line has none
  std::string reason;       // e.g. "bad phone \"06-12\""
  friend bool operator==(const RejectedLine&, const RejectedLine&) = default;
};

// "line 12: bad phone \"06-12\""
std::string to_text(const RejectedLine& r);

struct ParsedCustomers {
  std::vector<model::Customer> customers;  // in the order of their first line; times left at 0
  std::vector<RejectedLine> rejected;      // in line order
  int lines = 0;                           // data lines read (blank lines not counted)
};

Result<ParsedCustomers> parse_customers_csv(std::string_view text, const ImportOptions& options = {});

// The shipped demo customers (data/demo/customers.csv, tenant "demo"), built into the binary.
std::string_view demo_customers();

}  // namespace plateau::crm
