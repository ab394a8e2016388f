#pragma once

#include <memory>
#include <string>

#include "harness/protocol/record_ring.hpp"

namespace lockstress {

// The memory a runner whose variant prints no reports puts its records in (RecordRing): made once
// per cell, given to each of its runners in turn, read while the runner runs and after it ended,
// however it ended.
class SharedRecords {
 public:
  // nullptr when no memory object can be made or mapped: the runners then write their records to
  // stderr, as they do without one.
  static std::unique_ptr<SharedRecords> create();
  ~SharedRecords();
  SharedRecords(const SharedRecords&) = delete;
  SharedRecords& operator=(const SharedRecords&) = delete;

  // The memory object, for the runner (close-on-exec; at 10 or above, see ChildSpec::shared_fd).
  int fd() const { return fd_; }
  // Empties the ring for the next runner; only once the last one has exited.
  void reset();
  // Appends the records put since the last take; false when the ring is in a state no runner
  // could have left it in.
  bool take(std::string& out) { return take_records(*ring_, out); }

 private:
  SharedRecords(int fd, RecordRing* ring) : fd_(fd), ring_(ring) {}
  int fd_;
  RecordRing* ring_;
};

}  // namespace lockstress
