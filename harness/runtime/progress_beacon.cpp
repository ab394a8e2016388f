#include "harness/runtime/progress_beacon.hpp"

#include <unistd.h>

#include <chrono>

namespace lockstress {
namespace {

constexpr std::chrono::milliseconds kPeriod{200};

}  // namespace

ProgressBeacon::ProgressBeacon(int fd, const Workload& workload) : fd_(fd), workload_(workload) {
  if (fd_ >= 0 && workload_.progress() >= 0) thread_ = std::thread([this] { watch(); });
}

ProgressBeacon::~ProgressBeacon() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_one();
  thread_.join();
}

void ProgressBeacon::watch() {
  std::int64_t last = workload_.progress();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_requested_.wait_for(lock, kPeriod, [this] { return stopping_; })) {
    const std::int64_t now = workload_.progress();
    if (now == last) continue;
    last = now;
    // The driver made the pipe non-blocking and drains it as bytes arrive; a byte that does not
    // fit changes nothing, since the full pipe already holds news of progress.
    (void)!::write(fd_, "+", 1);
  }
}

}  // namespace lockstress
