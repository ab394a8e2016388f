// The entry points for plain accesses, function entry and exit, vtable pointers and start-up
// that clang's -fsanitize=thread emits. On a schedule's thread an access is a switch point and
// is checked for races, and the instrumented code then does the access itself. Plain accesses of
// up to 16 bytes are stores and loads of the memory model too (as relaxed ones): in a program
// without data races a plain read has one store it may read, but where a read races with a write
// it may read an older store, as the hardware of a weakly ordered CPU may show. Such a stale value
// is put in memory for the instant of the read (see access()).

#include <cstdint>
#include <cstring>

#include "sanitizers/model/schedule.hpp"

namespace lockstress::model {
namespace {

void access(const void* address, std::uint32_t size, bool write, std::uintptr_t pc) {
  const EntryGuard self;
  if (self == nullptr || size == 0) return;
  Schedule& s = *self->schedule;
  const auto a = reinterpret_cast<std::uintptr_t>(address);
  s.switch_point(*self, !write && s.is_spin_read(*self, a));
  if (self->ignore == 0) s.check_access(*self, a, size, write, false, pc);
  const bool tracked = size <= 16;  // longer ranges are checked for races, not modelled
  unsigned __int128 real = 0;
  if (tracked) std::memcpy(&real, address, size);
  if (write) {
    s.stored();
    Event& event = s.record(*self, Op::plain_write);
    event.size = size;
    event.address = a;
    event.value_known = false;
    if (!tracked) return;
    event.location = s.memory().touch(a, size, real);
    self->pending_store = event.location;
    self->pending_address = a;
    self->pending_size = size;
    if (s.options().keep_events) {
      self->pending_write = static_cast<std::int64_t>(s.events().size()) - 1;
    }
    return;
  }
  Event& event = s.record(*self, Op::plain_read);
  event.size = size;
  event.address = a;
  if (!tracked) return;
  const bool force_latest = self->spin_reads >= s.options().spin_reads_before_latest;
  const MemoryModel::Read read = s.memory().load(
      self->memory, self->id, a, size, real, __ATOMIC_RELAXED, force_latest, s.step(), s.chooser());
  event.location = read.location;
  event.value = read.value;
  event.read_from = read.index;
  event.read_from_thread = read.store_thread;
  event.read_from_step = read.store_step;
  event.stale = read.stale;
  if (read.stale) {
    // The instrumented code loads from memory right after this returns: for this one load, and
    // until this thread's next step (Schedule::settle), memory holds the older store's value.
    ++s.result().stale_reads;
    self->restore_address = a;
    self->restore_size = size;
    self->restore_stale = read.value;
    self->restore_latest = real;
    std::memcpy(const_cast<void*>(address), &read.value, size);
  }
}

}  // namespace
}  // namespace lockstress::model

#define PC reinterpret_cast<std::uintptr_t>(__builtin_return_address(0))
using lockstress::model::access;

// Aligned, unaligned and volatile accesses are all plain accesses to the model; a compound
// read-write (`x += 1` with -tsan-compound-read-before-write) is checked as the write it ends in.
#define LOCKSTRESS_MODEL_ACCESSES(n)                                                      \
  extern "C" void __tsan_read##n(void* a) { access(a, n, false, PC); }                    \
  extern "C" void __tsan_write##n(void* a) { access(a, n, true, PC); }                    \
  extern "C" void __tsan_unaligned_read##n(const void* a) { access(a, n, false, PC); }    \
  extern "C" void __tsan_unaligned_write##n(void* a) { access(a, n, true, PC); }          \
  extern "C" void __tsan_volatile_read##n(void* a) { access(a, n, false, PC); }           \
  extern "C" void __tsan_volatile_write##n(void* a) { access(a, n, true, PC); }           \
  extern "C" void __tsan_unaligned_volatile_read##n(void* a) { access(a, n, false, PC); } \
  extern "C" void __tsan_unaligned_volatile_write##n(void* a) { access(a, n, true, PC); } \
  extern "C" void __tsan_read_write##n(void* a) { access(a, n, true, PC); }               \
  extern "C" void __tsan_unaligned_read_write##n(void* a) { access(a, n, true, PC); }

LOCKSTRESS_MODEL_ACCESSES(1)
LOCKSTRESS_MODEL_ACCESSES(2)
LOCKSTRESS_MODEL_ACCESSES(4)
LOCKSTRESS_MODEL_ACCESSES(8)
LOCKSTRESS_MODEL_ACCESSES(16)

extern "C" void __tsan_read_range(void* a, unsigned long size) {
  access(a, static_cast<std::uint32_t>(size), false, PC);
}
extern "C" void __tsan_write_range(void* a, unsigned long size) {
  access(a, static_cast<std::uint32_t>(size), true, PC);
}

// A vtable pointer's update is a write only when it changes it (TSan's rule too: constructors of
// a hierarchy rewrite it with each base's table, which races with nothing).
extern "C" void __tsan_vptr_update(void** vptr, void* new_value) {
  if (*vptr != new_value) access(vptr, sizeof(void*), true, PC);
}
extern "C" void __tsan_vptr_read(void** vptr) { access(vptr, sizeof(void*), false, PC); }

extern "C" void __tsan_func_entry(void* call_pc) {
  using lockstress::model::current_thread;
  if (const lockstress::model::EntryGuard self; self != nullptr) {
    self->shadow_stack.push_back(reinterpret_cast<std::uintptr_t>(call_pc));
    self->stack_dirty = true;
  }
}
extern "C" void __tsan_func_exit() {
  using lockstress::model::current_thread;
  if (const lockstress::model::EntryGuard self; self != nullptr) {
    if (!self->shadow_stack.empty()) self->shadow_stack.pop_back();
    self->stack_dirty = true;
  }
}

extern "C" void __tsan_ignore_thread_begin() {
  if (const lockstress::model::EntryGuard self; self != nullptr) ++self->ignore;
}
extern "C" void __tsan_ignore_thread_end() {
  if (const lockstress::model::EntryGuard self; self != nullptr) --self->ignore;
}

// Nothing to set up: the model's state exists only while a schedule runs.
extern "C" void __tsan_init() {}
