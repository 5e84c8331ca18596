#include "crm/csv_reader.h"

#include <cstdint>

namespace plateau::crm {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Walks the text one record at a time, counting physical lines.
class Scanner {
 public:
  Scanner(std::string_view text, char sep) : s_(text), sep_(sep) {}

  bool done() const { return p_ >= s_.size(); }

  CsvRecord next() {
    CsvRecord r;
    r.line = line_;
    for (;;) {
      std::string field;
      skip_spaces();
      if (peek() == '"') {
        if (!quoted(field, r)) return r;  // unterminated: the rest of the file is gone
        skip_spaces();
        if (!at_field_end()) {
          fail(r, "text after the closing quote of field " + std::to_string(r.fields.size() + 1));
          skip_line();
          return r;
        }
      } else {
        while (!at_field_end()) {
          if (s_[p_] == '"' && r.error.empty()) {
            fail(r, "a quote inside field " + std::to_string(r.fields.size() + 1) +
                        ", which is not quoted (write \"\" inside a quoted field)");
          }
          field += s_[p_++];
        }
      }
      if (r.error.empty() && !valid_utf8(field)) {
        fail(r, "field " + std::to_string(r.fields.size() + 1) + " is not valid UTF-8 (save the file as UTF-8)");
      }
      r.fields.push_back(std::move(field));
      if (p_ < s_.size() && s_[p_] == sep_) {
        ++p_;
        continue;
      }
      end_of_line();
      return r;
    }
  }

 private:
  char peek() const { return p_ < s_.size() ? s_[p_] : '\0'; }
  bool at_field_end() const { return p_ >= s_.size() || s_[p_] == sep_ || s_[p_] == '\n' || s_[p_] == '\r'; }
  void skip_spaces() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t')) ++p_;
  }
  static void fail(CsvRecord& r, std::string why) {
    if (r.error.empty()) r.error = std::move(why);
  }
  void end_of_line() {
    if (p_ >= s_.size()) return;
    if (s_[p_] == '\r' && p_ + 1 < s_.size() && s_[p_ + 1] == '\n') ++p_;
    ++p_;
    ++line_;
  }
  void skip_line() {
    while (p_ < s_.size() && s_[p_] != '\n' && s_[p_] != '\r') ++p_;
    end_of_line();
  }
  // At the opening quote: reads up to the closing one.
  bool quoted(std::string& out, CsvRecord& r) {
    const int opened = line_;
    ++p_;
    while (p_ < s_.size()) {
      const char c = s_[p_++];
      if (c == '"') {
        if (peek() != '"') return true;
        ++p_;
        out += '"';
        continue;
      }
      if (c == '\n' || (c == '\r' && peek() != '\n')) ++line_;
      out += c;
    }
    fail(r, "a quote opened on line " + std::to_string(opened) + " is never closed");
    return false;
  }

  std::string_view s_;
  char sep_;
  size_t p_ = 0;
  int line_ = 1;
};

bool blank(const CsvRecord& r) {
  if (!r.error.empty()) return false;
  for (const auto& f : r.fields) {
    if (f.find_first_not_of(" \t") != std::string::npos) return false;
  }
  return true;
}

// The separator the header line holds more of, outside quotes; '\0' for none.
char detect_separator(std::string_view text) {
  int commas = 0, semicolons = 0;
  bool in_quotes = false;
  for (char c : text) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    semicolons += c == ';';
  }
  if (commas == 0 && semicolons == 0) return '\0';
  return semicolons > commas ? ';' : ',';
}

}  // namespace

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<uint8_t>(s[i]);
    int more = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      more = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      more = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      more = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<size_t>(more) >= s.size()) return false;
    for (int k = 1; k <= more; ++k) {
      const auto cc = static_cast<uint8_t>(s[i + static_cast<size_t>(k)]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[more] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<size_t>(more) + 1;
  }
  return true;
}

Result<CsvTable> read_csv(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return make_error("crm.bad_file", "the file is empty: the first line must name the columns");
  }
  // Blank lines before the header are tolerated.
  const char sep = detect_separator(text.substr(text.find_first_not_of("\r\n")));
  if (sep == '\0') {
    return make_error("crm.bad_file",
                      "the header line has neither ',' nor ';' between column names (customer_id,name,...)");
  }
  CsvTable t;
  t.separator = sep;
  Scanner scan(text, sep);
  bool header_seen = false;
  while (!scan.done()) {
    CsvRecord r = scan.next();
    if (blank(r)) continue;
    if (!header_seen) {
      if (!r.error.empty()) return make_error("crm.bad_file", "header line " + std::to_string(r.line) + ": " + r.error);
      t.header = std::move(r);
      header_seen = true;
      continue;
    }
    t.records.push_back(std::move(r));
  }
  return t;
}

}  // namespace plateau::crm
