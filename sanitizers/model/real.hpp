#pragma once

#include <atomic>

namespace lockstress::model {

// The definition an interposed function hides: a sanitizer's interceptor of the same name when
// one is linked (ASan's pthread_create, say, which must still see the thread), else the next
// definition after the executable's (libc's). Never null: a missing one aborts with its name.
void* resolve_real(const char* name, void* interceptor);

}  // namespace lockstress::model

// Declares the (weak, usually absent) sanitizer interceptor of `name`, as sanitizer runtimes
// name them: __interceptor_<name>.
#define LOCKSTRESS_MODEL_INTERCEPTOR(name) \
  extern "C" decltype(::name) __interceptor_##name __attribute__((weak))

// The real `name`, resolved once. A macro because the interceptor's name is built from `name`.
#define LOCKSTRESS_MODEL_REAL(name)                                              \
  ([]() -> decltype(&::name) {                                                   \
    static std::atomic<decltype(&::name)> cache{nullptr};                        \
    decltype(&::name) f = cache.load(std::memory_order_acquire);                 \
    if (f == nullptr) {                                                          \
      f = reinterpret_cast<decltype(&::name)>(::lockstress::model::resolve_real( \
          #name, reinterpret_cast<void*>(&__interceptor_##name)));               \
      cache.store(f, std::memory_order_release);                                 \
    }                                                                            \
    return f;                                                                    \
  }())
