// flow_service.h — publishing IVR flows on a running server.
//
// A publication is checked against the tenant's provisioning (app thread),
// its prompts are spoken and a new prompt library is loaded (background
// thread), the version is stored (store worker: committed first), then the
// new prompts reach the telephony thread and the new version the router:
// calls that arrive from then on run it; calls in progress keep theirs.
//
// App thread, but for the steps said above, which post their results back.
#pragma once

#include <functional>
#include <string>

#include <boost/asio/io_context.hpp>

#include "app/background.h"
#include "app/call_service.h"
#include "common/result.h"
#include "ivr/flow_set.h"
#include "sip/telephony.h"
#include "store/worker.h"

namespace plateau::app {

struct Published {
  std::string tenant, name;
  int version = 0;
  size_t prompts_made = 0;      // spoken now (new, or their text changed)
  size_t prompts_recorded = 0;  // left alone: an administrator's recording
};

class FlowService {
 public:
  FlowService(boost::asio::io_context& io, CallService& calls, store::StoreWorker& store, Background& background,
              std::string prompts_dir, ivr::FlowSetPtr flows);

  void attach(sip::Telephony* telephony) { telephony_ = telephony; }

  // Errors: those of ivr::parse_flow and app::check_for_publication
  // ("ivr.syntax", "ivr.invalid", "ivr.unknown_tenant"), "media.*" (prompts
  // could not be made), "store.*". `done` runs on the app thread.
  void publish(std::string text, std::function<void(Result<Published>)> done);

  const ivr::FlowSetPtr& flows() const { return flows_; }

 private:
  boost::asio::io_context& io_;
  CallService& calls_;
  store::StoreWorker& store_;
  Background& background_;
  std::string prompts_dir_;
  ivr::FlowSetPtr flows_;
  sip::Telephony* telephony_ = nullptr;
};

}  // namespace plateau::app
