# lockstress_add_runner(<name> SOURCES <src>... [LIBRARIES <lib>...])
#
# Builds a program whose main() calls lockstress::main(argc, argv, cases) three times over:
#   <name>        the driver: the CLI, runs and summarises (the harness's own flags)
#   <name>-plain  the plain variant's runner, -O2: shows what the hardware does
#   <name>-tsan   the TSan variant's runner: shows what happens-before analysis sees
# The driver starts the runners from its own directory. LIBRARIES are linked into all three, so
# a user's lock is compiled and instrumented exactly like the built-in cases.
# Each case and variant of such a program can also be a CTest test: see LockstressCellTests.cmake.
include(${CMAKE_CURRENT_LIST_DIR}/LockstressCellTests.cmake)

function(lockstress_add_runner name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES")
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "lockstress_add_runner(${name}): SOURCES is required")
  endif()

  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE lockstress::driver ${arg_LIBRARIES})
  if(LOCKSTRESS_SANITIZE_HARNESS)
    lockstress_sanitize(${name} ${LOCKSTRESS_SANITIZE_HARNESS})
  endif()

  add_executable(${name}-plain ${arg_SOURCES})
  target_link_libraries(${name}-plain PRIVATE lockstress::runtime_plain ${arg_LIBRARIES})
  target_compile_options(${name}-plain PRIVATE -O2)

  add_executable(${name}-tsan ${arg_SOURCES})
  target_link_libraries(${name}-tsan PRIVATE lockstress::runtime_tsan lockstress::tsan_hooks
                                             ${arg_LIBRARIES})
  lockstress_sanitize(${name}-tsan thread)

  # The driver is useless without its runners: building it builds them.
  add_dependencies(${name} ${name}-plain ${name}-tsan)
endfunction()
