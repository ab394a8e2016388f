// Real locks from Debian's packages through lockstress's public API, as a user's project would
// write them (tests/package/real_locks_test.cmake builds it against the installed package and
// checks every verdict): oneTBB, Boost, Concurrency Kit (its C-only queue locks through
// ck_shim.c), absl::Mutex and the C++ standard library's timed mutex, beside locks broken on
// purpose, each declaring which detectors must catch it.

#include <absl/synchronization/mutex.h>
#include <ck_rwlock.h>
#include <oneapi/tbb/mutex.h>
#include <spinlock/cas.h>
#include <spinlock/fas.h>
#include <spinlock/ticket.h>
#include <tbb/queuing_mutex.h>
#include <tbb/queuing_rw_mutex.h>
#include <tbb/spin_mutex.h>
#include <tbb/spin_rw_mutex.h>

#include <atomic>
#include <boost/interprocess/sync/interprocess_mutex.hpp>
#include <boost/smart_ptr/detail/spinlock.hpp>
#include <lockstress/lockstress.hpp>
#include <mutex>
#include <thread>

#include "ck_shim.h"

// Where TSan is linked, its annotations; elsewhere (the plain runner) null.
extern "C" {
__attribute__((weak)) void __tsan_acquire(void* address);
__attribute__((weak)) void __tsan_release(void* address);
}

