#include "app/flow_service.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "app/flows.h"
#include "media/prompt.h"

namespace plateau::app {

namespace asio = boost::asio;

FlowService::FlowService(asio::io_context& io, CallService& calls, store::StoreWorker& store, Background& background,
                         std::string prompts_dir, ivr::FlowSetPtr flows)
    : io_(io), calls_(calls), store_(store), background_(background), prompts_dir_(std::move(prompts_dir)),
      flows_(std::move(flows)) {}

void FlowService::publish(std::string text, std::function<void(Result<Published>)> done) {
  auto checked = check_for_publication(text, "flow", calls_.router().directory().all());
  if (!checked) return done(checked.error());
  auto flow = std::make_shared<ivr::Flow>(std::move(*checked));
  auto texts = prompt_texts(*flow);
  background_.post([this, flow, texts = std::move(texts), text = std::move(text), done = std::move(done)]() mutable {
    // Background thread: speak the prompts, then read the whole library anew.
    media::GenerateReport report;
    Status made = media::generate_prompts(prompts_dir_, texts, {}, &report);
    auto library = std::make_shared<media::PromptLibrary>();
    Status loaded = made ? library->load(prompts_dir_) : made;
    asio::post(io_, [this, flow, report, made, loaded, library, text = std::move(text), done = std::move(done)] {
      if (!made) return done(made.error());
      if (!loaded) spdlog::warn("prompts: {} (the other prompts are loaded)", loaded.error().message);
      auto version = std::make_shared<Result<int>>(0);
      store_.post(
          [flow, text, version](store::Store& s) {
            *version = s.publish_flow(flow->tenant, flow->name, text, std::chrono::duration_cast<std::chrono::milliseconds>(
                                                                       std::chrono::system_clock::now().time_since_epoch())
                                                                       .count());
            return *version ? Status::Ok() : Status(version->error());
          },
          [this, flow, report, library, version, done](Status st) {
            asio::post(io_, [this, flow, report, library, version, st, done] {
              if (!st) return done(st.error());
              flow->version = version->value();
              if (telephony_) telephony_->set_prompts(library);
              flows_ = std::make_shared<ivr::FlowSet>(*flows_, flow);
              calls_.set_flows(flows_);
              spdlog::info("ivr: flow {}/{} version {} published ({} prompts spoken, {} recorded kept)", flow->tenant,
                           flow->name, flow->version, report.made.size(), report.recorded.size());
              done(Published{flow->tenant, flow->name, flow->version, report.made.size(), report.recorded.size()});
            });
          });
    });
  });
}

}  // namespace plateau::app
