// queue_log_file.h — the live Asterisk queue_log file (config reports.queue_log_file):
// each committed event's lines (asterisk/queue_log.h) appended as they happen,
// for wallboards that tail /var/log/asterisk/queue_log.
//
// One file for every tenant, as Asterisk has one; a path holding "{tenant}"
// gives one file per tenant (queue names and logins are per tenant: use it
// when two tenants share a queue name). Lines are written after the store
// committed the event, so the file holds what the export
// (GET /api/v1/tenants/{tenant}/queue_log) answers for the same period.
//
// Threads: append() on the store worker's thread only (it runs after each
// commit, in log order; a write to the page cache, flushed per event, never
// an fsync: the app thread never waits for it); set_directory() from any thread.
#pragma once

#include <fstream>
#include <map>
#include <mutex>
#include <string>

#include "asterisk/queue_log.h"
#include "core/directory.h"
#include "store/store.h"

namespace plateau::app {

class QueueLogFile {
 public:
  QueueLogFile(std::string path_pattern, core::DirectoryPtr dir);

  void set_directory(core::DirectoryPtr dir);
  void append(const store::EventRecord& e);

  // The file of a tenant's lines.
  std::string path_of(const std::string& tenant) const;

 private:
  std::string pattern_;
  std::mutex mu_;  // guards dir_
  core::DirectoryPtr dir_;
  asterisk::QueueLogFormatter formatter_;
  std::map<std::string, std::ofstream> files_;  // by path
  bool warned_ = false;
};

}  // namespace plateau::app
