#include "metrics/registry.h"

#include <cmath>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

namespace plateau::metrics {
namespace {

// The lines of one family (HELP, TYPE and samples) from a full rendering.
std::string family_text(const std::string& text, std::string_view name) {
  std::istringstream in(text);
  std::string line, out;
  const std::string help = "# HELP " + std::string(name) + ' ';
  const std::string type = "# TYPE " + std::string(name) + ' ';
  while (std::getline(in, line)) {
    std::string_view l = line;
    bool sample =
        l.starts_with(name) && l.size() > name.size() &&
        (l[name.size()] == ' ' || l[name.size()] == '{' || l.substr(name.size()).starts_with("_bucket") ||
         l.substr(name.size()).starts_with("_sum") || l.substr(name.size()).starts_with("_count"));
    if (l.starts_with(help) || l.starts_with(type) || sample) out += line + '\n';
  }
  return out;
}

TEST(Registry, CounterRendersSortedSeries) {
  Registry reg;
  reg.counter(Metric::sip_requests_total, {"INVITE", "in"}).inc();
  reg.counter(Metric::sip_requests_total, {"INVITE", "in"}).inc(2);
  reg.counter(Metric::sip_requests_total, {"BYE", "out"}).inc();
  EXPECT_EQ(
      family_text(reg.render(), "plateau_sip_requests_total"),
      "# HELP plateau_sip_requests_total SIP requests by method and direction (in: received, out: sent).\n"
      "# TYPE plateau_sip_requests_total counter\n"
      "plateau_sip_requests_total{method=\"BYE\",direction=\"out\"} 1\n"
      "plateau_sip_requests_total{method=\"INVITE\",direction=\"in\"} 3\n");
}

TEST(Registry, UnlabelledMetricsShowZeroFromTheStart) {
  Registry reg;
  const std::string text = reg.render();
  EXPECT_EQ(family_text(text, "plateau_registrations"),
            "# HELP plateau_registrations Current SIP registrations (contacts bound).\n"
            "# TYPE plateau_registrations gauge\n"
            "plateau_registrations 0\n");
  EXPECT_NE(text.find("\nplateau_store_commits_total 0\n"), std::string::npos);
  // Labelled families have no sample until a label combination is used.
  EXPECT_EQ(family_text(text, "plateau_queue_waiting"),
            "# HELP plateau_queue_waiting Calls waiting in the queue now.\n"
            "# TYPE plateau_queue_waiting gauge\n");
}

TEST(Registry, GaugeSetIncDec) {
  Registry reg;
  Gauge& g = reg.gauge(Metric::queue_oldest_wait_seconds, {"sales"});
  g.set(12.5);
  g.inc(0.25);
  g.dec();
  reg.gauge(Metric::calls_active, {"inbound"}).inc(3);
  const std::string text = reg.render();
  EXPECT_NE(text.find("\nplateau_queue_oldest_wait_seconds{queue=\"sales\"} 11.75\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\nplateau_calls_active{kind=\"inbound\"} 3\n"), std::string::npos);
}

TEST(Registry, HistogramRendersCumulativeBucketsSumCount) {
  Registry reg;
  Histogram& h = reg.histogram(Metric::call_setup_seconds);
  h.observe(0.25);  // on a bound: le is inclusive
  h.observe(0.5);
  h.observe(100);  // above the last bound: +Inf only
  h.observe(std::nan(""));
  EXPECT_EQ(family_text(reg.render(), "plateau_call_setup_seconds"),
            "# HELP plateau_call_setup_seconds Seconds from an inbound INVITE to the first answer sent to "
            "the caller.\n"
            "# TYPE plateau_call_setup_seconds histogram\n"
            "plateau_call_setup_seconds_bucket{le=\"0.05\"} 0\n"
            "plateau_call_setup_seconds_bucket{le=\"0.1\"} 0\n"
            "plateau_call_setup_seconds_bucket{le=\"0.25\"} 1\n"
            "plateau_call_setup_seconds_bucket{le=\"0.5\"} 2\n"
            "plateau_call_setup_seconds_bucket{le=\"1\"} 2\n"
            "plateau_call_setup_seconds_bucket{le=\"2\"} 2\n"
            "plateau_call_setup_seconds_bucket{le=\"5\"} 2\n"
            "plateau_call_setup_seconds_bucket{le=\"10\"} 2\n"
            "plateau_call_setup_seconds_bucket{le=\"20\"} 2\n"
            "plateau_call_setup_seconds_bucket{le=\"30\"} 2\n"
            "plateau_call_setup_seconds_bucket{le=\"60\"} 2\n"
            "plateau_call_setup_seconds_bucket{le=\"+Inf\"} 3\n"
            "plateau_call_setup_seconds_sum 100.75\n"
            "plateau_call_setup_seconds_count 3\n");
}

TEST(Registry, LabelledHistogramPutsLeLast) {
  Registry reg;
  reg.histogram(Metric::queue_wait_seconds, {"sales", "answered"}).observe(12);
  const std::string text = reg.render();
  EXPECT_NE(
      text.find("\nplateau_queue_wait_seconds_bucket{queue=\"sales\",outcome=\"answered\",le=\"10\"} 0\n"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("\nplateau_queue_wait_seconds_bucket{queue=\"sales\",outcome=\"answered\",le=\"15\"} 1\n"),
      std::string::npos);
  EXPECT_NE(text.find("\nplateau_queue_wait_seconds_sum{queue=\"sales\",outcome=\"answered\"} 12\n"),
            std::string::npos);
  EXPECT_NE(text.find("\nplateau_queue_wait_seconds_count{queue=\"sales\",outcome=\"answered\"} 1\n"),
            std::string::npos);
}

TEST(Registry, LabelValuesAreEscaped) {
  Registry reg;
  reg.gauge(Metric::queue_waiting, {"a\"b\\c\nd"}).set(2);
  EXPECT_NE(reg.render().find("\nplateau_queue_waiting{queue=\"a\\\"b\\\\c\\nd\"} 2\n"), std::string::npos)
      << reg.render();
}

TEST(Registry, HandlesAreStable) {
  Registry reg;
  Counter& a = reg.counter(Metric::queue_offered_total, {"q1"});
  for (int i = 0; i < 100; ++i) reg.counter(Metric::queue_offered_total, {"x" + std::to_string(i)});
  EXPECT_EQ(&a, &reg.counter(Metric::queue_offered_total, {"q1"}));
  std::vector<std::string> labels = {"q1"};
  EXPECT_EQ(&a, &reg.counter(Metric::queue_offered_total, labels));
}

TEST(Registry, MisuseIsDroppedNotRendered) {
  Registry reg;
  reg.counter(Metric::queue_waiting, {"sales"}).inc(7);         // a gauge
  reg.gauge(Metric::queue_waiting, {"sales", "extra"}).set(9);  // wrong label count
  reg.histogram(Metric::sip_auth_failures_total).observe(1);    // a counter
  const std::string text = reg.render();
  EXPECT_EQ(text.find("plateau_queue_waiting{"), std::string::npos);
  EXPECT_NE(text.find("\nplateau_sip_auth_failures_total 0\n"), std::string::npos);
}

TEST(Registry, ConcurrentUpdatesFromFourThreadsAddUp) {
  Registry reg;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 100000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&reg, t] {
      // Each thread looks the handles up itself: look-ups race with updates too.
      Counter& c = reg.counter(Metric::rtp_packets_total, {"in"});
      Gauge& g = reg.gauge(Metric::calls_active, {"agent_leg"});
      Histogram& h = reg.histogram(Metric::media_tick_seconds);
      Counter& own = reg.counter(Metric::queue_offered_total, {"q" + std::to_string(t)});
      for (int i = 0; i < kPerThread; ++i) {
        c.inc();
        g.inc();
        h.observe(i % 2 ? 0.001 : 1.0);
        own.inc();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(reg.counter(Metric::rtp_packets_total, {"in"}).value(), uint64_t{kThreads * kPerThread});
  EXPECT_EQ(reg.gauge(Metric::calls_active, {"agent_leg"}).value(), double{kThreads * kPerThread});
  const auto s = reg.histogram(Metric::media_tick_seconds).snapshot();
  EXPECT_EQ(s.count, uint64_t{kThreads * kPerThread});
  EXPECT_EQ(s.cumulative[4], uint64_t{kThreads * kPerThread / 2});  // le=0.001
  EXPECT_NEAR(s.sum, kThreads * kPerThread / 2 * 1.001, 1e-6);
  for (int t = 0; t < kThreads; ++t)
    EXPECT_EQ(reg.counter(Metric::queue_offered_total, {"q" + std::to_string(t)}).value(),
              uint64_t{kPerThread});
}

TEST(Registry, ProcessInfo) {
  Registry reg;
  record_process_info(reg, "0.1.0", 1700000000.5);
  const std::string text = reg.render();
  EXPECT_NE(text.find("\nplateau_build_info{version=\"0.1.0\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("\nplateau_process_start_time_seconds 1700000000.5\n"), std::string::npos);
}

}  // namespace
}  // namespace plateau::metrics
