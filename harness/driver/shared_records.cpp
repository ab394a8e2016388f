#include "harness/driver/shared_records.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <new>

namespace lockstress {

std::unique_ptr<SharedRecords> SharedRecords::create() {
  const int made = ::memfd_create("lockstress-records", MFD_CLOEXEC);
  if (made < 0) return nullptr;
  // At 10 or above, so that the child's dup2 onto kSharedFd is a real copy (see child_process).
  const int fd = ::fcntl(made, F_DUPFD_CLOEXEC, 10);
  ::close(made);
  if (fd < 0) return nullptr;
  RecordRing* ring = nullptr;
  if (::ftruncate(fd, sizeof(RecordRing)) == 0) ring = map_record_ring(fd);
  if (ring == nullptr) {
    ::close(fd);
    return nullptr;
  }
  new (ring) RecordRing;
  return std::unique_ptr<SharedRecords>(new SharedRecords(fd, ring));
}

SharedRecords::~SharedRecords() {
  unmap_record_ring(ring_);
  ::close(fd_);
}

void SharedRecords::reset() {
  ring_->written.store(0, std::memory_order_relaxed);
  ring_->taken.store(0, std::memory_order_relaxed);
}

}  // namespace lockstress
