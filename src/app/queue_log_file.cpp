#include "app/queue_log_file.h"

#include <filesystem>

#include <spdlog/spdlog.h>

#include "app/export_routes.h"

namespace plateau::app {

QueueLogFile::QueueLogFile(std::string path_pattern, core::DirectoryPtr dir)
    : pattern_(std::move(path_pattern)), dir_(std::move(dir)) {
  asterisk::QueueLogOptions options;
  options.queues_of = [this](const std::string& tenant, const std::string& login) {
    core::DirectoryPtr d;
    {
      std::lock_guard lock(mu_);
      d = dir_;
    }
    return queue_log_options(d).queues_of(tenant, login);
  };
  formatter_ = asterisk::QueueLogFormatter(std::move(options));
}

void QueueLogFile::set_directory(core::DirectoryPtr dir) {
  std::lock_guard lock(mu_);
  dir_ = std::move(dir);
}

std::string QueueLogFile::path_of(const std::string& tenant) const {
  std::string p = pattern_;
  for (size_t at = p.find("{tenant}"); at != std::string::npos; at = p.find("{tenant}", at + tenant.size()))
    p.replace(at, 8, tenant);
  return p;
}

void QueueLogFile::append(const store::EventRecord& e) {
  auto lines = formatter_.on_event({e.ts_ms, e.tenant, e.kind, e.call_id, e.agent, e.data_json});
  if (lines.empty()) return;
  const std::string path = path_of(e.tenant);
  auto it = files_.find(path);
  if (it == files_.end()) {
    std::error_code ec;
    if (auto parent = std::filesystem::path(path).parent_path(); !parent.empty())
      std::filesystem::create_directories(parent, ec);
    it = files_.emplace(path, std::ofstream(path, std::ios::app | std::ios::binary)).first;
  }
  std::ofstream& f = it->second;
  for (const auto& l : lines) f << asterisk::to_text(l);
  f.flush();
  if (!f && !warned_) {
    warned_ = true;
    spdlog::error("reports: cannot write the queue_log file {}", path);
  }
}

}  // namespace plateau::app
