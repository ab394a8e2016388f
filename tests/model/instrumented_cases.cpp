// Instrumented for the entry-point check only: the third-party locks' code, so that nm sees
// every __tsan_* entry point their headers need (the built-in cases are checked beside it).
#include <cstdint>

#if __has_include(<oneapi/tbb/spin_mutex.h>)
#include <oneapi/tbb/mutex.h>
#include <oneapi/tbb/queuing_mutex.h>
#include <oneapi/tbb/spin_mutex.h>
#endif
#if __has_include(<boost/smart_ptr/detail/spinlock.hpp>)
#include <boost/smart_ptr/detail/spinlock.hpp>
#endif

void lockstress_model_third_party_locks(std::int64_t& count) {
#if __has_include(<oneapi/tbb/spin_mutex.h>)
  static tbb::spin_mutex spin;
  static tbb::mutex mutex;
  static tbb::queuing_mutex queuing;
  {
    tbb::spin_mutex::scoped_lock hold(spin);
    tbb::mutex::scoped_lock hold_mutex(mutex);
    tbb::queuing_mutex::scoped_lock hold_queuing(queuing);
    ++count;
  }
#endif
#if __has_include(<boost/smart_ptr/detail/spinlock.hpp>)
  static boost::detail::spinlock boost_lock = BOOST_DETAIL_SPINLOCK_INIT;
  boost_lock.lock();
  ++count;
  boost_lock.unlock();
#endif
}
