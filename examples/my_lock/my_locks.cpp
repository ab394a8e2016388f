#include <lockstress/lockstress.hpp>
#include <memory>
#include <my_lib/my_lock.hpp>
#include <my_lib/transfers.hpp>

int main(int argc, char** argv) {
  return lockstress::main(
      argc, argv,
      {
          lockstress::lock_case<my_lib::MyLock>(
              "my_lock", "my_lib::MyLock, a yielding test-and-test-and-set spin lock",
              lockstress::Expect::safe),
          // A lock known to be broken, to check that this machine and build catch it: both
          // threads can pass the check before either sets the flag, so updates are lost (plain,
          // and the model in some schedule) and the counter's accesses race (TSan).
          lockstress::lock_case<my_lib::CheckThenSetLock>(
              "my_broken_lock", "check, then set: not atomic, so not a lock",
              lockstress::Expect::race_caught_by_both().caught_by_model_too()),
          // The same lock under a workload of one's own: two accounts it keeps consistent.
          lockstress::Case{"my_transfers", "my_lib::MyLock guarding transfers between two accounts",
                           lockstress::Expect::safe,
                           lockstress::ThreadLimit{2, lockstress::kMaxThreads},
                           [](int /*threads*/) {
                             return std::make_unique<my_lib::Transfers<my_lib::MyLock>>();
                           }},
          // And the broken lock under it, to check that the workload catches what it should.
          lockstress::Case{"my_broken_transfers", "check-then-set guarding the same transfers",
                           lockstress::Expect::race_caught_by_both(),
                           lockstress::ThreadLimit{2, lockstress::kMaxThreads},
                           [](int /*threads*/) {
                             return std::make_unique<my_lib::Transfers<my_lib::CheckThenSetLock>>();
                           }},
      });
}
