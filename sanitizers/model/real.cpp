#include "sanitizers/model/real.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace lockstress::model {

void* resolve_real(const char* name, void* interceptor) {
  if (interceptor != nullptr) return interceptor;
  if (void* next = dlsym(RTLD_NEXT, name)) return next;
  // No stdio: this may run inside an interposed call, before anything else is initialised.
  const char prefix[] = "lockstress model: cannot find the real ";
  (void)!write(2, prefix, sizeof prefix - 1);
  (void)!write(2, name, std::strlen(name));
  (void)!write(2, "\n", 1);
  std::abort();
}

}  // namespace lockstress::model
