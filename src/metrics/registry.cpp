#include "metrics/registry.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <spdlog/spdlog.h>

#include "metrics/text_format.h"

namespace plateau::metrics {

Histogram::Histogram(const std::vector<double>& bounds)
    : bounds_(bounds), buckets_(std::make_unique<std::atomic<uint64_t>[]>(bounds.size() + 1)) {}

void Histogram::observe(double v) noexcept {
  if (std::isnan(v)) return;
  // le semantics: the first bound >= v holds v.
  size_t i = static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  s.cumulative.reserve(bounds_.size() + 1);
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  s.count = running;
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

using Labels = std::vector<std::string>;

struct Registry::Family {
  const MetricDef* def = nullptr;
  std::map<Labels, std::unique_ptr<Counter>> counters;
  std::map<Labels, std::unique_ptr<Gauge>> gauges;
  std::map<Labels, std::unique_ptr<Histogram>> histograms;
  bool warned = false;
};

namespace {

const std::vector<double> kNoBounds;

Labels to_labels(std::initializer_list<std::string_view> labels) {
  Labels out;
  out.reserve(labels.size());
  for (std::string_view l : labels) out.emplace_back(l);
  return out;
}

template <class T, class... Args>
T& find_or_add(std::map<Labels, std::unique_ptr<T>>& map, const Labels& labels, Args&&... args) {
  auto& slot = map[labels];
  if (!slot) slot = std::make_unique<T>(std::forward<Args>(args)...);
  return *slot;
}

// `{a="x",b="y"}`, with `extra` (le="...") appended; empty when there are no labels at all.
std::string label_text(const MetricDef& d, const Labels& values, std::string_view extra = {}) {
  if (values.empty() && extra.empty()) return {};
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += d.labels[i];
    out += "=\"";
    out += escape_label_value(values[i]);
    out += '"';
  }
  if (!extra.empty()) {
    if (!values.empty()) out += ',';
    out += extra;
  }
  out += '}';
  return out;
}

}  // namespace

Registry::Registry() : sink_histogram_(std::make_unique<Histogram>(kNoBounds)) {
  for (const MetricDef& d : catalogue()) {
    auto f = std::make_unique<Family>();
    f->def = &d;
    // A metric without labels has exactly one series: show it from the start.
    if (d.labels.empty()) {
      switch (d.type) {
        case Type::counter:
          find_or_add(f->counters, {});
          break;
        case Type::gauge:
          find_or_add(f->gauges, {});
          break;
        case Type::histogram:
          find_or_add(f->histograms, {}, d.buckets);
          break;
      }
    }
    families_.push_back(std::move(f));
  }
}

Registry::~Registry() = default;

Registry::Family* Registry::checked(Metric m, Type want, size_t nlabels) {
  const auto i = static_cast<size_t>(m);
  if (i >= families_.size()) {
    spdlog::error("metrics: unknown metric #{}", i);
    return nullptr;
  }
  Family* f = families_[i].get();
  if (f->def->type == want && f->def->labels.size() == nlabels) return f;
  if (!f->warned) {
    f->warned = true;
    spdlog::error(
        "metrics: {} is a {} with {} label(s), used as a {} with {} label value(s); updates dropped",
        f->def->name, type_name(f->def->type), f->def->labels.size(), type_name(want), nlabels);
  }
  return nullptr;
}

Counter& Registry::counter(Metric m, std::initializer_list<std::string_view> labels) {
  return counter(m, to_labels(labels));
}
Gauge& Registry::gauge(Metric m, std::initializer_list<std::string_view> labels) {
  return gauge(m, to_labels(labels));
}
Histogram& Registry::histogram(Metric m, std::initializer_list<std::string_view> labels) {
  return histogram(m, to_labels(labels));
}

Counter& Registry::counter(Metric m, const std::vector<std::string>& labels) {
  std::lock_guard lock(mu_);
  Family* f = checked(m, Type::counter, labels.size());
  return f ? find_or_add(f->counters, labels) : sink_counter_;
}

Gauge& Registry::gauge(Metric m, const std::vector<std::string>& labels) {
  std::lock_guard lock(mu_);
  Family* f = checked(m, Type::gauge, labels.size());
  return f ? find_or_add(f->gauges, labels) : sink_gauge_;
}

Histogram& Registry::histogram(Metric m, const std::vector<std::string>& labels) {
  std::lock_guard lock(mu_);
  Family* f = checked(m, Type::histogram, labels.size());
  return f ? find_or_add(f->histograms, labels, f->def->buckets) : *sink_histogram_;
}

std::string Registry::render() const {
  std::string out;
  out.reserve(8192);
  std::lock_guard lock(mu_);
  for (const auto& f : families_) {
    const MetricDef& d = *f->def;
    const std::string name(d.name);
    out += "# HELP " + name + ' ' + escape_help(d.help) + '\n';
    out += "# TYPE " + name + ' ' + std::string(type_name(d.type)) + '\n';
    for (const auto& [labels, c] : f->counters)
      out += name + label_text(d, labels) + ' ' + std::to_string(c->value()) + '\n';
    for (const auto& [labels, g] : f->gauges)
      out += name + label_text(d, labels) + ' ' + format_value(g->value()) + '\n';
    for (const auto& [labels, h] : f->histograms) {
      const Histogram::Snapshot s = h->snapshot();
      for (size_t i = 0; i < s.cumulative.size(); ++i) {
        const std::string le = i < d.buckets.size() ? format_value(d.buckets[i]) : "+Inf";
        out += name + "_bucket" + label_text(d, labels, "le=\"" + le + '"') + ' ' +
               std::to_string(s.cumulative[i]) + '\n';
      }
      out += name + "_sum" + label_text(d, labels) + ' ' + format_value(s.sum) + '\n';
      out += name + "_count" + label_text(d, labels) + ' ' + std::to_string(s.count) + '\n';
    }
  }
  return out;
}

void record_process_info(Registry& reg, std::string_view version, double start_epoch_seconds) {
  reg.gauge(Metric::build_info, {version}).set(1);
  reg.gauge(Metric::process_start_time_seconds).set(start_epoch_seconds);
}

}  // namespace plateau::metrics
