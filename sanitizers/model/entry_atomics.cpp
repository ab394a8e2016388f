// The __tsan_atomic* entry points clang's -fsanitize=thread emits (and g++'s compare-exchange
// forms), for 1, 2, 4, 8 and 16 bytes. On a schedule's thread each is a switch point and goes
// through the memory model; elsewhere it is the plain atomic operation.

#include <cstdint>

#include "sanitizers/model/raw_memory.hpp"
#include "sanitizers/model/schedule.hpp"

namespace lockstress::model {
namespace {

std::atomic_flag g_wide = ATOMIC_FLAG_INIT;

enum class Rmw { exchange, add, sub, and_, or_, xor_, nand };

template <class T>
T apply(Rmw op, T old, T v) {
  switch (op) {
    case Rmw::exchange:
      return v;
    case Rmw::add:
      return static_cast<T>(old + v);
    case Rmw::sub:
      return static_cast<T>(old - v);
    case Rmw::and_:
      return static_cast<T>(old & v);
    case Rmw::or_:
      return static_cast<T>(old | v);
    case Rmw::xor_:
      return static_cast<T>(old ^ v);
    case Rmw::nand:
      return static_cast<T>(~(old & v));
  }
  return v;
}

void fill(Event& event, const MemoryModel::Read& read, std::uintptr_t address, std::uint32_t size,
          int order) {
  event.order = static_cast<std::uint8_t>(order);
  event.size = size;
  event.location = read.location;
  event.address = address;
  event.value = read.value;
  event.read_from = read.index;
  event.read_from_thread = read.store_thread;
  event.read_from_step = read.store_step;
  event.stale = read.stale;
}

template <class T>
T load(const volatile T* a, int order, std::uintptr_t pc) {
  const EntryGuard self;
  if (self == nullptr) return raw_load(a);
  Schedule& s = *self->schedule;
  const auto address = reinterpret_cast<std::uintptr_t>(a);
  s.switch_point(*self, s.is_spin_read(*self, address));
  const bool force_latest = self->spin_reads >= s.options().spin_reads_before_latest;
  const MemoryModel::Read read =
      s.memory().load(self->memory, self->id, address, sizeof(T), widen(raw_load(a)), order,
                      force_latest, s.step(), s.chooser());
  if (self->ignore == 0) s.check_access(*self, address, sizeof(T), false, true, pc);
  fill(s.record(*self, Op::load), read, address, sizeof(T), order);
  if (read.stale) ++s.result().stale_reads;
  return narrow<T>(read.value);
}

template <class T>
void store(volatile T* a, T v, int order, std::uintptr_t pc) {
  const EntryGuard self;
  if (self == nullptr) return raw_store(a, v);
  Schedule& s = *self->schedule;
  const auto address = reinterpret_cast<std::uintptr_t>(a);
  s.switch_point(*self);
  const T real = raw_load(a);
  const int location = s.memory().touch(address, sizeof(T), widen(real));
  raw_store(a, v);
  s.memory().store(self->memory, self->id, location, widen(v), order, false, s.step());
  if (widen(v) != widen(real)) s.stored();
  if (self->ignore == 0) s.check_access(*self, address, sizeof(T), true, true, pc);
  Event& event = s.record(*self, Op::store);
  event.order = static_cast<std::uint8_t>(order);
  event.size = sizeof(T);
  event.location = location;
  event.address = address;
  event.value = widen(v);
}

// The read and the write of a read-modify-write (or the read of a failed compare-exchange).
template <class T>
T modify(ModelThread& self, volatile T* a, int order, std::uintptr_t pc, bool writes, T desired,
         Op op) {
  Schedule& s = *self.schedule;
  const auto address = reinterpret_cast<std::uintptr_t>(a);
  const T real = raw_load(a);
  const MemoryModel::Read read = s.memory().read_latest(self.memory, self.id, address, sizeof(T),
                                                        widen(real), order, s.step());
  if (writes) {
    raw_store(a, desired);
    s.memory().store(self.memory, self.id, read.location, widen(desired), order, true, s.step());
    if (widen(desired) != widen(real)) s.stored();
  }
  if (self.ignore == 0) s.check_access(self, address, sizeof(T), writes, true, pc);
  Event& event = s.record(self, op);
  fill(event, read, address, sizeof(T), order);
  if (writes) event.value = widen(desired);
  return real;
}

template <class T>
T rmw(volatile T* a, T v, int order, Rmw op, std::uintptr_t pc) {
  const EntryGuard self;
  if (self == nullptr) {
    if constexpr (sizeof(T) <= 8) {
      switch (op) {
        case Rmw::exchange:
          return __atomic_exchange_n(a, v, __ATOMIC_SEQ_CST);
        case Rmw::add:
          return __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST);
        case Rmw::sub:
          return __atomic_fetch_sub(a, v, __ATOMIC_SEQ_CST);
        case Rmw::and_:
          return __atomic_fetch_and(a, v, __ATOMIC_SEQ_CST);
        case Rmw::or_:
          return __atomic_fetch_or(a, v, __ATOMIC_SEQ_CST);
        case Rmw::xor_:
          return __atomic_fetch_xor(a, v, __ATOMIC_SEQ_CST);
        case Rmw::nand:
          return __atomic_fetch_nand(a, v, __ATOMIC_SEQ_CST);
      }
    }
    lock_wide();
    T old = raw_load_unlocked(a);
    raw_store_unlocked(a, apply(op, old, v));
    unlock_wide();
    return old;
  }
  Schedule& s = *self->schedule;
  const auto address = reinterpret_cast<std::uintptr_t>(a);
  const T before = raw_load(a);
  // An exchange that stores what is there already changes nothing: a spinning test-and-set.
  const bool unchanged = widen(apply(op, before, v)) == widen(before);
  s.switch_point(*self, unchanged && s.is_spin_read(*self, address));
  const T old = raw_load(a);
  return modify(*self, a, order, pc, true, apply(op, old, v), Op::rmw);
}

template <class T>
bool compare_exchange(volatile T* a, T* expected, T desired, int order, int fail_order,
                      std::uintptr_t pc) {
  const EntryGuard self;
  if (self == nullptr) {
    if constexpr (sizeof(T) <= 8) {
      return __atomic_compare_exchange_n(a, expected, desired, false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
    }
    lock_wide();
    T old = raw_load_unlocked(a);
    const bool equal = widen(old) == widen(*expected);
    if (equal) raw_store_unlocked(a, desired);
    unlock_wide();
    if (!equal) *expected = old;
    return equal;
  }
  Schedule& s = *self->schedule;
  const auto address = reinterpret_cast<std::uintptr_t>(a);
  const bool would_fail = widen(raw_load(a)) != widen(*expected);
  s.switch_point(*self, would_fail && s.is_spin_read(*self, address));
  // A compare-exchange reads the latest store (a failed one too: the model does not let it
  // read an older one, nor a weak one fail spuriously).
  const bool equal = widen(raw_load(a)) == widen(*expected);
  const T old = equal ? modify(*self, a, order, pc, true, desired, Op::rmw)
                      : modify(*self, a, fail_order, pc, false, desired, Op::cas_fail);
  if (!equal) *expected = old;
  return equal;
}

void fence(int order) {
  const EntryGuard self;
  if (self == nullptr) return __atomic_thread_fence(__ATOMIC_SEQ_CST);
  Schedule& s = *self->schedule;
  s.switch_point(*self);
  s.memory().fence(self->memory, self->id, order, s.step());
  s.record(*self, Op::fence).order = static_cast<std::uint8_t>(order);
}

}  // namespace

void lock_wide() {
  while (g_wide.test_and_set(std::memory_order_acquire)) {
  }
}
void unlock_wide() { g_wide.clear(std::memory_order_release); }

}  // namespace lockstress::model

