#include "metrics/reference.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "metrics/catalogue.h"

namespace plateau::metrics {
namespace {

const std::string kDoc = std::string(PLATEAU_SOURCE_DIR) + "/docs/METRICS.md";

TEST(Reference, NamesEveryMetric) {
  const std::string md = reference_markdown();
  for (const MetricDef& d : catalogue())
    EXPECT_NE(md.find("| `" + std::string(d.name) + "` |"), std::string::npos);
  EXPECT_NE(md.find("`plateau_queue_wait_seconds`: 1, 5, 10, 15, 20, 25, 30"), std::string::npos);
}

// docs/METRICS.md must be exactly what the catalogue generates.
TEST(Reference, DocsMatchTheCatalogue) {
  const std::string want = reference_markdown();
  if (const char* update = std::getenv("PLATEAU_UPDATE_DOCS"); update && std::string(update) == "1") {
    std::ofstream(kDoc, std::ios::binary) << want;
  }
  std::ifstream in(kDoc, std::ios::binary);
  ASSERT_TRUE(in) << kDoc << " is missing; run PLATEAU_UPDATE_DOCS=1 ctest -R metrics_test";
  std::stringstream have;
  have << in.rdbuf();
  EXPECT_TRUE(have.str() == want)
      << kDoc << " differs from the catalogue; run PLATEAU_UPDATE_DOCS=1 ctest -R metrics_test";
}

}  // namespace
}  // namespace plateau::metrics
