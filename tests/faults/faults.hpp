#pragma once

#include "lockstress/case.hpp"

namespace lockstress::faults {

// Test-only cases that misbehave on purpose, so the tests can check what lockstress reports when
// the code under test crashes, hangs or garbles the runner's output. Each fault strikes in the
// third trial of its runner process (index 2 of a fresh run; index K+2 after a restart at K).
Case segfault_case();
Case abort_case();
Case throw_case();
Case exit_case();
Case garbage_case();
Case truncated_record_case();
Case forgetful_lock_case();
// A broken lock declared safe: what a safe cell that fails shows.
Case broken_lock_case();
// More TSan reports in one trial than the cap lets through.
Case report_flood_case();

// Correct but slow cases: what the watchdog must not call hung.
Case slow_trials_case();
Case crawling_counter_case();
Case ticket_lock_case();
Case peterson_lock_case();

}  // namespace lockstress::faults
