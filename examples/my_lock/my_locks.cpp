#include <lockstress/lockstress.hpp>
#include <my_lib/my_lock.hpp>

int main(int argc, char** argv) {
  return lockstress::main(
      argc, argv,
      {
          lockstress::lock_case<my_lib::MyLock>(
              "my_lock", "my_lib::MyLock, a yielding test-and-test-and-set spin lock",
              lockstress::Expect::safe),
          // A lock known to be broken, to check that this machine and build catch it: both
          // threads can pass the check before either sets the flag, so updates are lost (plain)
          // and the counter's accesses race (TSan).
          lockstress::lock_case<my_lib::CheckThenSetLock>(
              "my_broken_lock", "check, then set: not atomic, so not a lock",
              lockstress::Expect::race_caught_by_both()),
      });
}
