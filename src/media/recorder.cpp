#include "media/recorder.h"
#include "media/wav_cues.h"

#include <fcntl.h>
#include <sndfile.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace plateau::media {
namespace {

using Block = std::vector<int16_t>;  // frames, interleaved caller/agent when stereo

struct Job {
  enum Kind { kOpen, kWrite, kClose } kind;
  uint64_t id = 0;
  std::string path;                       // kOpen
  Block block;                            // kWrite
  std::function<void(Status)> on_closed;  // kClose
  int channels = 2;                       // kOpen
  std::vector<CuePoint> cues;             // kClose
};

// Writer-side state of one recording.
struct OpenFile {
  SNDFILE* sf = nullptr;
  std::string path;
  int channels = 2;
  Status status;  // first failure, reported by close
};

// Producer-side state of one recording slot.
struct Slot {
  uint32_t generation = 0;
  bool live = false;
  uint64_t id = 0;
  int channels = 2;
  Block block;
  uint64_t frames = 0;  // frames appended so far
  std::vector<CuePoint> cues;
};

// Writer thread: fsync of `path` (a file or a folder); 0 or errno.
int sync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  const int err = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return err;
}

constexpr size_t kMaxSpareBlocks = 1024;

}  // namespace

struct RecordingWriter::Impl {
  explicit Impl(RecorderOptions o) : opt(std::move(o)) {
    if (opt.block_frames == 0) opt.block_frames = 1;
    thread = std::thread([this] { run(); });
  }

  RecorderOptions opt;

  // Producer thread only.
  std::vector<Slot> slots;
  std::vector<uint32_t> free_slots;
  uint64_t next_id = 1;

  // Shared, guarded by mu.
  std::mutex mu;
  std::condition_variable work_cv, idle_cv;
  std::deque<Job> jobs;
  std::vector<Block> spare;
  uint64_t enqueued = 0, processed = 0;
  bool stopping = false;

  // Any thread.
  std::atomic<uint64_t> opened{0}, closed{0}, open_errors{0}, write_errors{0}, dropped{0}, pending{0};

  // Writer thread only.
  std::unordered_map<uint64_t, OpenFile> files;
  std::thread thread;

  Slot* find(RecHandle h) {
    if (!h.valid() || h.slot >= slots.size()) return nullptr;
    Slot& s = slots[h.slot];
    return (s.live && s.generation == h.generation) ? &s : nullptr;
  }

  Block take_spare_locked() {
    if (spare.empty()) return {};
    Block b = std::move(spare.back());
    spare.pop_back();
    return b;
  }

  void push_locked(Job&& j) {
    jobs.push_back(std::move(j));
    ++enqueued;
  }

  // Producer: hands the slot's block to the writer and, if `refill`, gives the
  // slot an empty one (a spare if the writer returned any).
  void hand_off(Slot& s, bool refill) {
    if (s.block.empty()) return;
    Block fresh;
    {
      std::lock_guard lock(mu);
      if (pending.load(std::memory_order_relaxed) >= opt.max_pending_blocks) {
        dropped.fetch_add(1, std::memory_order_relaxed);
        s.block.clear();
        return;
      }
      pending.fetch_add(1, std::memory_order_relaxed);
      push_locked(Job{Job::kWrite, s.id, {}, std::move(s.block), {}, s.channels});
      s.block = Block();
      if (refill) fresh = take_spare_locked();
    }
    work_cv.notify_one();
    if (!refill) return;
    fresh.clear();
    if (fresh.capacity() < block_samples(s)) fresh.reserve(block_samples(s));
    s.block = std::move(fresh);
  }

  size_t block_samples(const Slot& s) const { return opt.block_frames * static_cast<size_t>(s.channels); }

  // Producer: appends frames of the slot's width, handing full blocks off.
  // `frame(i, out)` writes frame i's samples to out.
  template <class Frame>
  void append(Slot& s, size_t frames, Frame frame) {
    const size_t cap = block_samples(s);
    const size_t width = static_cast<size_t>(s.channels);
    size_t i = 0;
    while (i < frames) {
      const size_t n = std::min((cap - s.block.size()) / width, frames - i);
      for (size_t k = 0; k < n; ++k, ++i) frame(i, s.block);
      s.frames += n;
      if (s.block.size() >= cap) hand_off(s, true);
    }
  }

