#include "cases/rw_spinlock.hpp"

#include "cases/catalogue.hpp"
#include "lockstress/shared_lock_case.hpp"

namespace lockstress {

Case rw_spinlock_case() {
  return shared_lock_case<RwSpinlock<true>>(
      "rw_spinlock", "reader-writer spin lock on one word, readers and writers excluded",
      // A writer's bit is set by an acquiring compare-exchange on the only word and cleared by a
      // releasing fetch_and; readers come and go through the same word: every critical section is
      // ordered after the last writer's, and no reader meets a writer.
      Expect::safe, {2, kMaxThreads}, kLockDefaults);
}

Case rw_readers_dont_wait_case() {
  Case c = shared_lock_case<RwSpinlock<false>>(
      "rw_readers_dont_wait", "reader-writer spin lock whose readers never wait for the writer",
      // A reader reads the pair while a writer is half-way through it: torn reads (plain), and
      // its loads race with the writer's stores (tsan), since nothing orders them.
      Expect::race_caught_by_both(), {2, kMaxThreads}, kLockDefaults);
  // A torn read needs the reader and the writer on two CPUs at the same instant: either one
  // preempted holds its side of the lock, and the other then waits at its own. A busy machine
  // rarely gives them that, so the plain build gets ten times the iterations (bench/README.md,
  // "Torn reads under load"); TSan sees the race without it.
  c.detector_defaults = {{Detector::plain, {.threads = 2, .iterations = 100'000, .trials = 100}}};
  return c;
}

}  // namespace lockstress