using lockstress::model::Rmw;
#define PC reinterpret_cast<std::uintptr_t>(__builtin_return_address(0))

// One block per width: the same twelve operations, by the names the instrumentation calls.
#define LOCKSTRESS_MODEL_ATOMICS(bits, T)                                                        \
  extern "C" T __tsan_atomic##bits##_load(const volatile T* a, int mo) {                         \
    return lockstress::model::load(a, mo, PC);                                                   \
  }                                                                                              \
  extern "C" void __tsan_atomic##bits##_store(volatile T* a, T v, int mo) {                      \
    lockstress::model::store(a, v, mo, PC);                                                      \
  }                                                                                              \
  extern "C" T __tsan_atomic##bits##_exchange(volatile T* a, T v, int mo) {                      \
    return lockstress::model::rmw(a, v, mo, Rmw::exchange, PC);                                  \
  }                                                                                              \
  extern "C" T __tsan_atomic##bits##_fetch_add(volatile T* a, T v, int mo) {                     \
    return lockstress::model::rmw(a, v, mo, Rmw::add, PC);                                       \
  }                                                                                              \
  extern "C" T __tsan_atomic##bits##_fetch_sub(volatile T* a, T v, int mo) {                     \
    return lockstress::model::rmw(a, v, mo, Rmw::sub, PC);                                       \
  }                                                                                              \
  extern "C" T __tsan_atomic##bits##_fetch_and(volatile T* a, T v, int mo) {                     \
    return lockstress::model::rmw(a, v, mo, Rmw::and_, PC);                                      \
  }                                                                                              \
  extern "C" T __tsan_atomic##bits##_fetch_or(volatile T* a, T v, int mo) {                      \
    return lockstress::model::rmw(a, v, mo, Rmw::or_, PC);                                       \
  }                                                                                              \
  extern "C" T __tsan_atomic##bits##_fetch_xor(volatile T* a, T v, int mo) {                     \
    return lockstress::model::rmw(a, v, mo, Rmw::xor_, PC);                                      \
  }                                                                                              \
  extern "C" T __tsan_atomic##bits##_fetch_nand(volatile T* a, T v, int mo) {                    \
    return lockstress::model::rmw(a, v, mo, Rmw::nand, PC);                                      \
  }                                                                                              \
  extern "C" int __tsan_atomic##bits##_compare_exchange_strong(volatile T* a, T* c, T v, int mo, \
                                                               int fail_mo) {                    \
    return lockstress::model::compare_exchange(a, c, v, mo, fail_mo, PC);                        \
  }                                                                                              \
  extern "C" int __tsan_atomic##bits##_compare_exchange_weak(volatile T* a, T* c, T v, int mo,   \
                                                             int fail_mo) {                      \
    return lockstress::model::compare_exchange(a, c, v, mo, fail_mo, PC);                        \
  }                                                                                              \
  extern "C" T __tsan_atomic##bits##_compare_exchange_val(volatile T* a, T c, T v, int mo,       \
                                                          int fail_mo) {                         \
    lockstress::model::compare_exchange(a, &c, v, mo, fail_mo, PC);                              \
    return c;                                                                                    \
  }

LOCKSTRESS_MODEL_ATOMICS(8, char)
LOCKSTRESS_MODEL_ATOMICS(16, short)
LOCKSTRESS_MODEL_ATOMICS(32, int)
LOCKSTRESS_MODEL_ATOMICS(64, long)
LOCKSTRESS_MODEL_ATOMICS(128, __int128)

extern "C" void __tsan_atomic_thread_fence(int mo) { lockstress::model::fence(mo); }
// A signal fence orders a thread with its own signal handlers: nothing to model between threads.
extern "C" void __tsan_atomic_signal_fence(int /*mo*/) {}
