# Every __tsan_* symbol that instrumented code needs must be defined by the model runtime, and
# every entry point clang 14's ThreadSanitizer pass can emit must be there too (the pass builds
# its names from these parts: llvm/lib/Transforms/Instrumentation/ThreadSanitizer.cpp).
#   -DNM=... -DMODEL_OBJECTS=a.o;b.o -DINSTRUMENTED_OBJECTS=c.o;d.o
execute_process(COMMAND ${NM} --defined-only ${MODEL_OBJECTS} OUTPUT_VARIABLE defined
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "nm failed on the model's objects")
endif()
execute_process(COMMAND ${NM} -u ${INSTRUMENTED_OBJECTS} OUTPUT_VARIABLE undefined RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "nm failed on the instrumented objects")
endif()
string(REGEX MATCHALL "__tsan_[A-Za-z0-9_]+" needed "${undefined}")
list(REMOVE_DUPLICATES needed)
list(LENGTH needed needed_count)

set(emitted __tsan_init __tsan_func_entry __tsan_func_exit __tsan_ignore_thread_begin
    __tsan_ignore_thread_end __tsan_vptr_read __tsan_vptr_update __tsan_atomic_thread_fence
    __tsan_atomic_signal_fence)
foreach(size 1 2 4 8 16)
  foreach(kind read write unaligned_read unaligned_write volatile_read volatile_write
          unaligned_volatile_read unaligned_volatile_write read_write unaligned_read_write)
    list(APPEND emitted __tsan_${kind}${size})
  endforeach()
endforeach()
foreach(bits 8 16 32 64 128)
  foreach(op load store exchange fetch_add fetch_sub fetch_and fetch_or fetch_xor fetch_nand
          compare_exchange_val compare_exchange_strong compare_exchange_weak)
    list(APPEND emitted __tsan_atomic${bits}_${op})
  endforeach()
endforeach()
list(LENGTH emitted emitted_count)

set(missing "")
foreach(symbol IN LISTS needed emitted)
  if(NOT defined MATCHES "[ \t]T ${symbol}\n")
    list(APPEND missing ${symbol})
  endif()
endforeach()
list(REMOVE_DUPLICATES missing)
if(missing)
  message(FATAL_ERROR "the model runtime does not define: ${missing}")
endif()
if(needed_count LESS 10)
  message(FATAL_ERROR "only ${needed_count} __tsan_* references in the instrumented objects: "
                      "were they compiled with -fsanitize=thread?")
endif()
message(STATUS "${needed_count} entry points needed by the instrumented objects and all "
               "${emitted_count} that clang 14 can emit are defined")
