// oneTBB's address waits (tbb::detail::r1, in libtbb.so), which oneTBB's mutex, queuing_mutex
// and waitable atomics call from its headers. Defined here, they are the model's on a
// schedule's thread and libtbb's own elsewhere. Built only where oneTBB's headers are found.

#include <dlfcn.h>
#include <oneapi/tbb/detail/_waitable_atomic.h>

#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "sanitizers/model/blocking.hpp"

using namespace lockstress::model;

namespace {

template <class F>
F libtbb(const char* mangled) {
  void* f = dlsym(RTLD_NEXT, mangled);
  if (f == nullptr) {
    std::fprintf(stderr, "lockstress model: %s called outside a schedule, without libtbb\n",
                 mangled);
    std::abort();
  }
  return reinterpret_cast<F>(f);
}

void notify(ModelThread& self, void* address, int count, const char* call) {
  enter_call(self, call, address);
  self.schedule->wake(address, count);
}

}  // namespace

namespace tbb::detail::r1 {

void __TBB_EXPORTED_FUNC wait_on_address(void* address, d1::delegate_base& wakeup_condition,
                                         std::uintptr_t context) {
  if (current_thread() == nullptr) {
    using Real = void (*)(void*, d1::delegate_base&, std::uintptr_t);
    return libtbb<Real>("_ZN3tbb6detail2r115wait_on_addressEPvRNS0_2d113delegate_baseEm")(
        address, wakeup_condition, context);
  }
  enter_call(*EntryGuard(), "tbb::detail::r1::wait_on_address", address);
  // libtbb waits only while the condition is false, and returns at a notification. The condition
  // is the program's code, so it runs outside the runtime, on the schedule.
  if (wakeup_condition()) return;
  const EntryGuard self;
  self->schedule->block(*self, "tbb::detail::r1::wait_on_address", address, -1,
                        reinterpret_cast<std::uintptr_t>(__builtin_return_address(0)));
}

void __TBB_EXPORTED_FUNC notify_by_address(void* address, std::uintptr_t context) {
  const EntryGuard self;
  if (self == nullptr) {
    using Real = void (*)(void*, std::uintptr_t);
    return libtbb<Real>("_ZN3tbb6detail2r117notify_by_addressEPvm")(address, context);
  }
  // Every waiter on the address, whatever its context: a waiter woken early checks again.
  notify(*self, address, INT_MAX, "tbb::detail::r1::notify_by_address");
}

void __TBB_EXPORTED_FUNC notify_by_address_one(void* address) {
  const EntryGuard self;
  if (self == nullptr) {
    using Real = void (*)(void*);
    return libtbb<Real>("_ZN3tbb6detail2r121notify_by_address_oneEPv")(address);
  }
  notify(*self, address, 1, "tbb::detail::r1::notify_by_address_one");
}

void __TBB_EXPORTED_FUNC notify_by_address_all(void* address) {
  const EntryGuard self;
  if (self == nullptr) {
    using Real = void (*)(void*);
    return libtbb<Real>("_ZN3tbb6detail2r121notify_by_address_allEPv")(address);
  }
  notify(*self, address, INT_MAX, "tbb::detail::r1::notify_by_address_all");
}

}  // namespace tbb::detail::r1
