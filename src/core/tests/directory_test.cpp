#include <gtest/gtest.h>

#include "core/directory.h"

namespace plateau::core {
namespace {

TEST(Directory, FindsSchedulesByTenantAndName) {
  model::Provisioning p;
  p.tenants.push_back({.name = "demo"});
  p.tenants.push_back({.name = "acme"});
  p.schedules.push_back({.tenant = "demo", .name = "service", .timezone = "Africa/Casablanca"});
  p.schedules.push_back({.tenant = "acme", .name = "service", .timezone = "Europe/Paris"});
  const Directory dir(std::move(p));
  const model::Schedule* demo = dir.schedule("demo", "service");
  ASSERT_NE(demo, nullptr);
  EXPECT_EQ(demo->timezone, "Africa/Casablanca");
  ASSERT_NE(dir.schedule("acme", "service"), nullptr);
  EXPECT_EQ(dir.schedule("acme", "service")->timezone, "Europe/Paris");
  EXPECT_EQ(dir.schedule("demo", "night"), nullptr);
  EXPECT_EQ(dir.schedule("other", "service"), nullptr);
}

}  // namespace
}  // namespace plateau::core
