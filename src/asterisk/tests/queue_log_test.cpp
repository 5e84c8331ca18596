#include "asterisk/queue_log.h"

#include <gtest/gtest.h>

namespace plateau::asterisk {
namespace {

EventRow ev(int64_t ts_ms, std::string kind, std::string call, std::string agent, std::string data) {
  return EventRow{ts_ms, "t1", std::move(kind), std::move(call), std::move(agent), std::move(data)};
}

QueueLogOptions support_only() {
  return {[](const std::string& tenant, const std::string&) {
    return tenant == "t1" ? std::vector<std::string>{"support", "ventes"} : std::vector<std::string>{};
  }};
}

constexpr int64_t T = 1764576000000;  // 2025-12-01T08:00:00Z

TEST(QueueLog, ADayOfOneAgentAndThreeCallers) {
  const std::vector<EventRow> events{
      ev(T, "agent.state", "", "a001", R"({"from":"logged_out","to":"not_ready","reason":"login"})"),
      ev(T + 5000, "agent.state", "", "a001", R"({"from":"not_ready","to":"ready","reason":""})"),
      ev(T + 10000, "call.arrived", "c-1", "", R"({"number":"0522","caller":"0611"})"),
      ev(T + 10200, "call.queued", "c-1", "", R"({"queue":"support"})"),
      ev(T + 10300, "call.offered", "c-1", "a001", R"({"queue":"support","caller":"0611"})"),
      ev(T + 10300, "agent.state", "c-1", "a001", R"({"from":"ready","to":"reserved"})"),
      ev(T + 25300, "call.ring_no_answer", "c-1", "a001", R"({"reason":"ring_no_answer"})"),
      ev(T + 26000, "call.arrived", "c-2", "", R"({"caller":"0622|x"})"),
      ev(T + 26100, "call.queued", "c-2", "", R"({"queue":"support"})"),
      ev(T + 30000, "call.offered", "c-1", "a001", R"({"queue":"support"})"),
      ev(T + 33500, "call.answered", "c-1", "a001", "{}"),
      ev(T + 40000, "call.arrived", "c-3", "", R"({"caller":"=cmd"})"),
      ev(T + 40000, "call.queued", "c-3", "", R"({"queue":"support"})"),
      ev(T + 46100, "call.ended", "c-2", "", R"({"outcome":"abandoned","reason":"caller_hangup"})"),
      ev(T + 93500, "call.ended", "c-1", "a001", R"({"outcome":"answered","reason":"caller_hangup"})"),
      ev(T + 100000, "call.ended", "c-3", "", R"({"outcome":"no_agent","reason":"max_wait"})"),
      ev(T + 110000, "agent.state", "", "a001", R"({"from":"wrap_up","to":"not_ready","reason":"lunch"})"),
      ev(T + 3710000, "agent.state", "", "a001", R"({"from":"not_ready","to":"logged_out","reason":"logout"})"),
  };
  EXPECT_EQ(format_queue_log(events, 0, support_only()),
            "1764576000|NONE|NONE|Agent/a001|AGENTLOGIN|Agent/a001\n"
            "1764576000|NONE|support|Agent/a001|ADDMEMBER|\n"
            "1764576000|NONE|ventes|Agent/a001|ADDMEMBER|\n"
            "1764576000|NONE|support|Agent/a001|PAUSE|login\n"
            "1764576000|NONE|ventes|Agent/a001|PAUSE|login\n"
            "1764576005|NONE|support|Agent/a001|UNPAUSE|\n"
            "1764576005|NONE|ventes|Agent/a001|UNPAUSE|\n"
            "1764576010|c-1|support|NONE|ENTERQUEUE||0611|1\n"
            "1764576025|c-1|support|Agent/a001|RINGNOANSWER|15000\n"
            "1764576026|c-2|support|NONE|ENTERQUEUE||0622_x|2\n"
            "1764576033|c-1|support|Agent/a001|CONNECT|23|c-1.1|3\n"
            "1764576040|c-3|support|NONE|ENTERQUEUE||=cmd|2\n"
            "1764576046|c-2|support|NONE|ABANDON|1|2|20\n"
            "1764576093|c-1|support|Agent/a001|COMPLETECALLER|23|60|1\n"
            "1764576100|c-3|support|NONE|EXITWITHTIMEOUT|1|2|60\n"
            "1764576110|NONE|support|Agent/a001|PAUSE|lunch\n"
            "1764576110|NONE|ventes|Agent/a001|PAUSE|lunch\n"
            "1764579710|NONE|support|Agent/a001|REMOVEMEMBER|\n"
            "1764579710|NONE|ventes|Agent/a001|REMOVEMEMBER|\n"
            "1764579710|NONE|NONE|Agent/a001|AGENTLOGOFF|Agent/a001|3710\n");
}

TEST(QueueLog, TransferAgentHangupCallbackAndOverflow) {
  const std::vector<EventRow> events{
      ev(T, "call.arrived", "c-1", "", R"({"caller":"0611"})"),
      ev(T, "call.queued", "c-1", "", R"({"queue":"support"})"),
      ev(T + 1000, "call.offered", "c-1", "a001", "{}"),
      ev(T + 3000, "call.answered", "c-1", "a001", "{}"),
      ev(T + 63000, "call.transferred", "c-1", "a001",
         R"({"mode":"blind","to_type":"queue","target":"ventes","to_agent":""})"),
      ev(T + 63000, "call.queued", "c-1", "", R"({"queue":"ventes"})"),
      ev(T + 64000, "call.offered", "c-1", "a002", "{}"),
      ev(T + 66000, "call.answered", "c-1", "a002", "{}"),
      ev(T + 96000, "call.ended", "c-1", "a002", R"({"outcome":"answered","reason":"agent_hangup"})"),
      ev(T + 100000, "call.queued", "c-2", "", R"({"queue":"support","caller":"0633"})"),
      ev(T + 130000, "call.ended", "c-2", "", R"({"outcome":"callback_requested","reason":"callback"})"),
      ev(T + 200000, "call.queued", "c-3", "", R"({"queue":"support"})"),
      ev(T + 230000, "call.overflow", "c-3", "", R"({"why":"timeout","action":"queue:ventes","from":"support","to":"ventes"})"),
      ev(T + 230000, "call.queued", "c-3", "", R"({"queue":"ventes"})"),
      ev(T + 250000, "call.offered", "c-3", "a002", "{}"),
      ev(T + 252000, "call.offer_failed", "c-3", "a002", R"({"code":486})"),
      ev(T + 260000, "call.ended", "c-3", "", R"({"outcome":"no_agent","reason":"no_agent"})"),
  };
  EXPECT_EQ(format_queue_log(events, 0),
            "1764576000|c-1|support|NONE|ENTERQUEUE||0611|1\n"
            "1764576003|c-1|support|Agent/a001|CONNECT|3|c-1.1|2\n"
            "1764576063|c-1|support|Agent/a001|TRANSFER|ventes|queue|3|60|1\n"
            "1764576063|c-1|ventes|NONE|ENTERQUEUE||0611|1\n"
            "1764576066|c-1|ventes|Agent/a002|CONNECT|3|c-1.2|2\n"
            "1764576096|c-1|ventes|Agent/a002|COMPLETEAGENT|3|30|1\n"
            "1764576100|c-2|support|NONE|ENTERQUEUE||0633|1\n"
            "1764576130|c-2|support|NONE|EXITWITHKEY|1|1|1|30\n"
            "1764576200|c-3|support|NONE|ENTERQUEUE|||1\n"
            "1764576230|c-3|support|NONE|EXITWITHTIMEOUT|1|1|30\n"
            "1764576230|c-3|ventes|NONE|ENTERQUEUE|||1\n"
            "1764576252|c-3|ventes|Agent/a002|RINGNOANSWER|2000\n"
            "1764576260|c-3|ventes|NONE|EXITEMPTY|1|1|30\n");
}

TEST(QueueLog, FiguresCarriedByTheEventWinAndBadDataIsIgnored) {
  const std::vector<EventRow> events{
      ev(T, "call.queued", "c-1", "", R"({"queue":"support","position":4,"orig_position":5})"),
      ev(T + 1000, "call.answered", "c-1", "a001", R"({"wait_ms":9000,"ring_ms":2500})"),
      ev(T + 2000, "call.held", "c-1", "a001", "not json"),
      ev(T + 5000, "call.ended", "c-1", "a001", "[1,2]"),
      ev(T + 6000, "contact.left", "c-9", "", "{}"),
  };
  EXPECT_EQ(format_queue_log(events, 0),
            "1764576000|c-1|support|NONE|ENTERQUEUE|||4\n"
            "1764576001|c-1|support|Agent/a001|CONNECT|9|c-1.1|2\n"
            "1764576005|c-1|support|Agent/a001|COMPLETECALLER|9|4|5\n");
}

TEST(QueueLog, TheACDsPlaceInLineAndPendingNotesAreRead) {
  const std::vector<EventRow> events{
      ev(T, "agent.state", "", "a001", R"({"from":"logged_out","to":"ready","reason":""})"),
      ev(T + 1000, "agent.state", "", "a001", R"({"from":"ready","to":"ready","reason":"","in_previous_ms":0,"pending":"not_ready"})"),
      ev(T + 2000, "agent.state", "", "a001", R"({"from":"ready","to":"not_ready","reason":"break"})"),
      ev(T + 3000, "agent.state", "", "a001", R"({"from":"not_ready","to":"not_ready","from_reason":"break","reason":"lunch"})"),
      ev(T + 4000, "agent.state", "", "a001", R"({"from":"not_ready","to":"not_ready","from_reason":"lunch","reason":"lunch"})"),
      ev(T + 10000, "call.queued", "c-1", "", R"({"queue":"support"})"),
      ev(T + 11000, "call.queued", "c-2", "", R"({"queue":"support"})"),
      ev(T + 15000, "contact.left", "c-2", "", R"({"queue":"support","reason":"abandoned","position":3,"waited_ms":4000})"),
      ev(T + 15000, "call.ended", "c-2", "", R"({"outcome":"abandoned","wait_ms":4000})"),
  };
  EXPECT_EQ(format_queue_log(events, 0),
            "1764576000|NONE|NONE|Agent/a001|AGENTLOGIN|Agent/a001\n"
            "1764576000|NONE|NONE|Agent/a001|ADDMEMBER|\n"
            "1764576002|NONE|NONE|Agent/a001|PAUSE|break\n"
            "1764576003|NONE|NONE|Agent/a001|PAUSE|lunch\n"
            "1764576010|c-1|support|NONE|ENTERQUEUE|||1\n"
            "1764576011|c-2|support|NONE|ENTERQUEUE|||2\n"
            "1764576015|c-2|support|NONE|ABANDON|3|2|4\n");
}

TEST(QueueLog, EventsBeforeTheWindowOnlySetTheStateUp) {
  const std::vector<EventRow> events{
      ev(T, "agent.state", "", "a001", R"({"from":"logged_out","to":"ready"})"),
      ev(T, "call.queued", "c-1", "", R"({"queue":"support","caller":"0611"})"),
      ev(T + 2000, "call.answered", "c-1", "a001", "{}"),
      ev(T + 62000, "call.ended", "c-1", "a001", R"({"outcome":"answered","reason":"caller_hangup"})"),
      ev(T + 70000, "agent.state", "", "a001", R"({"from":"ready","to":"logged_out"})"),
  };
  EXPECT_EQ(format_queue_log(events, T + 60000),
            "1764576062|c-1|support|Agent/a001|COMPLETECALLER|2|60|1\n"
            "1764576070|NONE|NONE|Agent/a001|REMOVEMEMBER|\n"
            "1764576070|NONE|NONE|Agent/a001|AGENTLOGOFF|Agent/a001|70\n");
}

}  // namespace
}  // namespace plateau::asterisk
