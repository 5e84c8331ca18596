#include "metrics/reference.h"

#include "metrics/catalogue.h"
#include "metrics/text_format.h"

namespace plateau::metrics {

namespace {

// A pipe inside a table cell would end the cell.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string reference_markdown() {
  std::string out =
      "# Metrics\n"
      "\n"
      "<!-- Generated from src/metrics/catalogue.cpp by plateau::metrics::reference_markdown(); do not "
      "edit.\n"
      "     Regenerate: PLATEAU_UPDATE_DOCS=1 ctest -R metrics_test -->\n"
      "\n"
      "Plateau serves these metrics on `GET /metrics` (no token needed) in the Prometheus text format "
      "0.0.4.\n"
      "Units are base units (seconds, bytes); counters end in `_total`. Labels only take values from "
      "bounded\n"
      "sets (queue names, directions, outcomes, states): phone numbers, call ids and agent ids are never "
      "labels,\n"
      "they belong in call records and reports.\n"
      "\n"
      "| metric | type | labels | help |\n"
      "| --- | --- | --- | --- |\n";
  for (const MetricDef& d : catalogue()) {
    std::string labels;
    for (std::string_view l : d.labels) labels += (labels.empty() ? "`" : ", `") + std::string(l) + "`";
    out += "| `" + std::string(d.name) + "` | " + std::string(type_name(d.type)) + " | " + labels + " | " +
           cell(d.help) + " |\n";
  }
  out += "\n## Histogram buckets\n\n";
  for (const MetricDef& d : catalogue()) {
    if (d.type != Type::histogram) continue;
    out += "- `" + std::string(d.name) + "`: ";
    for (size_t i = 0; i < d.buckets.size(); ++i) out += (i ? ", " : "") + format_value(d.buckets[i]);
    out += ", +Inf\n";
  }
  return out;
}

}  // namespace plateau::metrics
