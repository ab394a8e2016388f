// lockstress-faults: the test-only runner whose cases crash, hang or garble their output on
// purpose (tests/integration/faults_test.cpp checks what the driver reports for each).

#include "lockstress/lockstress.hpp"
#include "tests/faults/faults.hpp"

int main(int argc, char** argv) {
  using namespace lockstress::faults;
  return lockstress::main(
      argc, argv,
      {segfault_case(), abort_case(), throw_case(), exit_case(), garbage_case(),
       truncated_record_case(), forgetful_lock_case(), broken_lock_case(), report_flood_case(),
       slow_trials_case(), crawling_counter_case(), ticket_lock_case(), peterson_lock_case()});
}
