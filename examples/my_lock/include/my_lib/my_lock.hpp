#pragma once

#include <atomic>
#include <thread>

namespace my_lib {

// The lock being validated: a test-and-test-and-set spin lock that yields while it waits.
class MyLock {
 public:
  void lock() {
    while (held_.exchange(true, std::memory_order_acquire)) {
      while (held_.load(std::memory_order_relaxed)) std::this_thread::yield();
    }
  }
  void unlock() { held_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> held_{false};
};

// A deliberately broken lock: it checks that the lock is free, then takes it, in two steps, so
// two threads can both see it free and both enter.
class CheckThenSetLock {
 public:
  void lock() {
    // Spinning without a pause keeps both threads at the check, so both often see it free.
    while (held_.load(std::memory_order_acquire)) {
    }
    held_.store(true, std::memory_order_relaxed);
  }
  void unlock() { held_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> held_{false};
};

}  // namespace my_lib
