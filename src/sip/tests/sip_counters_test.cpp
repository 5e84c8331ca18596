#include "sip/sip_counters.h"

#include <gtest/gtest.h>

namespace plateau::sip {
namespace {

TEST(SipCounts, ClassifiesRequestsAndResponsesByDirection) {
  SipCounts c;
  c.count(false, "INVITE sip:100@127.0.0.1 SIP/2.0");
  c.count(false, "REGISTER sip:127.0.0.1 SIP/2.0");
  c.count(true, "SIP/2.0 183 Session Progress");
  c.count(true, "SIP/2.0 401 Unauthorized");
  c.count(false, "SUBSCRIBE sip:x SIP/2.0");
  c.count(false, "\r\n");
  EXPECT_EQ(c.requests[0][0], 1u);
  EXPECT_EQ(c.requests[0][4], 1u);
  EXPECT_EQ(c.requests[0][7], 1u) << "unknown methods are 'other'";
  EXPECT_EQ(c.responses[1][0], 1u);
  EXPECT_EQ(c.responses[1][3], 1u);
  EXPECT_EQ(c.responses[0][0], 0u);
}

}  // namespace
}  // namespace plateau::sip
