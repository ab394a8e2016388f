#include "harness/driver/case_defaults.hpp"

#include <algorithm>

namespace lockstress {
namespace {

void replace_set_fields(CaseDefaults& out, const Defaults& own) {
  if (own.threads > 0) out.threads = own.threads;
  if (own.iterations > 0) out.iterations = own.iterations;
  if (own.trials > 0) out.trials = own.trials;
}

}  // namespace

CaseDefaults case_defaults(const Case& c, Detector kind) {
  const DetectorInfo& info = detector_info(kind);
  CaseDefaults out{std::clamp(info.defaults.threads, c.threads.min, c.threads.max),
                   info.defaults.iterations, info.defaults.trials};
  if (info.takes_case_defaults) replace_set_fields(out, c.defaults);
  for (const DetectorDefaults& own : c.detector_defaults) {
    if (own.detector == kind) replace_set_fields(out, own.defaults);
  }
  return out;
}

}  // namespace lockstress
