# What the sync probe counts in a TSan runner (sanitizers/tsan_sync_count.cpp): every entry point
# of the runtime through which TSan sees synchronisation, each wrapped at link time
# (-Wl,--wrap=<name>) so that the runner's own objects call the counting __wrap_<name>.
# lockstress_tsan_sync_wrapped(<out>) sets <out> to the names; tests/cmake/check_sync_wraps.cmake
# checks that the object defines a __wrap_ for each and no other.
function(lockstress_tsan_sync_wrapped out)
  set(names "")
  foreach(size 8 16 32 64 128)
    foreach(op load store exchange fetch_add fetch_sub fetch_and fetch_or fetch_xor fetch_nand
               compare_exchange_weak compare_exchange_strong compare_exchange_val)
      list(APPEND names __tsan_atomic${size}_${op})
    endforeach()
  endforeach()
  list(APPEND names __tsan_atomic_thread_fence
    pthread_mutex_lock pthread_mutex_trylock pthread_mutex_timedlock pthread_mutex_unlock
    pthread_rwlock_rdlock pthread_rwlock_tryrdlock pthread_rwlock_timedrdlock
    pthread_rwlock_wrlock pthread_rwlock_trywrlock pthread_rwlock_timedwrlock
    pthread_rwlock_unlock
    pthread_spin_lock pthread_spin_trylock pthread_spin_unlock
    pthread_cond_wait pthread_cond_timedwait pthread_cond_clockwait pthread_cond_signal
    pthread_cond_broadcast pthread_barrier_wait pthread_once
    sem_wait sem_trywait sem_timedwait sem_post
    __tsan_acquire __tsan_release __tsan_mutex_pre_lock __tsan_mutex_post_lock
    __tsan_mutex_pre_unlock __tsan_mutex_post_unlock
    AnnotateHappensBefore AnnotateHappensAfter AnnotateRWLockAcquired AnnotateRWLockReleased)
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

# The link options of a runner that counts: the wraps, and lazy binding, by which the probe tells
# which functions of which shared library a lock operation called first (its PLT slots are bound
# at the first call; harness/runtime/plt_watch.cpp).
function(lockstress_tsan_sync_link_options out)
  lockstress_tsan_sync_wrapped(names)
  list(TRANSFORM names PREPEND "--wrap=")
  list(JOIN names "," joined)
  set(${out} "LINKER:${joined}" "LINKER:-z,lazy" PARENT_SCOPE)
endfunction()
