// Unmodified header-only locks of other projects under the model: oneTBB's spin_mutex and
// Boost's detail::spinlock must lose nothing and race nowhere.

#include <gtest/gtest.h>

#include <cstdint>

#include "lockstress/unlocked_increment.hpp"
#include "sanitizers/model/model.hpp"
#include "tests/model/outcomes.hpp"

#if __has_include(<oneapi/tbb/spin_mutex.h>)
#include <oneapi/tbb/spin_mutex.h>
#define LOCKSTRESS_HAVE_TBB 1
#endif
#if __has_include(<boost/smart_ptr/detail/spinlock.hpp>)
#include <boost/smart_ptr/detail/spinlock.hpp>
#define LOCKSTRESS_HAVE_BOOST 1
#endif

namespace lockstress::model {
namespace {

std::int64_t counter;

template <class Lock>
void expect_clean(Lock& lock, const char* name) {
  for (Strategy strategy : {Strategy::pct, Strategy::random}) {
    for (Memory memory : {Memory::sc, Memory::c11}) {
      Options options = testing::with(strategy, memory, 40);
      options.keep_events = false;
      for (std::uint64_t seed = 1; seed <= 250; ++seed) {
        options.seed = seed;
        counter = 0;
        ScheduleResult result = run_schedule(options, 2, [&](int) {
          for (int i = 0; i < 3; ++i) {
            lock.lock();
            unlocked_increment(counter);
            lock.unlock();
          }
        });
        ASSERT_TRUE(result.completed()) << name << " seed " << seed << ": " << result.error;
        EXPECT_EQ(counter, 6) << name << " seed " << seed;
        EXPECT_TRUE(result.races.empty()) << name << " seed " << seed;
      }
    }
  }
}

#ifdef LOCKSTRESS_HAVE_TBB
TEST(ThirdParty, OneTbbSpinMutexIsClean) {
  tbb::spin_mutex lock;
  expect_clean(lock, "tbb::spin_mutex");
}
#endif

#ifdef LOCKSTRESS_HAVE_BOOST
TEST(ThirdParty, BoostDetailSpinlockIsClean) {
  boost::detail::spinlock lock = BOOST_DETAIL_SPINLOCK_INIT;
  expect_clean(lock, "boost::detail::spinlock");
}
#endif

}  // namespace
}  // namespace lockstress::model
