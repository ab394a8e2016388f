// Counts the synchronisation ThreadSanitizer sees, while the sync probe watches one lock
// operation (harness/runtime/sync_probe.cpp): every instrumented atomic operation (a call into
// the runtime's __tsan_atomic* entry points), every call TSan intercepts to synchronise
// (pthread_mutex_*, pthread_rwlock_*, sem_*, ...), and every annotation (__tsan_acquire,
// __tsan_mutex_*, Annotate*). A lock whose lock() or unlock() makes none is invisible to TSan:
// its inline assembly, volatile accesses or uninstrumented library code order nothing TSan knows.
//
// The runner is linked with -Wl,--wrap=<each of them> (LockstressSyncCount.cmake), so the calls
// of every object in it reach the __wrap_ functions here, which count and pass the call on to
// the runtime's own (__real_). Shared libraries are not relinked: an instrumented one's atomics
// go uncounted, which is why the probe says when one is loaded (its counts are then lower bounds).
// No instrumentation in here: nothing of it may reach the runtime but the call passed on.

#include <pthread.h>
#include <sanitizer/tsan_interface.h>
#include <sanitizer/tsan_interface_atomic.h>
#include <semaphore.h>
#include <time.h>

#define LOCKSTRESS_UNINSTRUMENTED __attribute__((disable_sanitizer_instrumentation))

namespace {

// Written by the probe's thread only, while no other thread of the runner runs the case; read
// back by it (plain: an atomic here would itself be a call into the runtime).
bool counting = false;
long operations = 0;
long acquires = 0;  // operations that order later accesses after another thread's (acquire side)
long releases = 0;  // operations that order earlier accesses before another thread's

LOCKSTRESS_UNINSTRUMENTED inline bool orders_acquire(__tsan_memory_order order) {
  return order == __tsan_memory_order_consume || order == __tsan_memory_order_acquire ||
         order == __tsan_memory_order_acq_rel || order == __tsan_memory_order_seq_cst;
}
LOCKSTRESS_UNINSTRUMENTED inline bool orders_release(__tsan_memory_order order) {
  return order == __tsan_memory_order_release || order == __tsan_memory_order_acq_rel ||
         order == __tsan_memory_order_seq_cst;
}
// An atomic operation: `reads` and `writes` say which sides of its order apply.
LOCKSTRESS_UNINSTRUMENTED inline void count_atomic(__tsan_memory_order order, bool reads,
                                                   bool writes) {
  if (!counting) return;
  ++operations;
  if (reads && orders_acquire(order)) ++acquires;
  if (writes && orders_release(order)) ++releases;
}
// An intercepted call or an annotation: TSan orders by it on both sides (a lock's acquire, an
// unlock's release), as far as this count is concerned.
LOCKSTRESS_UNINSTRUMENTED inline void count_call() {
  if (!counting) return;
  ++operations;
  ++acquires;
  ++releases;
}

}  // namespace

extern "C" {

LOCKSTRESS_UNINSTRUMENTED void lockstress_sync_count_begin() {
  operations = acquires = releases = 0;
  counting = true;
}

LOCKSTRESS_UNINSTRUMENTED void lockstress_sync_count_end(long* seen, long* acquire, long* release) {
  counting = false;
  *seen = operations;
  *acquire = acquires;
  *release = releases;
}

#define LS_LOAD(n)                                                                  \
  __tsan_atomic##n __real___tsan_atomic##n##_load(const volatile __tsan_atomic##n*, \
                                                  __tsan_memory_order);             \
  LOCKSTRESS_UNINSTRUMENTED __tsan_atomic##n __wrap___tsan_atomic##n##_load(        \
      const volatile __tsan_atomic##n* a, __tsan_memory_order mo) {                 \
    count_atomic(mo, true, false);                                                  \
    return __real___tsan_atomic##n##_load(a, mo);                                   \
  }
