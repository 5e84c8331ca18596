// csv_reader.h — RFC 4180 records out of a text file (private to the CRM import).
//
// The text is UTF-8, with or without a byte-order mark. The separator is ','
// or ';', whichever the header line (the first record) holds more of outside
// quotes. Records end with CRLF, LF or CR; a quoted field ("...", "" for a
// quote) may hold separators, quotes and line ends; spaces around a quoted
// field are ignored. Blank records (nothing, or only separators and spaces)
// are skipped.
//
// A broken record (a quote inside an unquoted field, text after a closing
// quote, a quote never closed, bytes that are not UTF-8) is returned with its
// `error` set, so that the caller reports it and goes on; a quote never closed
// swallows the rest of the file into that one record.
//
// Thread-safety: pure functions, any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace plateau::crm {

struct CsvRecord {
  int line = 0;  // physical line (1-based) where the record starts
  std::vector<std::string> fields;
  std::string error;  // empty when the record is well formed
};

struct CsvTable {
  char separator = ',';
  CsvRecord header;
  std::vector<CsvRecord> records;  // the data records, header excluded
};

// Fails ("crm.bad_file") only when there is no header: an empty file, a header
// without separator, or a broken header record.
Result<CsvTable> read_csv(std::string_view text);

bool valid_utf8(std::string_view s);

}  // namespace plateau::crm
