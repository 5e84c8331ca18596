#include "sip/telephony.h"

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "sip/b2bua.h"

namespace plateau::sip {

namespace {
enum MqId { kCommand = 1, kDirectory = 2, kQuit = 3, kPrompts = 4 };
constexpr int64_t kTickMs = 20;
}  // namespace

class Telephony::Impl {
 public:
  Impl(TelephonySettings s, core::DirectoryPtr dir, std::shared_ptr<const media::PromptLibrary> prompts,
       media::RecordingWriter* recorder, EventSink sink)
      : s_(std::move(s)), dir_(std::move(dir)), prompts_(std::move(prompts)), recorder_(recorder),
        sink_(std::move(sink)) {}

  Status start() {
    std::promise<Status> started;
    auto fut = started.get_future();
    thread_ = std::thread([this, &started] { run(started); });
    Status st = fut.get();
    if (!st) {
      thread_.join();
    }
    return st;
  }

  void post(model::TelephonyCommand cmd) {
    auto* p = new model::TelephonyCommand(std::move(cmd));  // NOLINT(cppcoreguidelines-owning-memory): owned by the queue
    if (!mq_ || mqueue_push(mq_, kCommand, p)) delete p;    // NOLINT(cppcoreguidelines-owning-memory)
  }

  void set_directory(core::DirectoryPtr dir) {
    auto* p = new core::DirectoryPtr(std::move(dir));  // NOLINT(cppcoreguidelines-owning-memory)
    if (!mq_ || mqueue_push(mq_, kDirectory, p)) delete p;  // NOLINT(cppcoreguidelines-owning-memory)
  }

  void set_prompts(std::shared_ptr<const media::PromptLibrary> prompts) {
    using Ptr = std::shared_ptr<const media::PromptLibrary>;
    auto* p = new Ptr(std::move(prompts));           // NOLINT(cppcoreguidelines-owning-memory)
    if (!mq_ || mqueue_push(mq_, kPrompts, p)) delete p;  // NOLINT(cppcoreguidelines-owning-memory)
  }

  TelephonyStats stats() const {
    std::lock_guard lock(stats_mu_);
    return stats_;
  }

  void stop() {
    if (!thread_.joinable()) return;
    if (mq_) mqueue_push(mq_, kQuit, nullptr);
    thread_.join();
  }

 private:
  static void on_mq(int id, void* data, void* arg) {
    auto* self = static_cast<Impl*>(arg);
    if (id == kCommand) {
      std::unique_ptr<model::TelephonyCommand> cmd(static_cast<model::TelephonyCommand*>(data));
      self->b2bua_->execute(*cmd);
    } else if (id == kDirectory) {
      std::unique_ptr<core::DirectoryPtr> dir(static_cast<core::DirectoryPtr*>(data));
      self->b2bua_->set_directory(*dir);
    } else if (id == kPrompts) {
      std::unique_ptr<std::shared_ptr<const media::PromptLibrary>> p(
          static_cast<std::shared_ptr<const media::PromptLibrary>*>(data));
      self->b2bua_->set_prompts(std::move(*p));
    } else if (id == kQuit) {
      re_cancel();
    }
  }

  static int64_t mono_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
  }

  // The shared media tick: re-armed against an absolute schedule so that it
  // does not drift; after a stall it catches up by at most a few frames.
  static void on_tick(void* arg) {
    auto* self = static_cast<Impl*>(arg);
    const int64_t now = mono_ms();
    int frames = 0;
    while (self->next_tick_ <= now && frames < 3) {
      self->b2bua_->tick();
      self->next_tick_ += kTickMs;
      ++frames;
    }
    if (self->next_tick_ <= now) self->next_tick_ = now + kTickMs;  // too far behind: skip, don't burst
    tmr_start(&self->tick_tmr_, static_cast<uint64_t>(self->next_tick_ - now), on_tick, self);
  }

  static void on_housekeeping(void* arg) {
    auto* self = static_cast<Impl*>(arg);
    self->b2bua_->housekeeping();
    {
      std::lock_guard lock(self->stats_mu_);
      self->stats_ = self->b2bua_->stats();
    }
    tmr_start(&self->house_tmr_, 1000, on_housekeeping, self);
  }

  void run(std::promise<Status>& started) {
    // Room for 2 RTP sockets per leg at national-site scale.
    struct rlimit rl {};
    if (0 == getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
      rl.rlim_cur = rl.rlim_max;
      setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (int err = libre_init()) {
      started.set_value(make_error("sip.init", std::string("libre_init: ") + std::strerror(err)));
      return;
    }
    fd_setsize(static_cast<int>(std::min<rlim_t>(rl.rlim_cur ? rl.rlim_cur : 65536, 65536)));
    b2bua_ = std::make_unique<B2bua>(s_, dir_, prompts_, recorder_, sink_);
    Status st = b2bua_->start();
    if (st && mqueue_alloc(&mq_, on_mq, this)) st = make_error("sip.init", "cannot create the message queue");
    if (!st) {
      b2bua_.reset();
      mq_ = static_cast<struct mqueue*>(mem_deref(mq_));
      libre_close();
      started.set_value(st);
      return;
    }
    tmr_init(&tick_tmr_);
    tmr_init(&house_tmr_);
    next_tick_ = mono_ms() + kTickMs;
    tmr_start(&tick_tmr_, kTickMs, on_tick, this);
    tmr_start(&house_tmr_, 1000, on_housekeeping, this);
    started.set_value(Status::Ok());

    re_main(nullptr);

    tmr_cancel(&tick_tmr_);
    tmr_cancel(&house_tmr_);
    b2bua_.reset();
    mq_ = static_cast<struct mqueue*>(mem_deref(mq_));
    libre_close();
    spdlog::info("sip: telephony loop stopped");
  }

  TelephonySettings s_;
  core::DirectoryPtr dir_;
  std::shared_ptr<const media::PromptLibrary> prompts_;
  media::RecordingWriter* recorder_;
  EventSink sink_;
  std::thread thread_;
  std::unique_ptr<B2bua> b2bua_;
  struct mqueue* mq_ = nullptr;  // written before `started` is set, read-only after
  struct tmr tick_tmr_ {}, house_tmr_ {};
  int64_t next_tick_ = 0;
  mutable std::mutex stats_mu_;
  TelephonyStats stats_;  // guarded by stats_mu_
};

Result<std::unique_ptr<Telephony>> Telephony::start(const TelephonySettings& settings, core::DirectoryPtr directory,
                                                   std::shared_ptr<const media::PromptLibrary> prompts,
                                                   media::RecordingWriter* recorder, EventSink sink) {
  auto impl = std::make_unique<Impl>(settings, std::move(directory), std::move(prompts), recorder, std::move(sink));
  if (Status st = impl->start(); !st) return st.error();
  return std::unique_ptr<Telephony>(new Telephony(std::move(impl)));
}

Telephony::Telephony(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Telephony::~Telephony() { stop(); }
void Telephony::post(model::TelephonyCommand cmd) { impl_->post(std::move(cmd)); }
void Telephony::set_directory(core::DirectoryPtr directory) { impl_->set_directory(std::move(directory)); }
void Telephony::set_prompts(std::shared_ptr<const media::PromptLibrary> prompts) {
  impl_->set_prompts(std::move(prompts));
}
TelephonyStats Telephony::stats() const { return impl_->stats(); }
void Telephony::stop() { impl_->stop(); }

}  // namespace plateau::sip
