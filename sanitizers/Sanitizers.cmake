# The one place sanitizer flags are decided. Applied to named targets only, never globally:
# a lockstress build holds plain and TSan targets side by side.

# lockstress_sanitize(<target> <thread|address|fuzzer|fuzz_target>)
#   thread:  ThreadSanitizer, at the -O1 -g the TSan documentation recommends (fast enough, exact
#            stacks).
#   address: AddressSanitizer + UndefinedBehaviorSanitizer, any UB finding fatal.
#   fuzzer:  address, plus libFuzzer's coverage instrumentation, for code a fuzz target calls.
#   fuzz_target: fuzzer, linked with libFuzzer's main(): a libFuzzer target.
# Compile flags stay on <target>; link flags propagate to whatever links it (static libraries).
function(lockstress_sanitize target kind)
  if(kind STREQUAL "thread")
    set(compile_flags -fsanitize=thread -O1 -g)
    set(link_flags -fsanitize=thread)
  elseif(kind STREQUAL "address")
    set(compile_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined -g)
    set(link_flags -fsanitize=address,undefined)
  elseif(kind STREQUAL "fuzzer" OR kind STREQUAL "fuzz_target")
    set(compile_flags -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -g)
    set(link_flags -fsanitize=fuzzer-no-link,address,undefined)
    if(kind STREQUAL "fuzz_target")
      set(link_flags -fsanitize=fuzzer,address,undefined)
    endif()
  else()
    message(FATAL_ERROR "lockstress_sanitize: unknown sanitizer '${kind}' (thread, address, fuzzer or fuzz_target)")
  endif()
  # Frame pointers keep the sanitizers' fast unwinder exact.
  target_compile_options(${target} PRIVATE ${compile_flags} -fno-omit-frame-pointer)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "STATIC_LIBRARY" OR type STREQUAL "OBJECT_LIBRARY")
    target_link_options(${target} INTERFACE ${link_flags})
  else()
    target_link_options(${target} PRIVATE ${link_flags})
  endif()
endfunction()
