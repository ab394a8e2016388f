# lockstress_add_runner(<name> SOURCES <src>... [LIBRARIES <lib>...] [VARIANTS <variant>...]
#                       [ACKNOWLEDGE_UNINSTRUMENTED <library>...])
#
# Builds a program whose main() calls lockstress::main(argc, argv, cases) once as the driver and
# once per variant as its runner:
#   <name>          the driver: the CLI, runs and summarises (the harness's own flags)
#   <name>-<variant> the runner of each variant (LockstressVariants.cmake): by default
#                   <name>-plain (-O2: what the hardware does) and <name>-tsan (ThreadSanitizer:
#                   what happens-before analysis sees)
# The driver starts the runners from its own directory. SOURCES and LIBRARIES go into every one.
# SOURCES may hold C sources (.c: a shim around a C header that is not C++, a lock written in C):
# they are compiled by the project's C compiler, which must be clang like the C++ one (enable C
# with project(... LANGUAGES C CXX) and -DCMAKE_C_COMPILER=clang), with each variant's options
# and sanitizer, exactly like the C++ sources; the summary's build lines list their flags too.
# A lock compiled in SOURCES, or in a header-only (INTERFACE) library, is compiled and instrumented
# exactly like the built-in cases; a lock in a compiled library is not instrumented for TSan (see
# the warnings below, which ACKNOWLEDGE_UNINSTRUMENTED silences for the libraries it names: targets,
# or file names without their ".so..." ending, such as libabsl_synchronization, or with a final *).
# Each case and variant of such a program can also be a CTest test: see LockstressCellTests.cmake.
include(${CMAKE_CURRENT_LIST_DIR}/LockstressVariants.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/LockstressCellTests.cmake)

function(lockstress_add_runner name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES;VARIANTS;ACKNOWLEDGE_UNINSTRUMENTED")
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "lockstress_add_runner(${name}): SOURCES is required")
  endif()
  if(NOT arg_VARIANTS)
    get_property(arg_VARIANTS GLOBAL PROPERTY LOCKSTRESS_DEFAULT_VARIANTS)
  endif()
  list(REMOVE_DUPLICATES arg_VARIANTS)
  get_property(known GLOBAL PROPERTY LOCKSTRESS_VARIANTS)
  foreach(variant IN LISTS arg_VARIANTS)
    if(NOT variant IN_LIST known)
      message(FATAL_ERROR "lockstress_add_runner(${name}): unknown variant '${variant}' (known: "
                          "${known}; lockstress_add_variant() defines one)")
    endif()
  endforeach()
  _lockstress_check_c_sources(${name} has_c ${arg_SOURCES})
  _lockstress_warn_uninstrumented(${name} acknowledged LIBRARIES ${arg_LIBRARIES}
                                  ACKNOWLEDGE ${arg_ACKNOWLEDGE_UNINSTRUMENTED})

  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE lockstress::driver ${arg_LIBRARIES})
  if(LOCKSTRESS_SANITIZE_HARNESS)
    lockstress_sanitize(${name} ${LOCKSTRESS_SANITIZE_HARNESS})
  endif()
  set_target_properties(${name} PROPERTIES LOCKSTRESS_VARIANTS "${arg_VARIANTS}")

  foreach(variant IN LISTS arg_VARIANTS)
    _lockstress_variant_field(libraries ${variant} LIBRARIES)
    _lockstress_variant_field(options ${variant} COMPILE_OPTIONS)
    _lockstress_variant_field(sanitizer ${variant} SANITIZE)
    add_executable(${name}-${variant} ${arg_SOURCES})
    target_link_libraries(${name}-${variant} PRIVATE ${libraries} ${arg_LIBRARIES})
    if(options)
      target_compile_options(${name}-${variant} PRIVATE ${options})
    endif()
    if(sanitizer)
      lockstress_sanitize(${name}-${variant} ${sanitizer})
    endif()
    if(sanitizer STREQUAL "thread")
      _lockstress_check_imports(${name} ${variant} "${acknowledged}")
    endif()
    # The driver is useless without its runners: building it builds them.
    add_dependencies(${name} ${name}-${variant})
  endforeach()

  _lockstress_record_build(${name} ${has_c} ${arg_VARIANTS})
endfunction()