  void enqueue(Job&& j) {
    {
      std::lock_guard lock(mu);
      push_locked(std::move(j));
    }
    work_cv.notify_one();
  }

  void report(const Error& e) {
    spdlog::error("recording: {}", e.message);
    if (opt.on_error) {
      try {
        opt.on_error(e);
      } catch (...) {
        spdlog::error("recording: on_error handler threw");
      }
    }
  }

  // ---- writer thread ----

  void do_open(Job& j) {
    OpenFile f;
    f.path = j.path;
    f.channels = j.channels;
    std::error_code ec;
    const auto parent = std::filesystem::path(j.path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    SF_INFO info{};
    info.samplerate = 8000;
    info.channels = j.channels;
    info.format = SF_FORMAT_WAV | (opt.format == RecordingFormat::Ulaw ? SF_FORMAT_ULAW : SF_FORMAT_PCM_16);
    if (!ec) f.sf = sf_open(j.path.c_str(), SFM_WRITE, &info);
    if (!f.sf) {
      const std::string why =
          ec ? "cannot create its folder: " + ec.message() : std::string(sf_strerror(nullptr));
      f.status = make_error("media.rec_open", "cannot create recording " + j.path + ": " + why);
      open_errors.fetch_add(1, std::memory_order_relaxed);
      report(f.status.error());
    } else {
      sf_command(f.sf, SFC_SET_UPDATE_HEADER_AUTO, nullptr, SF_TRUE);
      opened.fetch_add(1, std::memory_order_relaxed);
    }
    files[j.id] = std::move(f);
  }

  void do_write(Job& j) {
    auto it = files.find(j.id);
    if (it != files.end() && it->second.sf && it->second.status.ok()) {
      OpenFile& f = it->second;
      const sf_count_t frames = static_cast<sf_count_t>(j.block.size() / static_cast<size_t>(f.channels));
      if (sf_writef_short(f.sf, j.block.data(), frames) != frames) {
        f.status =
            make_error("media.rec_write", "cannot write recording " + f.path + ": " + sf_strerror(f.sf));
        write_errors.fetch_add(1, std::memory_order_relaxed);
        report(f.status.error());
      }
    }
    j.block.clear();
    std::lock_guard lock(mu);
    pending.fetch_sub(1, std::memory_order_relaxed);
    if (spare.size() < kMaxSpareBlocks) spare.push_back(std::move(j.block));
  }

  void do_close(Job& j) {
    Status st;
    auto it = files.find(j.id);
    if (it == files.end()) {
      st = make_error("media.rec_handle", "close of an unknown recording handle");
    } else {
      OpenFile& f = it->second;
      st = f.status;
      if (f.sf && sf_close(f.sf) != 0 && st) {
        st = make_error("media.rec_write", "cannot finish recording " + f.path);
        write_errors.fetch_add(1, std::memory_order_relaxed);
      }
      if (f.sf && st && !j.cues.empty()) {
        if (Status c = append_cue_chunks(f.path, j.cues); !c) {
          st = c;
          write_errors.fetch_add(1, std::memory_order_relaxed);
          report(st.error());
        }
      }
      // Durable before anyone is told: the file, then its folder (the new name).
      if (f.sf && st) {
        const std::string folder = std::filesystem::path(f.path).parent_path().string();
        int err = sync_path(f.path);
        if (!err) err = sync_path(folder.empty() ? "." : folder);
        if (err) {
          st = make_error("media.rec_sync", "cannot sync recording " + f.path + ": " + std::strerror(err));
          write_errors.fetch_add(1, std::memory_order_relaxed);
          report(st.error());
        }
      }
      files.erase(it);
    }
    closed.fetch_add(1, std::memory_order_relaxed);
    if (j.on_closed) {
      try {
        j.on_closed(st);
      } catch (...) {
        spdlog::error("recording: on_closed handler threw");
      }
    }
  }

  void run() {
    std::deque<Job> batch;
    for (;;) {
      {
        std::unique_lock lock(mu);
        work_cv.wait(lock, [&] { return stopping || !jobs.empty(); });
        if (jobs.empty()) break;  // stopping, and nothing left
        batch.swap(jobs);
      }
      const size_t n = batch.size();
      for (Job& j : batch) {
        switch (j.kind) {
          case Job::kOpen:
            do_open(j);
            break;
          case Job::kWrite:
            do_write(j);
            break;
          case Job::kClose:
            do_close(j);
            break;
        }
      }
      batch.clear();
      {
        std::lock_guard lock(mu);
        processed += n;
      }
      idle_cv.notify_all();
    }
    for (auto& [id, f] : files) {
      spdlog::warn("recording {} was never closed; finalised at shutdown", f.path);
      if (f.sf) sf_close(f.sf);
    }
    files.clear();
  }
};

RecordingWriter::RecordingWriter(RecorderOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

RecordingWriter::~RecordingWriter() {
  Impl& m = *impl_;
  for (uint32_t i = 0; i < m.slots.size(); ++i) {
    if (m.slots[i].live) close(RecHandle{i, m.slots[i].generation}, {});
  }
  {
    std::lock_guard lock(m.mu);
    m.stopping = true;
  }
  m.work_cv.notify_one();
  m.thread.join();
}

RecHandle RecordingWriter::open(const std::string& path, int channels) {
  Impl& m = *impl_;
  uint32_t idx;
  if (!m.free_slots.empty()) {
    idx = m.free_slots.back();
    m.free_slots.pop_back();
  } else {
    idx = static_cast<uint32_t>(m.slots.size());
    m.slots.emplace_back();
  }
  Slot& s = m.slots[idx];
  s.generation = s.generation + 1 == 0 ? 1 : s.generation + 1;
  s.live = true;
  s.id = m.next_id++;
  s.channels = channels == 1 ? 1 : 2;
  s.frames = 0;
  s.cues.clear();
  {
    std::lock_guard lock(m.mu);
    s.block = m.take_spare_locked();
  }
  s.block.clear();
  if (s.block.capacity() < m.block_samples(s)) s.block.reserve(m.block_samples(s));
  m.enqueue(Job{Job::kOpen, s.id, path, {}, {}, s.channels});
  return RecHandle{idx, s.generation};
}

void RecordingWriter::write(RecHandle h, const int16_t* left, const int16_t* right, size_t samples) {
  Impl& m = *impl_;
  Slot* s = m.find(h);
  if (!s || s->channels != 2) return;
  m.append(*s, samples, [left, right](size_t i, Block& b) {
    b.push_back(left[i]);
    b.push_back(right[i]);
  });
}

void RecordingWriter::write_mono(RecHandle h, const int16_t* samples, size_t count) {
  Impl& m = *impl_;
  Slot* s = m.find(h);
  if (!s || s->channels != 1) return;
  m.append(*s, count, [samples](size_t i, Block& b) { b.push_back(samples[i]); });
}

void RecordingWriter::close(RecHandle h, std::function<void(Status)> on_closed) {
  Impl& m = *impl_;
  Slot* s = m.find(h);
  if (!s) {
    m.enqueue(Job{Job::kClose, 0, {}, {}, std::move(on_closed), 0});
    return;
  }
  m.hand_off(*s, false);
  Job close_job{Job::kClose, s->id, {}, {}, std::move(on_closed), 0};
  close_job.cues = std::move(s->cues);
  m.enqueue(std::move(close_job));
  s->cues.clear();
  s->live = false;
  {
    std::lock_guard lock(m.mu);
    if (s->block.capacity() > 0 && m.spare.size() < kMaxSpareBlocks) m.spare.push_back(std::move(s->block));
  }
  s->block = Block();
  m.free_slots.push_back(h.slot);
}

void RecordingWriter::mark(RecHandle h, const std::string& label) {
  Impl& m = *impl_;
  Slot* s = m.find(h);
  if (!s) return;
  s->cues.push_back({static_cast<uint32_t>(s->frames), label});
}

void RecordingWriter::drain() {
  Impl& m = *impl_;
  std::unique_lock lock(m.mu);
  const uint64_t target = m.enqueued;
  m.idle_cv.wait(lock, [&] { return m.processed >= target; });
}

RecorderStats RecordingWriter::stats() const {
  const Impl& m = *impl_;
  RecorderStats s;
  s.opened = m.opened.load(std::memory_order_relaxed);
  s.closed = m.closed.load(std::memory_order_relaxed);
  s.open_errors = m.open_errors.load(std::memory_order_relaxed);
  s.write_errors = m.write_errors.load(std::memory_order_relaxed);
  s.dropped_blocks = m.dropped.load(std::memory_order_relaxed);
  s.pending_blocks = m.pending.load(std::memory_order_relaxed);
  return s;
}

}  // namespace plateau::media
