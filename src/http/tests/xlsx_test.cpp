#include "http/xlsx.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace plateau::http {
namespace {

namespace fs = std::filesystem;

// Writes `bytes` to a file and reads it back with openpyxl (python3-openpyxl, a
// real XLSX reader): the sheet names, the frozen pane, each cell's value and
// type (n = number, s = string, f = formula), whether row 1 is bold, the widths.
nlohmann::json read_with_openpyxl(const std::string& bytes) {
  const fs::path dir = fs::temp_directory_path() / ("xlsx_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "book.xlsx", out = dir / "cells.json", script = dir / "read.py";
  std::ofstream(file, std::ios::binary) << bytes;
  std::ofstream(script) << R"(import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
rows = [[{"v": c.value, "t": c.data_type, "bold": bool(c.font.b)} for c in r] for r in ws.iter_rows()]
widths = {k: v.width for k, v in ws.column_dimensions.items()}
json.dump({"sheets": wb.sheetnames, "freeze": ws.freeze_panes, "rows": rows, "widths": widths},
          open(sys.argv[2], "w"))
)";
  const std::string cmd = "/usr/bin/python3 " + script.string() + " " + file.string() + " " + out.string();
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream in(out);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  fs::remove_all(dir);
  return j;
}

TEST(Xlsx, NumbersAreNumbersTextIsTextAndTheHeaderIsBoldAndFrozen) {
  auto bytes = to_xlsx("Appels", {"queue", "offered", "sl", "caller"},
                       {{"support", 12, 0.75, "=HYPERLINK(\"http://x\")"},
                        {"ventes/été", int64_t{-3}, std::numeric_limits<double>::quiet_NaN(), "+33612345678"}});
  ASSERT_TRUE(bytes) << bytes.error().message;
  ASSERT_EQ(bytes->substr(0, 2), "PK");  // a zip container
  auto j = read_with_openpyxl(*bytes);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["sheets"], nlohmann::json::array({"Appels"}));
  EXPECT_EQ(j["freeze"], "A2");
  const auto& rows = j["rows"];
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& c : rows[0]) {
    EXPECT_TRUE(c["bold"].get<bool>());
    EXPECT_EQ(c["t"], "s");
  }
  EXPECT_EQ(rows[0][3]["v"], "caller");
  EXPECT_EQ(rows[1][0]["v"], "support");
  EXPECT_EQ(rows[1][1]["t"], "n");
  EXPECT_EQ(rows[1][1]["v"], 12);
  EXPECT_EQ(rows[1][2]["v"], 0.75);
  EXPECT_EQ(rows[1][3]["t"], "s");  // not "f": never a formula
  EXPECT_EQ(rows[1][3]["v"], "=HYPERLINK(\"http://x\")");
  EXPECT_FALSE(rows[1][0]["bold"].get<bool>());
  EXPECT_EQ(rows[2][0]["v"], "ventes/été");
  EXPECT_EQ(rows[2][1]["v"], -3);
  EXPECT_TRUE(rows[2][2]["v"].is_null());  // NaN: empty
  EXPECT_EQ(rows[2][3]["v"], "+33612345678");
  // Widths follow the longest value: "=HYPERLINK(...)" (22 characters) + 2, stored by Excel's rule
  // with the padding of its default font (24 -> 24.7109375); "offered" (7) + 2 -> 9.7109375.
  EXPECT_NEAR(j["widths"]["D"].get<double>(), 24.71, 0.01);
  EXPECT_NEAR(j["widths"]["B"].get<double>(), 9.71, 0.01);
}

TEST(Xlsx, SheetNamesAreMadeValid) {
  auto bytes = to_xlsx("KPI 2026/12/01 [support] : intervalles de 30 minutes", {"a"}, {});
  ASSERT_TRUE(bytes) << bytes.error().message;
  auto j = read_with_openpyxl(*bytes);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["sheets"][0], "KPI 2026_12_01 _support_ _ inte");
}

TEST(Xlsx, AMissingTemporaryDirectoryIsAnError) {
  auto bytes = to_xlsx("x", {"a"}, {{1}}, "/nonexistent/dir");
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().code, "http.xlsx");
}

}  // namespace
}  // namespace plateau::http