#define LS_STORE(n)                                                                  \
  void __real___tsan_atomic##n##_store(volatile __tsan_atomic##n*, __tsan_atomic##n, \
                                       __tsan_memory_order);                         \
  LOCKSTRESS_UNINSTRUMENTED void __wrap___tsan_atomic##n##_store(                    \
      volatile __tsan_atomic##n* a, __tsan_atomic##n v, __tsan_memory_order mo) {    \
    count_atomic(mo, false, true);                                                   \
    __real___tsan_atomic##n##_store(a, v, mo);                                       \
  }
#define LS_RMW(n, op)                                                                           \
  __tsan_atomic##n __real___tsan_atomic##n##_##op(volatile __tsan_atomic##n*, __tsan_atomic##n, \
                                                  __tsan_memory_order);                         \
  LOCKSTRESS_UNINSTRUMENTED __tsan_atomic##n __wrap___tsan_atomic##n##_##op(                    \
      volatile __tsan_atomic##n* a, __tsan_atomic##n v, __tsan_memory_order mo) {               \
    count_atomic(mo, true, true);                                                               \
    return __real___tsan_atomic##n##_##op(a, v, mo);                                            \
  }
#define LS_CAS(n, op)                                                                             \
  int __real___tsan_atomic##n##_##op(volatile __tsan_atomic##n*, __tsan_atomic##n*,               \
                                     __tsan_atomic##n, __tsan_memory_order, __tsan_memory_order); \
  LOCKSTRESS_UNINSTRUMENTED int __wrap___tsan_atomic##n##_##op(                                   \
      volatile __tsan_atomic##n* a, __tsan_atomic##n* c, __tsan_atomic##n v,                      \
      __tsan_memory_order mo, __tsan_memory_order fail) {                                         \
    count_atomic(mo, true, true);                                                                 \
    return __real___tsan_atomic##n##_##op(a, c, v, mo, fail);                                     \
  }
#define LS_CAS_VAL(n)                                                                        \
  __tsan_atomic##n __real___tsan_atomic##n##_compare_exchange_val(                           \
      volatile __tsan_atomic##n*, __tsan_atomic##n, __tsan_atomic##n, __tsan_memory_order,   \
      __tsan_memory_order);                                                                  \
  LOCKSTRESS_UNINSTRUMENTED __tsan_atomic##n __wrap___tsan_atomic##n##_compare_exchange_val( \
      volatile __tsan_atomic##n* a, __tsan_atomic##n c, __tsan_atomic##n v,                  \
      __tsan_memory_order mo, __tsan_memory_order fail) {                                    \
    count_atomic(mo, true, true);                                                            \
    return __real___tsan_atomic##n##_compare_exchange_val(a, c, v, mo, fail);                \
  }
#define LS_ATOMICS(n)                \
  LS_LOAD(n)                         \
  LS_STORE(n)                        \
  LS_RMW(n, exchange)                \
  LS_RMW(n, fetch_add)               \
  LS_RMW(n, fetch_sub)               \
  LS_RMW(n, fetch_and)               \
  LS_RMW(n, fetch_or)                \
  LS_RMW(n, fetch_xor)               \
  LS_RMW(n, fetch_nand)              \
  LS_CAS(n, compare_exchange_weak)   \
  LS_CAS(n, compare_exchange_strong) \
  LS_CAS_VAL(n)

LS_ATOMICS(8)
LS_ATOMICS(16)
LS_ATOMICS(32)
LS_ATOMICS(64)
LS_ATOMICS(128)

void __real___tsan_atomic_thread_fence(__tsan_memory_order);
LOCKSTRESS_UNINSTRUMENTED void __wrap___tsan_atomic_thread_fence(__tsan_memory_order mo) {
  count_atomic(mo, true, true);
  __real___tsan_atomic_thread_fence(mo);
}

