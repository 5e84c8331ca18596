// background.h — one thread for the slow jobs of a running server: speaking
// the prompts of a newly published IVR flow with espeak-ng and loading a new
// prompt library (seconds of work that must not stall the app or telephony
// threads, nor the store worker).
//
// Threads: post() from any thread; jobs run one at a time, in order, on the
// background thread; they report by posting onto another loop themselves.
// stop() (or the destructor) runs the jobs already posted, then joins; a job
// posted after stop() is dropped.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace plateau::app {

class Background {
 public:
  Background();
  ~Background();
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  void post(std::function<void()> job);
  void stop();

 private:
  void run();
  std::mutex mu_;  // guards jobs_ and stopping_
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace plateau::app
