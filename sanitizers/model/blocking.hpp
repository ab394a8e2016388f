#pragma once

#include <time.h>

#include <cstdint>

#include "sanitizers/model/schedule.hpp"

namespace lockstress::model {

// The model's versions of the blocking calls, for the interposers: each runs on a schedule's
// thread (`self`), is a switch point, and is recorded as a call event.

// Virtual time: every clock reads kVirtualEpochNs + the schedule's virtual nanoseconds.
inline constexpr std::int64_t kVirtualEpochNs = 1'700'000'000LL * 1'000'000'000LL;
std::int64_t to_ns(const timespec& t);
timespec virtual_now(const Schedule& schedule);
// An absolute deadline on any clock, as virtual nanoseconds.
std::int64_t virtual_deadline(const timespec* absolute);

void enter_call(ModelThread& self, const char* call, const void* object);

enum class MutexKind { normal, recursive, errorcheck };
// 0, EBUSY (try), ETIMEDOUT, EDEADLK (errorcheck relock).
int lock_mutex(ModelThread& self, const void* mutex, MutexKind kind, bool try_only,
               std::int64_t deadline_ns, const char* call, std::uintptr_t pc);
int unlock_mutex(ModelThread& self, const void* mutex, const char* call);
int lock_shared(ModelThread& self, const void* rwlock, bool try_only, std::int64_t deadline_ns,
                const char* call, std::uintptr_t pc);
// A condition-variable wait: releases `mutex`, waits for a wake-up on `cond` (or the deadline),
// takes `mutex` again. 0 or ETIMEDOUT.
int wait_cond(ModelThread& self, const void* cond, const void* mutex, MutexKind kind,
              std::int64_t deadline_ns, const char* call, std::uintptr_t pc);

}  // namespace lockstress::model
