// csv.h — rows to CSV text, for report exports.
//
// Two profiles:
//   standard: RFC 4180 — ',' separator, '.' decimals, UTF-8 without BOM, CRLF.
//   excel:    what French/Spanish Excel opens correctly by double-click —
//             ';' separator, decimal comma in numeric cells, UTF-8 BOM, CRLF.
// Cells are typed: a number cell is written as a number (so -12 stays -12); a
// text cell that starts with = + - @ TAB or CR gets a leading single quote, so a
// spreadsheet never evaluates it as a formula (CSV injection). Fields holding the
// separator, a double quote, CR or LF are quoted, quotes doubled. NaN and
// infinities are written as empty cells.
//
// Pure; any thread (a CsvWriter is one thread's value).
#pragma once

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"

namespace plateau::http {

enum class CsvProfile { standard, excel };

// "standard" or "excel"; error code "http.csv_profile".
Result<CsvProfile> parse_csv_profile(std::string_view name);

// "text/csv; charset=utf-8" for both (the BOM is in the body).
std::string csv_content_type(CsvProfile profile);

class Cell {
 public:
  Cell() = default;                                       // empty
  Cell(std::string text) : v_(std::move(text)) {}         // NOLINT(google-explicit-constructor)
  Cell(std::string_view text) : v_(std::string(text)) {}  // NOLINT(google-explicit-constructor)
  Cell(const char* text) : v_(std::string(text)) {}       // NOLINT(google-explicit-constructor)
  Cell(double number) : v_(number) {}                     // NOLINT(google-explicit-constructor)
  template <std::integral I>
  requires(!std::same_as<I, bool> && !std::same_as<I, char>) Cell(I number)
      : v_(static_cast<int64_t>(number)) {}  // NOLINT(google-explicit-constructor)

  const std::variant<std::string, int64_t, double>& value() const { return v_; }

 private:
  std::variant<std::string, int64_t, double> v_;
};

class CsvWriter {
 public:
  explicit CsvWriter(CsvProfile profile);  // the excel profile starts with the BOM

  void row(const std::vector<Cell>& cells);
  void row(std::initializer_list<Cell> cells);
  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void cell(const Cell& c);
  CsvProfile profile_;
  char sep_;
  std::string out_;
};

// Header row (text cells) then the rows.
std::string to_csv(CsvProfile profile, const std::vector<std::string>& header,
                   const std::vector<std::vector<Cell>>& rows);

}  // namespace plateau::http
