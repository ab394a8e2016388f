#pragma once

#include <atomic>
#include <cstdint>

#include "cases/spin_wait.hpp"

namespace lockstress {

// A reader-writer spin lock on one word: a writer bit and a count of readers. A writer waits for
// the word to be 0 and sets the bit; a reader waits for the bit to be clear and adds one.
// kReadersWait false is the bug shared_lock_case exists to catch: lock_shared() counts the
// reader in without looking at the writer bit, so a reader may read beside a writer (a writer
// still waits for readers to leave, so it only ever starts alone).
template <bool kReadersWait>
class RwSpinlock {
 public:
  void lock() {
    for (SpinWait wait;;) {
      std::uint32_t expected = 0;
      if (word_.compare_exchange_weak(expected, kWriter, std::memory_order_acquire,
                                      std::memory_order_relaxed)) {
        return;
      }
      wait.once();
    }
  }
  void unlock() { word_.fetch_and(~kWriter, std::memory_order_release); }

  void lock_shared() {
    if constexpr (kReadersWait) {
      for (SpinWait wait;;) {
        std::uint32_t seen = word_.load(std::memory_order_relaxed);
        if ((seen & kWriter) == 0 &&
            word_.compare_exchange_weak(seen, seen + kReader, std::memory_order_acquire,
                                        std::memory_order_relaxed)) {
          return;
        }
        wait.once();
      }
    } else {
      word_.fetch_add(kReader, std::memory_order_acquire);
    }
  }
  void unlock_shared() { word_.fetch_sub(kReader, std::memory_order_release); }

 private:
  static constexpr std::uint32_t kWriter = 1;
  static constexpr std::uint32_t kReader = 2;
  std::atomic<std::uint32_t> word_{0};
};

}  // namespace lockstress
