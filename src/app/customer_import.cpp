#include "app/customer_import.h"

namespace plateau::app {

Result<CustomerImport> import_customer_csv(store::Store& store, std::string_view tenant, std::string_view csv,
                                           std::string_view country) {
  auto parsed = crm::parse_customers_csv(csv, {.tenant = std::string(tenant), .default_country = std::string(country)});
  if (!parsed) return parsed.error();
  CustomerImport out{.parsed = std::move(parsed.value())};
  auto summary = store.import_customers(tenant, out.parsed.customers);
  if (!summary) return summary.error();
  out.summary = *summary;
  return out;
}

std::string to_text(const CustomerImport& import) {
  std::string out = store::to_text(import.summary);
  for (const auto& r : import.parsed.rejected) out += crm::to_text(r) + "\n";
  return out;
}

}  // namespace plateau::app
