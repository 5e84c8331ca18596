#include "http/csv.h"

#include <limits>

#include <gtest/gtest.h>

namespace plateau::http {
namespace {

TEST(Csv, StandardProfile) {
  std::string out = to_csv(CsvProfile::standard, {"queue", "calls", "wait"},
                           {{"sales", 12, 3.5}, {"a,b", -12, -0.25}, {"say \"hi\"", int64_t{0}, 1e-5}});
  EXPECT_EQ(out,
            "queue,calls,wait\r\n"
            "sales,12,3.5\r\n"
            "\"a,b\",-12,-0.25\r\n"
            "\"say \"\"hi\"\"\",0,0.00001\r\n");
}

TEST(Csv, ExcelProfile) {
  std::string out =
      to_csv(CsvProfile::excel, {"file", "durée"}, {{"a;b", 3.25}, {"x,y", -12}, {"ok", 1234.5}});
  EXPECT_EQ(out,
            "\xEF\xBB\xBF"
            "file;durée\r\n"
            "\"a;b\";3,25\r\n"
            "x,y;-12\r\n"
            "ok;1234,5\r\n");
}

TEST(Csv, FormulaInjectionIsNeutralised) {
  for (CsvProfile p : {CsvProfile::standard, CsvProfile::excel}) {
    CsvWriter w(p);
    w.row({"=HYPERLINK(\"http://x\")", "+33612345678", "-12", "@SUM(A1)", "\tx", "safe", -12, -1.5});
    std::string text = w.take();
    if (p == CsvProfile::excel) text = text.substr(3);
    const char s = p == CsvProfile::excel ? ';' : ',';
    const std::string want = std::string("\"'=HYPERLINK(\"\"http://x\"\")\"") + s + "'+33612345678" + s +
                             "'-12" + s + "'@SUM(A1)" + s + "'\tx" + s + "safe" + s + "-12" + s +
                             (p == CsvProfile::excel ? "-1,5" : "-1.5") + "\r\n";
    EXPECT_EQ(text, want);
  }
  CsvWriter w(CsvProfile::standard);
  w.row({"\rcmd"});
  EXPECT_EQ(w.text(), "\"'\rcmd\"\r\n");
}

TEST(Csv, EmptyAndNonFiniteCells) {
  CsvWriter w(CsvProfile::standard);
  w.row({Cell(), std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), ""});
  EXPECT_EQ(w.text(), ",,,\r\n");
}

TEST(Csv, MultilineText) {
  CsvWriter w(CsvProfile::standard);
  w.row({"line1\nline2", "x"});
  EXPECT_EQ(w.text(), "\"line1\nline2\",x\r\n");
}

TEST(Csv, Profiles) {
  EXPECT_EQ(*parse_csv_profile("excel"), CsvProfile::excel);
  EXPECT_EQ(*parse_csv_profile("standard"), CsvProfile::standard);
  auto bad = parse_csv_profile("xlsx");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "http.csv_profile");
  EXPECT_EQ(csv_content_type(CsvProfile::excel), "text/csv; charset=utf-8");
}

}  // namespace
}  // namespace plateau::http
