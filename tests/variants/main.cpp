// The cases of lockstress-variants: a correct lock, and a broken one whose race the plain kind of
// detector must catch, so that both plain variants are held to it.

#include <atomic>
#include <mutex>

#include "lockstress/lockstress.hpp"

namespace {

// Checks, then sets, with a window between: two threads both see it free and both get in.
class CheckThenSetLock {
 public:
  void lock() {
    while (held_.load(std::memory_order_acquire)) {
    }
    held_.store(true, std::memory_order_release);
  }
  void unlock() { held_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> held_{false};
};

}  // namespace

int main(int argc, char** argv) {
  return lockstress::main(
      argc, argv,
      {
          lockstress::lock_case<std::mutex>("mutex", "std::mutex", lockstress::Expect::safe),
          lockstress::lock_case<CheckThenSetLock>(
              "check_then_set", "check, then set: both threads get in",
              lockstress::Expect::race_caught_by_plain_only(
                  "not required of TSan here: only the plain kind is under test")),
      });
}
