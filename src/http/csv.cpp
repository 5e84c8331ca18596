#include "http/csv.h"

#include <charconv>
#include <cmath>

namespace plateau::http {

Result<CsvProfile> parse_csv_profile(std::string_view name) {
  if (name == "standard") return CsvProfile::standard;
  if (name == "excel") return CsvProfile::excel;
  return make_error("http.csv_profile",
                    "unknown CSV profile \"" + std::string(name) + "\" (expected \"standard\" or \"excel\")");
}

std::string csv_content_type(CsvProfile) { return "text/csv; charset=utf-8"; }

CsvWriter::CsvWriter(CsvProfile profile) : profile_(profile), sep_(profile == CsvProfile::excel ? ';' : ',') {
  if (profile_ == CsvProfile::excel) out_ = "\xEF\xBB\xBF";
}

void CsvWriter::row(std::initializer_list<Cell> cells) {
  bool first = true;
  for (const Cell& c : cells) {
    if (!first) out_ += sep_;
    first = false;
    cell(c);
  }
  out_ += "\r\n";
}

void CsvWriter::row(const std::vector<Cell>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out_ += sep_;
    cell(cells[i]);
  }
  out_ += "\r\n";
}

void CsvWriter::cell(const Cell& c) {
  const auto& v = c.value();
  if (const auto* i = std::get_if<int64_t>(&v)) {
    out_ += std::to_string(*i);
    return;
  }
  if (const auto* d = std::get_if<double>(&v)) {
    if (!std::isfinite(*d)) return;
    char buf[64];
    // Plain decimal notation: spreadsheets in every locale read it, unlike 1e-05.
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d, std::chars_format::fixed);
    if (ec != std::errc()) return;
    std::string s(buf, end);
    if (profile_ == CsvProfile::excel)
      for (char& ch : s)
        if (ch == '.') ch = ',';
    out_ += s;
    return;
  }
  const std::string& text = std::get<std::string>(v);
  std::string field;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r'))
    field = "'";
  field += text;
  if (field.find_first_of(std::string{sep_, '"', '\r', '\n'}) == std::string::npos) {
    out_ += field;
    return;
  }
  out_ += '"';
  for (char ch : field) {
    if (ch == '"') out_ += '"';
    out_ += ch;
  }
  out_ += '"';
}

std::string to_csv(CsvProfile profile, const std::vector<std::string>& header,
                   const std::vector<std::vector<Cell>>& rows) {
  CsvWriter w(profile);
  std::vector<Cell> h(header.begin(), header.end());
  w.row(h);
  for (const auto& r : rows) w.row(r);
  return w.take();
}

}  // namespace plateau::http
