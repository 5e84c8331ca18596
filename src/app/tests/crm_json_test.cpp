// The timeline as the API writes it: one list in time order.
#include "app/crm_json.h"

#include <gtest/gtest.h>

namespace plateau::app {
namespace {

TEST(CrmJson, TimelineItemsInTimeOrder) {
  store::Timeline t;
  model::CallRecord first, second;
  first.id = "c-1";
  first.start_ms = 100;
  first.ivr_path = R"({"steps":[]})";
  first.attached = R"({"customer.id":"100234"})";
  first.disposition = "sale";
  second.id = "c-2";
  second.start_ms = 400;
  t.calls = {first, second};
  t.notes = {{7, "t1", "100234", "salma", "rappeler", "c-1", 300}};
  model::Case c;
  c.reference = "T1-2026-000001";
  c.created_ms = 400;
  c.history = {{400, "salma", "status", "", "open", ""}};
  t.cases = {c};
  t.dispositions = {{"t1", "c-1", "2001", "sale", "ok", 200}};
  auto j = timeline_json("100234", t);
  EXPECT_EQ(j["customer_id"], "100234");
  std::vector<std::string> kinds;
  for (const auto& i : j["items"]) kinds.push_back(i["type"]);
  // A call and a case at the same time: the call first.
  EXPECT_EQ(kinds, (std::vector<std::string>{"call", "disposition", "note", "call", "case"}));
  const auto& call = j["items"][0]["call"];
  EXPECT_EQ(call["attached"]["customer.id"], "100234");
  EXPECT_TRUE(call["ivr_path"]["steps"].is_array());
  EXPECT_EQ(call["disposition"], "sale");
  EXPECT_TRUE(j["items"][3]["call"]["ivr_path"].is_null());
  EXPECT_FALSE(j["items"][4]["case"].contains("history"));
  EXPECT_EQ(j["items"][1]["disposition"]["note"], "ok");
  EXPECT_EQ(j["items"][2]["note"]["id"], 7);
}

TEST(CrmJson, ACaseWithItsHistory) {
  model::Case c;
  c.reference = "T1-2026-000001";
  c.history = {{1, "a", "status", "", "open", ""}, {2, "b", "owner", "", "karim", "pris"}};
  auto j = case_json(c, true);
  ASSERT_EQ(j["history"].size(), 2u);
  EXPECT_EQ(j["history"][1], (nlohmann::json{{"ts_ms", 2}, {"actor", "b"}, {"field", "owner"}, {"old", ""},
                                             {"new", "karim"}, {"note", "pris"}}));
}

}  // namespace
}  // namespace plateau::app
