#include "http/xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unistd.h>

namespace plateau::http {

namespace {

constexpr size_t kMaxSheetName = 31;
constexpr double kMinWidth = 6, kMaxWidth = 60;

std::string sheet_name(std::string_view in) {
  std::string s;
  size_t chars = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    const bool starts = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts && ++chars > kMaxSheetName) break;
    s += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  }
  return s.empty() ? "Sheet1" : s;
}

// Characters, not bytes: UTF-8 continuation bytes do not count.
size_t text_width(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

size_t cell_width(const Cell& c) {
  const auto& v = c.value();
  if (const auto* t = std::get_if<std::string>(&v)) return text_width(*t);
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i).size();
  std::ostringstream o;
  o << std::get<double>(v);
  return o.str().size();
}

Error xlsx_error(const std::string& what, lxw_error e) {
  return make_error("http.xlsx", "cannot write the XLSX workbook: " + what + ": " + lxw_strerror(e));
}

struct Workbook {
  lxw_workbook* wb = nullptr;
  ~Workbook() {
    if (wb) workbook_close(wb);  // only on an error path: frees it
  }
};

struct RemoveFile {
  std::string path;
  ~RemoveFile() {
    if (!path.empty()) std::remove(path.c_str());
  }
};

}  // namespace

std::string xlsx_content_type() { return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"; }

Result<std::string> to_xlsx(std::string_view sheet, const std::vector<std::string>& header,
                            const std::vector<std::vector<Cell>>& rows, const std::filesystem::path& tmpdir) {
  std::error_code ec;
  const std::filesystem::path dir = tmpdir.empty() ? std::filesystem::temp_directory_path(ec) : tmpdir;
  if (ec) return make_error("http.xlsx", "no temporary directory for the XLSX workbook: " + ec.message());
  std::string tmpl = (dir / "plateau-xlsx-XXXXXX").string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return make_error("http.xlsx", "cannot create a temporary file in " + dir.string());
  ::close(fd);
  RemoveFile cleanup{tmpl};

  std::string tmpdir_s = dir.string();
  lxw_workbook_options options{};
  options.constant_memory = 0;
  options.tmpdir = tmpdir_s.data();
  Workbook book;
  book.wb = workbook_new_opt(tmpl.c_str(), &options);
  if (!book.wb) return make_error("http.xlsx", "cannot create the XLSX workbook in " + dir.string());
  const std::string name = sheet_name(sheet);
  lxw_worksheet* ws = workbook_add_worksheet(book.wb, name.c_str());
  if (!ws) return make_error("http.xlsx", "cannot add the worksheet \"" + name + "\"");
  lxw_format* bold = workbook_add_format(book.wb);
  format_set_bold(bold);

  size_t columns = header.size();
  for (const auto& r : rows) columns = std::max(columns, r.size());
  std::vector<size_t> width(columns, 0);

  for (size_t c = 0; c < header.size(); ++c) {
    if (lxw_error e = worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold))
      return xlsx_error("header", e);
    width[c] = text_width(header[c]);
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const auto& v = rows[r][c].value();
      lxw_error e = LXW_NO_ERROR;
      if (const auto* t = std::get_if<std::string>(&v)) {
        if (!t->empty()) e = worksheet_write_string(ws, row, col, t->c_str(), nullptr);
      } else if (const auto* i = std::get_if<int64_t>(&v)) {
        e = worksheet_write_number(ws, row, col, static_cast<double>(*i), nullptr);
      } else if (double d = std::get<double>(v); std::isfinite(d)) {
        e = worksheet_write_number(ws, row, col, d, nullptr);
      }
      if (e) return xlsx_error("row " + std::to_string(r + 1), e);
      width[c] = std::max(width[c], cell_width(rows[r][c]));
    }
  }
  for (size_t c = 0; c < columns; ++c) {
    const double w = std::clamp(static_cast<double>(width[c]) + 2, kMinWidth, kMaxWidth);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);

  lxw_workbook* wb = book.wb;
  book.wb = nullptr;
  if (lxw_error e = workbook_close(wb)) return xlsx_error("closing", e);

  std::ifstream in(tmpl, std::ios::binary);
  if (!in) return make_error("http.xlsx", "cannot read back the XLSX workbook " + tmpl);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return bytes;
}

}  // namespace plateau::http
