#pragma once

#include <sys/mman.h>

#include <atomic>
#include <cstddef>
#include <new>
#include <type_traits>

// Whether this build is instrumented for ThreadSanitizer (the tsan variant's runner, and any
// variant that compiles the cases with -fsanitize=thread): clang's __has_feature, gcc's macro.
#if defined(__SANITIZE_THREAD__)
#define LOCKSTRESS_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LOCKSTRESS_THREAD_SANITIZER 1
#endif
#endif
#ifndef LOCKSTRESS_THREAD_SANITIZER
#define LOCKSTRESS_THREAD_SANITIZER 0
#endif

namespace lockstress {

// The storage of a workload's racy data (the counter a lock guards), renewed before every trial.
//
// Under ThreadSanitizer every trial gets an address never used before in the process. The TSan
// runner keeps suppress_equal_addresses on (sanitizers/tsan_options.cpp): TSan then prints the
// first race on an address and drops every later one on it before building its report, so a
// broken lock that races at every handover costs one report a trial instead of thousands, while
// each trial, racing on its own address, still draws its own report (bench/README.md, "Report
// floods"). Addresses are never reused, so memory grows by sizeof(T) a trial (8 bytes for a
// counter: 8 MB per million trials), in blocks mapped outside the heap, so that reports carry no
// allocation stack.
//
// In any other build the value stays at one place inside the workload, on a cache line of its
// own: what the plain runner's detection was measured with (see CounterWorkload).
template <class T>
class TrialSlot {
  static_assert(std::is_trivially_destructible_v<T>, "a trial's data is never destroyed");

 public:
  TrialSlot() { renew(); }
  TrialSlot(const TrialSlot&) = delete;
  TrialSlot& operator=(const TrialSlot&) = delete;

#if LOCKSTRESS_THREAD_SANITIZER
  // A value-initialised T for the next trial. (Blocks stay mapped until the process ends.)
  T& renew() {
    if (used_ == kPerBlock || block_ == nullptr) {
      void* block = ::mmap(nullptr, kBlockBytes, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      if (block == MAP_FAILED) throw std::bad_alloc();
      block_ = static_cast<Cell*>(block);
      used_ = 0;
    }
    T* fresh = ::new (static_cast<void*>(&block_[used_++])) T{};
    current_.store(fresh, std::memory_order_relaxed);
    return *fresh;
  }
  T& get() const { return *current_.load(std::memory_order_relaxed); }

 private:
  // At least 8 bytes a trial, 8-aligned: TSan's shadow cells are 8 bytes, and two trials'
  // values never share one.
  struct alignas(alignof(T) > 8 ? alignof(T) : 8) Cell {
    unsigned char bytes[sizeof(T)];
  };
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
  static constexpr std::size_t kPerBlock = kBlockBytes / sizeof(Cell);

  Cell* block_ = nullptr;
  std::size_t used_ = 0;
  // Read by the progress beacon while a trial runs; renewed only between trials.
  std::atomic<T*> current_{nullptr};
#else
  // A value-initialised T for the next trial.
  T& renew() {
    line_.value = T{};
    return line_.value;
  }
  T& get() const { return line_.value; }

 private:
  struct alignas(64) Line {
    T value{};
  };
  mutable Line line_;
#endif
};

}  // namespace lockstress
