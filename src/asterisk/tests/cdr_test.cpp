#include "asterisk/cdr.h"

#include <gtest/gtest.h>

namespace plateau::asterisk {
namespace {

std::string text(const http::Cell& c) {
  const auto& v = c.value();
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  return std::to_string(std::get<double>(v));
}

model::CallRecord answered() {
  model::CallRecord r;
  r.id = "c-1";
  r.tenant = "t1";
  r.caller = "0611";
  r.number = "0522";
  r.queue = "support";
  r.agent = "a001";
  r.start_ms = 1772352000000;   // 2026-03-01T08:00:00Z
  r.answer_ms = r.start_ms + 12500;
  r.end_ms = r.start_ms + 72900;
  r.wait_ms = 12000;
  r.ring_ms = 3000;
  r.talk_ms = 60400;
  r.hold_ms = 5000;
  r.outcome = model::CallOutcome::Answered;
  r.disposition = "sale";
  r.recording = "recordings/t1/c-1.wav";
  r.recording_notice = true;
  r.transfers = R"([{"mode":"blind"}])";
  return r;
}

TEST(Cdr, AsteriskColumnsThenContactCentreFieldsInTheTenantsZone) {
  ASSERT_EQ(cdr_header().size(), 31u);
  EXPECT_EQ(cdr_header()[0], "accountcode");
  EXPECT_EQ(cdr_header()[17], "userfield");
  EXPECT_EQ(cdr_header()[18], "linkedid");
  auto rows = cdr_rows({answered()}, "Africa/Casablanca", {{"c-1", 15000}});
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  std::vector<std::string> got;
  for (const auto& c : rows->at(0)) got.push_back(text(c));
  // Casablanca is UTC+1 outside Ramadan (2026-02-18..03-20 it is UTC+0: the tz database knows).
  const std::vector<std::string> want{"t1", "0611", "0522", "t1", "\"\" <0611>", "PJSIP/0611", "Agent/a001", "Queue",
                                      "support", "2026-03-01 08:00:00", "2026-03-01 08:00:12", "2026-03-01 08:01:12",
                                      "72", "60", "ANSWERED", "DOCUMENTATION", "c-1", "", "c-1", "support", "a001",
                                      "12.000000", "3.000000", "60.400000", "5.000000", "15.000000", "1", "", "sale",
                                      "recordings/t1/c-1.wav", "yes"};
  EXPECT_EQ(got, want);
  auto paris = cdr_rows({answered()}, "Europe/Paris");
  ASSERT_TRUE(paris);
  EXPECT_EQ(text(paris->at(0)[9]), "2026-03-01 09:00:00");
}

TEST(Cdr, Dispositions) {
  auto r = answered();
  r.answer_ms = 0;
  r.outcome = model::CallOutcome::Abandoned;
  EXPECT_EQ(cdr_disposition(r), "NO ANSWER");
  auto rows = cdr_rows({r}, "UTC");
  ASSERT_TRUE(rows);
  EXPECT_EQ(text(rows->at(0)[10]), "");  // no answer time
  EXPECT_EQ(text(rows->at(0)[13]), "0");  // billsec
  r.outcome = model::CallOutcome::Rejected;
  EXPECT_EQ(cdr_disposition(r), "FAILED");
  r.outcome = model::CallOutcome::NoAnswer;
  r.reason = "callback: 486 Busy Here";
  EXPECT_EQ(cdr_disposition(r), "BUSY");
  r.outcome = model::CallOutcome::IvrServed;
  EXPECT_EQ(cdr_disposition(r), "ANSWERED");
}

TEST(Cdr, UnknownZoneIsAnError) {
  auto rows = cdr_rows({answered()}, "Mars/Olympus");
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, "cdr.time_zone");
}

TEST(Cdr, AfterCallWorkGoesToTheCallTheAgentLastEnded) {
  const std::vector<EventRow> events{
      {1000, "t1", "call.ended", "c-1", "a001", R"({"outcome":"answered"})"},
      {1000, "t1", "agent.state", "c-1", "a001", R"({"from":"busy","to":"wrap_up","in_previous_ms":60000})"},
      {16000, "t1", "agent.state", "", "a001", R"({"from":"wrap_up","to":"ready","in_previous_ms":15000})"},
      {17000, "t1", "call.ended", "c-2", "a002", "{}"},
      {20000, "t1", "agent.state", "", "a002", R"({"from":"wrap_up","to":"not_ready","in_previous_ms":3000})"},
  };
  auto acw = acw_by_call(events);
  EXPECT_EQ(acw, (std::map<std::string, int64_t>{{"c-1", 15000}, {"c-2", 3000}}));
}

}  // namespace
}  // namespace plateau::asterisk
