#pragma once

#include <cstdint>
#include <cstring>

namespace lockstress::model {

// Real memory, accessed atomically (threads outside the schedule may touch it too). 16-byte
// values go through one lock, as libatomic does, so that no cmpxchg16b is required.
void lock_wide();
void unlock_wide();

template <class T>
T raw_load(const volatile T* address) {
  if constexpr (sizeof(T) <= 8) {
    return __atomic_load_n(address, __ATOMIC_SEQ_CST);
  } else {
    lock_wide();
    T value;
    std::memcpy(&value, const_cast<const T*>(address), sizeof value);
    unlock_wide();
    return value;
  }
}

template <class T>
void raw_store(volatile T* address, T value) {
  if constexpr (sizeof(T) <= 8) {
    __atomic_store_n(address, value, __ATOMIC_SEQ_CST);
  } else {
    lock_wide();
    std::memcpy(const_cast<T*>(address), &value, sizeof value);
    unlock_wide();
  }
}

// Under the wide lock (or on a schedule's thread, where nothing else of the model runs).
template <class T>
T raw_load_unlocked(const volatile T* address) {
  T value;
  std::memcpy(&value, const_cast<const T*>(address), sizeof value);
  return value;
}

template <class T>
void raw_store_unlocked(volatile T* address, T value) {
  std::memcpy(const_cast<T*>(address), &value, sizeof value);
}

template <class T>
unsigned __int128 widen(T value) {
  unsigned __int128 wide = 0;
  std::memcpy(&wide, &value, sizeof value);
  return wide;
}

template <class T>
T narrow(unsigned __int128 wide) {
  T value;
  std::memcpy(&value, &wide, sizeof value);
  return value;
}

}  // namespace lockstress::model