# <has_c> = whether SOURCES holds C sources; a fatal error when C is not enabled or its compiler
# is not clang: a TSan runner whose C objects gcc instrumented links clang's runtime with gcc's
# instrumentation, and its plain runner would hold code built otherwise than the summary says.
function(_lockstress_check_c_sources name has_c)
  set(c_sources "")
  foreach(source IN LISTS ARGN)
    if(source MATCHES "\\.c$")
      list(APPEND c_sources ${source})
    endif()
  endforeach()
  set(${has_c} OFF PARENT_SCOPE)
  if(NOT c_sources)
    return()
  endif()
  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if(NOT "C" IN_LIST languages)
    message(FATAL_ERROR "lockstress_add_runner(${name}): SOURCES holds C sources (${c_sources}) "
                        "but C is not enabled: project(... LANGUAGES C CXX)")
  endif()
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "lockstress_add_runner(${name}): the C sources (${c_sources}) would be "
                        "compiled by ${CMAKE_C_COMPILER_ID} (${CMAKE_C_COMPILER}); lockstress's "
                        "variants need clang for C as for C++: -DCMAKE_C_COMPILER=clang")
  endif()
  set(${has_c} ON PARENT_SCOPE)
endfunction()

# TSan sees only the synchronisation it instruments (or intercepts, like pthread's). A lock whose
# atomics are compiled into a library built without -fsanitize=thread is invisible to it, and the
# counter it guards then looks unsynchronised: a false data-race report on a correct lock. (The
# runners' sync probe finds such a lock at run time and says so in its cells; these warnings say
# it before anything runs.) Two checks, each silent for what ACKNOWLEDGE_UNINSTRUMENTED names:
#   configure time: a library target of this project that LIBRARIES links compiled (not
#     INTERFACE) without -fsanitize=thread. Imported libraries are not judged here: a package's
#     compiled library may hold nothing the runner calls (oneTBB's spin locks are headers).
#   build time: the functions each TSan runner calls in uninstrumented shared objects (the runner
#     lists them itself: LockstressCheckImports.cmake), by library.
# <acknowledged> = the acknowledged libraries as file-name stems ("libabsl_synchronization") or
# generator expressions giving a target's file name.
function(_lockstress_warn_uninstrumented name acknowledged)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "LIBRARIES;ACKNOWLEDGE")
  set(stems "")
  foreach(entry IN LISTS arg_ACKNOWLEDGE)
    if(TARGET ${entry})
      _lockstress_real_target(target ${entry})
      get_target_property(type ${target} TYPE)
      if(type MATCHES "^(STATIC|SHARED|MODULE)_LIBRARY$")
        list(APPEND stems "$<TARGET_FILE_NAME:${target}>")
      endif()
    else()
      list(APPEND stems ${entry})
    endif()
  endforeach()
  set(${acknowledged} "${stems}" PARENT_SCOPE)
  foreach(library IN LISTS arg_LIBRARIES)
    if(NOT TARGET ${library} OR library IN_LIST arg_ACKNOWLEDGE)
      continue()
    endif()
    _lockstress_real_target(target ${library})
    get_target_property(type ${target} TYPE)
    get_target_property(imported ${target} IMPORTED)
    get_target_property(options ${target} COMPILE_OPTIONS)
    if(NOT imported AND type MATCHES "^(STATIC|SHARED|MODULE|OBJECT)_LIBRARY$" AND
       NOT "${options}" MATCHES "-fsanitize=thread")
      message(WARNING
        "lockstress_add_runner(${name}): ${library} is compiled without -fsanitize=thread, so "
        "${name}-tsan runs its code uninstrumented: if a lock synchronises there, TSan cannot see "
        "it, and its cells say so instead of judging it. List the lock's sources in SOURCES, make "
        "the library header-only (INTERFACE), or say you know: ACKNOWLEDGE_UNINSTRUMENTED "
        "${library}.")
    endif()
  endforeach()
endfunction()

function(_lockstress_real_target out library)
  get_target_property(aliased ${library} ALIASED_TARGET)
  if(aliased)
    set(${out} ${aliased} PARENT_SCOPE)
  else()
    set(${out} ${library} PARENT_SCOPE)
  endif()
endfunction()

set(_lockstress_check_imports ${CMAKE_CURRENT_LIST_DIR}/LockstressCheckImports.cmake)

