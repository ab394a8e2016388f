#pragma once

namespace lockstress {

// The CPU's hint that this thread is spinning on a value another thread will change: a spin
// lock's wait loop may call it between checks (pause on x86, yield on arm64).
inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

}  // namespace lockstress
