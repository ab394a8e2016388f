// The TSan runtime options of every lockstress TSan runner. TSAN_OPTIONS in the environment still
// overrides any of them (the driver records it in the summary's context when set).

extern "C" const char* __tsan_default_options() {
  return
      // Report a race again in every trial, not once per process. At its default (1) the runtime
      // stays silent about a race between two stacks it has already printed, and after the first
      // trial the per-trial report count would measure deduplication instead of detection.
      "suppress_equal_stacks=0:"
      // But once per address: the workloads' racy data moves to a fresh address every trial
      // (lockstress/trial_slot.hpp), so each trial still draws its own report, while a lock that
      // lets threads collide at every handover no longer floods a trial with a report for each
      // collision (TSan drops a repeat before building it). Measured: bench/README.md, "Report
      // floods".
      "suppress_equal_addresses=1:"
      // At exit, list each suppression that matched and how many reports it hid (TSan's own
      // default, spelled out because the summary's trace of suppressions is read from it:
      // harness/ingest/matched_suppressions.hpp).
      "print_suppressions=1:"
      // Never stop at the first report: the remaining trials still count.
      "halt_on_error=0:"
      // Print both acquisition stacks of each lock-order edge, so a lock-order-inversion report
      // names the code that took the locks, not only the cycle.
      "second_deadlock_stack=1:"
      // Frames as "#N function file:line:col", without the default's "(module+0xoffset) (BuildId:
      // ...)": clang 14 prints a frame in one append per piece, each clearing a fresh page, and
      // the module part is a third of them. Measured at 2 x 1,000: 40% less CPU per TSan trial.
      // Frames without source show "<null>" where the module would have been.
      "stack_trace_format='    #%n %f %S':"
      // The worker pool is joined before exit; a thread still alive then is worth a report, but
      // waiting a second for it (the default 1000 ms) only slows every runner's exit.
      "atexit_sleep_ms=0";
}
