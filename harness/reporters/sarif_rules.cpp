#include "harness/reporters/sarif_rules.hpp"

#include <array>
#include <cctype>
#include <string_view>

namespace lockstress {
namespace {

struct KnownKind {
  std::string_view kind;  // as harness/ingest/tsan_report.cpp keys it: TSan's words, remarks cut
  std::string_view meaning;
  std::string_view remedy;
};

// The report kinds of ThreadSanitizer's runtime (compiler-rt's ReportTypeString).
constexpr std::array<KnownKind, 14> kKinds{{
    {"data race",
     "Two threads accessed the same memory without synchronisation between them, and at least one "
     "access was a write: ThreadSanitizer saw no happens-before order between the two accesses. "
     "The result of the program depends on timing (a lost update, a torn or stale value), and in "
     "C++ the behaviour is undefined.",
     "Guard both accesses with one lock, or make the variable a `std::atomic` with memory orders "
     "that order the accesses (for a lock of your own: `acquire` where it is taken, `release` "
     "where it is given back). The related locations are the two accesses, and the code flows "
     "their whole stacks."},
    {"lock-order-inversion",
     "Two mutexes were taken in opposite orders by different threads (M0 then M1 in one, M1 then "
     "M0 in another): a potential deadlock, reported even when the run did not deadlock.",
     "Take the mutexes in one global order everywhere, or together with `std::scoped_lock`. The "
     "code flows show where each mutex was acquired while the other was held."},
    {"heap-use-after-free",
     "Memory was accessed after it was freed, by another thread than the one that freed it, with "
     "no synchronisation in between.",
     "Make sure no thread can still use an object when it is destroyed: join or otherwise wait "
     "for the users first, or share ownership (`std::shared_ptr`)."},
    {"data race on vptr",
     "A virtual call raced with the object's construction or destruction in another thread.",
     "Do not publish an object to other threads before its constructor returns, and do not "
     "destroy it while another thread may call it."},
    {"race on external object",
     "Two threads used an object of a library that declares its own thread-safety rules to "
     "ThreadSanitizer, in a way those rules forbid.",
     "Follow the library's threading contract for that object: one thread at a time, or a lock."},
    {"thread leak",
     "A thread was still running, neither joined nor detached, when the program ended.",
     "Join or detach every thread before the end of the program."},
    {"destroy of a locked mutex", "A mutex was destroyed while a thread held it.",
     "Unlock a mutex, and make sure no thread can still take it, before destroying it."},
    {"double lock of a mutex", "A thread locked a non-recursive mutex it already held.",
     "Unlock before locking again, or use a recursive mutex if re-entry is intended."},
    {"use of an invalid mutex",
     "A mutex operation used a mutex that was not initialised, or was already destroyed.",
     "Initialise a mutex before its first use and keep it alive until its last."},
    {"unlock of an unlocked mutex",
     "A mutex was unlocked that was not locked, or by a thread that did not hold it.",
     "Unlock only what the same thread locked: `std::lock_guard` or `std::unique_lock` pair them."},
    {"read lock of a write locked mutex",
     "A thread took a reader-writer lock for reading while it held it for writing.",
     "Release the write lock before taking the read lock."},
    {"read unlock of a write locked mutex",
     "A reader-writer lock held for writing was released as a read lock.",
     "Release a lock the way it was taken."},
    {"signal-unsafe call inside of a signal",
     "A signal handler called a function that is not async-signal-safe (malloc, printf, a mutex).",
     "Call only async-signal-safe functions in a signal handler: set a `volatile sig_atomic_t` "
     "flag or write to a pipe, and do the work outside the handler."},
    {"signal handler spoils errno",
     "A signal handler changed errno without restoring it, so the interrupted code can see a "
     "wrong error.",
     "Save errno on entry to the handler and restore it before returning."},
}};

constexpr std::string_view kFindings =
    "\n\n**In lockstress.** Each result is one unique report of a cell (case, variant, threads x "
    "iterations), with the trials it appeared in. A race that the case declares (a case made to "
    "show it, such as `unsafe_counter`) is a `note`: the detector worked. Any other report is an "
    "`error`: the case, or the lock it tests, has a bug that ThreadSanitizer proved on this run.";

}  // namespace

RuleText rule_text(const std::string& kind) {
  for (const KnownKind& known : kKinds) {
    if (known.kind != kind) continue;
    return {"ThreadSanitizer: " + kind, std::string(known.meaning),
            "**ThreadSanitizer: " + kind + "**\n\n" + std::string(known.meaning) +
                "\n\n**What to do.** " + std::string(known.remedy) + std::string(kFindings)};
  }
  const std::string meaning = "ThreadSanitizer reported a " + kind +
                              " (a kind of report lockstress has no description of): see the "
                              "report's text in the result for what it found.";
  return {"ThreadSanitizer: " + kind, meaning,
          "**ThreadSanitizer: " + kind + "**\n\n" + meaning + std::string(kFindings)};
}

std::string rule_id(const std::string& kind) {
  std::string id = "tsan/";
  for (char c : kind) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (keep) {
      id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (id.back() != '-' && id.back() != '/') {
      id += '-';
    }
  }
  while (id.back() == '-') id.pop_back();
  return id;
}

}  // namespace lockstress