# After each TSan runner is linked, the build-time check above. Not when cross-compiling without
# an emulator to run the runner.
function(_lockstress_check_imports name variant acknowledged)
  if(CMAKE_CROSSCOMPILING AND NOT CMAKE_CROSSCOMPILING_EMULATOR)
    return()
  endif()
  add_custom_command(TARGET ${name}-${variant} POST_BUILD
    COMMAND ${CMAKE_COMMAND} "-DRUNNER=$<TARGET_FILE:${name}-${variant}>"
            "-DEMULATOR=${CMAKE_CROSSCOMPILING_EMULATOR}" "-DNAME=${name}"
            "-DACKNOWLEDGED=${acknowledged}" -P ${_lockstress_check_imports}
    VERBATIM)
endfunction()

# The TSan runtime the compiler links, for the summary's platform fingerprint.
function(_lockstress_tsan_runtime out)
  get_property(known GLOBAL PROPERTY LOCKSTRESS_TSAN_RUNTIME SET)
  if(NOT known)
    if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
      set(file libclang_rt.tsan-${CMAKE_SYSTEM_PROCESSOR}.a)
    else()
      set(file libtsan.so)
    endif()
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${file}
                    OUTPUT_VARIABLE path OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT IS_ABSOLUTE "${path}")
      set(path "${file} (not found by ${CMAKE_CXX_COMPILER})")
    endif()
    set_property(GLOBAL PROPERTY LOCKSTRESS_TSAN_RUNTIME "${path}")
  endif()
  get_property(path GLOBAL PROPERTY LOCKSTRESS_TSAN_RUNTIME)
  set(${out} "${path}" PARENT_SCOPE)
endfunction()

# Writes a source into the driver that tells it how its runners were compiled: the compiler, and
# for each variant its kind of detector, its flags in the order they reach the compiler
# (CMAKE_CXX_FLAGS, the build type's flags, then the runner's own options, lockstress's included)
# and the detector's runtime library (harness/driver/program_build.cpp reads it). Single-
# configuration generators.
function(_lockstress_record_build name has_c)
  string(TOUPPER "${CMAKE_BUILD_TYPE}" config)
  set(common "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${config}}")
  string(STRIP "${common}" common)
  set(c_common "${CMAKE_C_FLAGS} ${CMAKE_C_FLAGS_${config}}")
  string(STRIP "${c_common}" c_common)
  list(JOIN ARGN ";" variants)
  set(fields "  if (std::strcmp(key, \"compiler\") == 0) return R\"lockstress(${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION})lockstress\";
  if (std::strcmp(key, \"variants\") == 0) return \"${variants}\";\n")
  if(has_c)
    string(APPEND fields "  if (std::strcmp(key, \"c_compiler\") == 0) return R\"lockstress(${CMAKE_C_COMPILER_ID} ${CMAKE_C_COMPILER_VERSION})lockstress\";\n")
  endif()
  foreach(variant IN LISTS ARGN)
    _lockstress_variant_field(detector ${variant} DETECTOR)
    _lockstress_variant_field(sanitizer ${variant} SANITIZE)
    set(runtime "")
    if(sanitizer STREQUAL "thread")
      _lockstress_tsan_runtime(runtime)
    endif()
    set(options "$<JOIN:$<TARGET_PROPERTY:${name}-${variant},COMPILE_OPTIONS>, >")
    set(key "variant.${variant}")
    string(APPEND fields
      "  if (std::strcmp(key, \"${key}.detector\") == 0) return \"${detector}\";\n"
      "  if (std::strcmp(key, \"${key}.flags\") == 0) return R\"lockstress(${common} ${options})lockstress\";\n"
      "  if (std::strcmp(key, \"${key}.runtime\") == 0) return R\"lockstress(${runtime})lockstress\";\n")
    if(has_c)
      string(APPEND fields
        "  if (std::strcmp(key, \"${key}.c_flags\") == 0) return R\"lockstress(${c_common} ${options})lockstress\";\n")
    endif()
  endforeach()
  set(source ${CMAKE_CURRENT_BINARY_DIR}/${name}_lockstress_build.cpp)
  file(GENERATE OUTPUT ${source} CONTENT "// Generated by lockstress_add_runner(${name}).
#include <cstring>

extern \"C\" const char* lockstress_build_field(const char* key) {
${fields}  return nullptr;
}
")
  target_sources(${name} PRIVATE ${source})
endfunction()
