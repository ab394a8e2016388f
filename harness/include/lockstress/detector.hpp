#pragma once

namespace lockstress {

// The kinds of detector a build of the cases can be, and so what a case can expect to catch its
// race. Every variant (one build of the same sources: plain -O2, ThreadSanitizer, a build of your
// own at -O3) is one kind of detector; what each kind sees and misses is said in one table,
// harness/protocol/detectors.hpp.
//   plain: the hardware itself: a trial whose final count is wrong (lost updates).
//   tsan:  ThreadSanitizer's happens-before analysis: a trial with a report of the expected kind.
//   model: lockstress's own scheduler and model of the C++ memory model (sanitizers/model/): a
//          trial is one schedule of a small instance, which may lose updates or draw a report.
enum class Detector { plain, tsan, model };

}  // namespace lockstress
