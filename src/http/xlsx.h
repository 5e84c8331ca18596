// xlsx.h — rows to an Excel workbook (.xlsx), for report exports.
//
// One worksheet named `sheet` (cut to Excel's 31 characters, characters Excel
// forbids in sheet names replaced by '_'): a bold header row, frozen, then the
// rows. Cells are typed as in csv.h: number cells are written as numbers,
// text cells always as text (a text starting with '=' is shown as typed and
// never evaluated: libxlsxwriter's worksheet_write_string makes no formula).
// NaN and infinities are left empty. Column widths follow the longest value
// of each column (in characters, between 6 and 60).
//
// libxlsxwriter 1.1.4 (Debian 12) writes to a file only: the workbook goes to a
// temporary file in `tmpdir` (default: the system's temporary directory),
// is read back and removed. Errors: "http.xlsx" (with libxlsxwriter's reason).
//
// Any thread (blocks on the disk: not on the app thread for large exports).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "http/csv.h"

namespace plateau::http {

// "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
std::string xlsx_content_type();

Result<std::string> to_xlsx(std::string_view sheet, const std::vector<std::string>& header,
                            const std::vector<std::vector<Cell>>& rows, const std::filesystem::path& tmpdir = {});

}  // namespace plateau::http