namespace {

using lockstress::c_lock_case;
using lockstress::c_shared_lock_case;
using lockstress::c_try_lock_case;
using lockstress::Defaults;
using lockstress::Expect;
using lockstress::lock_case;
using lockstress::shared_lock_case;
using lockstress::ThreadLimit;
using lockstress::try_lock_case;

// Every case at 2 threads x 10,000 iterations x 30 trials: enough for the broken ones to show in
// every detector that must catch them (the test reruns once at 4 x the iterations when the
// control misses), small enough for the TSan trials of locks TSan cannot see (one report a trial).
constexpr Defaults kSmall{.threads = 2, .iterations = 10'000, .trials = 30};
constexpr ThreadLimit kAny{};
constexpr ThreadLimit kTwoOrMore{2, lockstress::kMaxThreads};

// A torn read needs the reader and the writer on two CPUs at the same instant, which a busy
// machine rarely gives them: the plain build runs ten times the iterations, as the built-in
// rw_readers_dont_wait does (lockstress's bench/README.md, "Torn reads under load").
lockstress::Case with_plain_iterations_for_torn_reads(lockstress::Case c) {
  c.detector_defaults = {{lockstress::Detector::plain,
                          {.threads = 2, .iterations = 100'000, .trials = kSmall.trials}}};
  return c;
}

// Concurrency Kit's fas spin lock with the remedy the summary names: annotations, under TSan.
struct AnnotatedCkFas {
  ck_spinlock_fas_t word = CK_SPINLOCK_FAS_INITIALIZER;
  void lock() {
    ck_spinlock_fas_lock(&word);
    if (__tsan_acquire) __tsan_acquire(&word);
  }
  void unlock() {
    if (__tsan_release) __tsan_release(&word);
    ck_spinlock_fas_unlock(&word);
  }
};

// Broken on purpose: a check-then-set "lock" written with Concurrency Kit's atomics. The plain
// build loses updates; TSan sees none of it (inline assembly), so only the plain build can tell.
struct CkCheckThenSet {
  unsigned int held = 0;
  void lock() {
    while (ck_pr_load_uint(&held) != 0) ck_pr_stall();
    ck_pr_store_uint(&held, 1);
  }
  void unlock() {
    ck_pr_fence_release();
    ck_pr_store_uint(&held, 0);
  }
};

// Broken on purpose: oneTBB's spin_mutex behind a try that reports success whether it took the
// lock or not.
struct OverconfidentTry {
  tbb::spin_mutex mutex;
  bool try_lock() {
    (void)mutex.try_lock();
    return true;
  }
  void unlock() { mutex.unlock(); }
};

// Broken on purpose: an MCS lock with a relaxed handoff (real-locks.md: a user's lock). Mutual
// exclusion holds; ordering does not. x86 orders every store, so only TSan sees it.
struct RelaxedMcs {
  struct Node {
    std::atomic<Node*> next{nullptr};
    std::atomic<bool> waiting{false};
  };
  std::atomic<Node*> tail{nullptr};
  void lock(Node& node) {
    node.next.store(nullptr, std::memory_order_relaxed);
    node.waiting.store(true, std::memory_order_relaxed);
    Node* previous = tail.exchange(&node, std::memory_order_acq_rel);
    if (previous == nullptr) return;
    previous->next.store(&node, std::memory_order_release);
    while (node.waiting.load(std::memory_order_relaxed)) std::this_thread::yield();
  }
  void unlock(Node& node) {
    Node* successor = node.next.load(std::memory_order_acquire);
    if (successor == nullptr) {
      Node* expected = &node;
      if (tail.compare_exchange_strong(expected, nullptr, std::memory_order_release)) return;
      while ((successor = node.next.load(std::memory_order_acquire)) == nullptr) {
        std::this_thread::yield();
      }
    }
    successor->waiting.store(false, std::memory_order_relaxed);  // the bug: no release
  }
};

// Broken on purpose: a reader-writer lock whose readers never wait for the writer.
struct ReadersDontWait {
  std::atomic<int> word{0};  // bit 0: a writer; the rest: readers x 2
  void lock() {
    for (int expected = 0; !word.compare_exchange_weak(expected, 1, std::memory_order_acquire);
         expected = 0) {
      std::this_thread::yield();
    }
  }
  void unlock() { word.fetch_and(~1, std::memory_order_release); }
  void lock_shared() { word.fetch_add(2, std::memory_order_acquire); }
  void unlock_shared() { word.fetch_sub(2, std::memory_order_release); }
};

constexpr const char* kTsanCannotSeeCk =
    "Concurrency Kit's ck_pr_* are inline assembly on x86-64: TSan sees none of this lock";

}  // namespace

int main(int argc, char** argv) {
  return lockstress::main(
      argc, argv,
      {
          // oneTBB 2021: its locks are headers over instrumented atomics (the library only holds
          // the waits of tbb::mutex and the queuing locks).
          lock_case<tbb::spin_mutex>("tbb_spin_mutex", "oneTBB spin_mutex", Expect::safe, kAny,
                                     kSmall),
          lock_case<tbb::mutex>("tbb_mutex", "oneTBB mutex (spins, then waits on its address)",
                                Expect::safe, kAny, kSmall),
          lock_case<tbb::queuing_mutex, tbb::queuing_mutex::scoped_lock>(
              "tbb_queuing_mutex", "oneTBB queuing_mutex, each thread's scoped_lock its own",
              Expect::safe, kAny, kSmall),
          shared_lock_case<tbb::spin_rw_mutex>("tbb_spin_rw_mutex",
                                               "oneTBB spin_rw_mutex, writers and readers",
                                               Expect::safe, kTwoOrMore, kSmall),
          shared_lock_case<tbb::queuing_rw_mutex, tbb::queuing_rw_mutex::scoped_lock>(
              "tbb_queuing_rw_mutex", "oneTBB queuing_rw_mutex, scoped_lock per thread",
              Expect::safe, kTwoOrMore, kSmall),
          try_lock_case<tbb::spin_mutex>("tbb_spin_mutex_try", "oneTBB spin_mutex::try_lock loops",
                                         Expect::safe, kAny, kSmall),
          // Boost 1.74, header-only.
          lock_case<boost::detail::spinlock>(
              "boost_spinlock", "boost::detail::spinlock, a POD made by its initialiser",
              Expect::safe, [] { return boost::detail::spinlock BOOST_DETAIL_SPINLOCK_INIT; }, kAny,
              kSmall),
          lock_case<boost::interprocess::interprocess_mutex>(
              "boost_interprocess_mutex", "boost::interprocess::interprocess_mutex", Expect::safe,
              kAny, kSmall),
          // Concurrency Kit 0.7.1: inline assembly, which no sanitizer sees.
          c_lock_case<ck_spinlock_fas_lock, ck_spinlock_fas_unlock>(
              "ck_fas", "Concurrency Kit fas spin lock (C, used as it is)", Expect::safe, kAny,
              kSmall),
          c_lock_case<ck_spinlock_ticket_lock, ck_spinlock_ticket_unlock>(
              "ck_ticket", "Concurrency Kit ticket lock", Expect::safe, kAny, kSmall),
          c_try_lock_case<ck_spinlock_cas_trylock, ck_spinlock_cas_unlock>(
              "ck_cas_try", "Concurrency Kit cas spin lock, trylock loops", Expect::safe, kAny,
              kSmall),
          c_lock_case<ck_mcs_take, ck_mcs_give>(
              "ck_mcs", "Concurrency Kit MCS lock through the C shim, a node per thread",
              Expect::safe, kAny, kSmall),
          c_lock_case<ck_clh_take, ck_clh_give, ck_clh_init>(
              "ck_clh", "Concurrency Kit CLH lock through the C shim, a node per thread",
              Expect::safe, kAny, kSmall),
          c_shared_lock_case<ck_rwlock_write_lock, ck_rwlock_write_unlock, ck_rwlock_read_lock,
                             ck_rwlock_read_unlock>("ck_rwlock",
                                                    "Concurrency Kit rwlock, writers and readers",
                                                    Expect::safe, kTwoOrMore, kSmall),
          lock_case<AnnotatedCkFas>("ck_fas_annotated",
                                    "Concurrency Kit fas with __tsan_acquire / __tsan_release",
                                    Expect::safe, kAny, kSmall),
          // absl 20220623 as Debian ships it: a compiled library, without -fsanitize=thread.
          lock_case<absl::Mutex>("absl_mutex", "absl::Mutex (Lock / Unlock)", Expect::safe, kAny,
                                 kSmall),
          shared_lock_case<absl::Mutex>("absl_mutex_rw", "absl::Mutex, Lock and ReaderLock",
                                        Expect::safe, kTwoOrMore, kSmall),
          // libstdc++ 12: try_lock_for waits in pthread_mutex_clocklock, which clang 14's TSan
          // does not intercept.
          try_lock_case<std::timed_mutex>("std_timed_mutex_try",
                                          "std::timed_mutex, try_lock and try_lock_for loops",
                                          Expect::safe, kAny, kSmall),
          // Broken on purpose.
          lock_case<CkCheckThenSet>(
              "ck_check_then_set", "a check-then-set lock from Concurrency Kit's atomics",
              Expect::race_caught_by_plain_only(kTsanCannotSeeCk), kAny, kSmall),
          try_lock_case<OverconfidentTry>("tbb_overconfident_try",
                                          "oneTBB spin_mutex behind a try that always says yes",
                                          Expect::race_caught_by_both(), kAny, kSmall),
          lock_case<RelaxedMcs, RelaxedMcs::Node>(
              "mcs_relaxed_handoff", "an MCS lock whose handoff store is relaxed",
              Expect::race_caught_by_tsan_only("x86 orders every store as a release anyway"), kAny,
              kSmall),
          with_plain_iterations_for_torn_reads(shared_lock_case<ReadersDontWait>(
              "rw_readers_dont_wait", "a reader-writer lock whose readers never wait",
              Expect::race_caught_by_both(), kTwoOrMore, kSmall)),
      });
}
