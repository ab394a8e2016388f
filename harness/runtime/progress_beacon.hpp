#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "lockstress/workload.hpp"

namespace lockstress {

// Tells the driver that the trials are moving: writes one byte to `fd` (a pipe of its own, never
// the record stream, where it could split a sanitizer report's line) whenever the workload's
// progress() changed since the last look, every 200 ms. The driver's watchdog calls a trial hung
// only after no progress for its whole limit, so a lock that is merely slow is never called hung.
// Does nothing when fd < 0 or the workload cannot tell its progress.
class ProgressBeacon {
 public:
  ProgressBeacon(int fd, const Workload& workload);
  ~ProgressBeacon();
  ProgressBeacon(const ProgressBeacon&) = delete;
  ProgressBeacon& operator=(const ProgressBeacon&) = delete;

 private:
  void watch();

  int fd_;
  const Workload& workload_;
  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace lockstress