// The calls TSan intercepts to synchronise, and its annotations: (result, name, parameters,
// arguments).
#define LS_CALL(result, name, parameters, arguments)          \
  result __real_##name parameters;                            \
  LOCKSTRESS_UNINSTRUMENTED result __wrap_##name parameters { \
    count_call();                                             \
    return __real_##name arguments;                           \
  }

LS_CALL(int, pthread_mutex_lock, (pthread_mutex_t * m), (m))
LS_CALL(int, pthread_mutex_trylock, (pthread_mutex_t * m), (m))
LS_CALL(int, pthread_mutex_timedlock, (pthread_mutex_t * m, const struct timespec* t), (m, t))
LS_CALL(int, pthread_mutex_unlock, (pthread_mutex_t * m), (m))
LS_CALL(int, pthread_rwlock_rdlock, (pthread_rwlock_t * l), (l))
LS_CALL(int, pthread_rwlock_tryrdlock, (pthread_rwlock_t * l), (l))
LS_CALL(int, pthread_rwlock_timedrdlock, (pthread_rwlock_t * l, const struct timespec* t), (l, t))
LS_CALL(int, pthread_rwlock_wrlock, (pthread_rwlock_t * l), (l))
LS_CALL(int, pthread_rwlock_trywrlock, (pthread_rwlock_t * l), (l))
LS_CALL(int, pthread_rwlock_timedwrlock, (pthread_rwlock_t * l, const struct timespec* t), (l, t))
LS_CALL(int, pthread_rwlock_unlock, (pthread_rwlock_t * l), (l))
LS_CALL(int, pthread_spin_lock, (pthread_spinlock_t * l), (l))
LS_CALL(int, pthread_spin_trylock, (pthread_spinlock_t * l), (l))
LS_CALL(int, pthread_spin_unlock, (pthread_spinlock_t * l), (l))
LS_CALL(int, pthread_cond_wait, (pthread_cond_t * c, pthread_mutex_t* m), (c, m))
LS_CALL(int, pthread_cond_timedwait,
        (pthread_cond_t * c, pthread_mutex_t* m, const struct timespec* t), (c, m, t))
LS_CALL(int, pthread_cond_clockwait,
        (pthread_cond_t * c, pthread_mutex_t* m, clockid_t k, const struct timespec* t),
        (c, m, k, t))
LS_CALL(int, pthread_cond_signal, (pthread_cond_t * c), (c))
LS_CALL(int, pthread_cond_broadcast, (pthread_cond_t * c), (c))
LS_CALL(int, pthread_barrier_wait, (pthread_barrier_t * b), (b))
LS_CALL(int, pthread_once, (pthread_once_t * o, void (*f)(void)), (o, f))
LS_CALL(int, sem_wait, (sem_t * s), (s))
LS_CALL(int, sem_trywait, (sem_t * s), (s))
LS_CALL(int, sem_timedwait, (sem_t * s, const struct timespec* t), (s, t))
LS_CALL(int, sem_post, (sem_t * s), (s))
LS_CALL(void, __tsan_acquire, (void* a), (a))
LS_CALL(void, __tsan_release, (void* a), (a))
LS_CALL(void, __tsan_mutex_pre_lock, (void* a, unsigned f), (a, f))
LS_CALL(void, __tsan_mutex_post_lock, (void* a, unsigned f, int r), (a, f, r))
LS_CALL(int, __tsan_mutex_pre_unlock, (void* a, unsigned f), (a, f))
LS_CALL(void, __tsan_mutex_post_unlock, (void* a, unsigned f), (a, f))
LS_CALL(void, AnnotateHappensBefore, (const char* f, int l, const volatile void* a), (f, l, a))
LS_CALL(void, AnnotateHappensAfter, (const char* f, int l, const volatile void* a), (f, l, a))
LS_CALL(void, AnnotateRWLockAcquired, (const char* f, int l, const volatile void* m, long w),
        (f, l, m, w))
LS_CALL(void, AnnotateRWLockReleased, (const char* f, int l, const volatile void* m, long w),
        (f, l, m, w))

}  // extern "C"
