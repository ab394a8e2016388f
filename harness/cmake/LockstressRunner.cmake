# lockstress_add_runner(<name> SOURCES <src>... [LIBRARIES <lib>...] [VARIANTS <variant>...])
#
# Builds a program whose main() calls lockstress::main(argc, argv, cases) once as the driver and
# once per variant as its runner:
#   <name>          the driver: the CLI, runs and summarises (the harness's own flags)
#   <name>-<variant> the runner of each variant (LockstressVariants.cmake): by default
#                   <name>-plain (-O2: what the hardware does) and <name>-tsan (ThreadSanitizer:
#                   what happens-before analysis sees)
# The driver starts the runners from its own directory. SOURCES and LIBRARIES go into every one.
# A lock compiled in SOURCES, or in a header-only (INTERFACE) library, is compiled and instrumented
# exactly like the built-in cases; a lock in a compiled library is not instrumented for TSan (see
# the warning below).
# Each case and variant of such a program can also be a CTest test: see LockstressCellTests.cmake.
include(${CMAKE_CURRENT_LIST_DIR}/LockstressVariants.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/LockstressCellTests.cmake)

function(lockstress_add_runner name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES;VARIANTS")
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
  _lockstress_warn_uninstrumented(${name} ${arg_LIBRARIES})

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
    # The driver is useless without its runners: building it builds them.
    add_dependencies(${name} ${name}-${variant})
  endforeach()

  _lockstress_record_build(${name} ${arg_VARIANTS})
endfunction()

# TSan sees only the synchronisation it instruments (or intercepts, like pthread's). A lock whose
# atomics are compiled into a library built without -fsanitize=thread is invisible to it, and the
# counter it guards then looks unsynchronised: a false data-race report on a correct lock.
function(_lockstress_warn_uninstrumented name)
  foreach(library IN LISTS ARGN)
    if(NOT TARGET ${library})
      continue()
    endif()
    get_target_property(aliased ${library} ALIASED_TARGET)
    set(target ${library})
    if(aliased)
      set(target ${aliased})
    endif()
    get_target_property(type ${target} TYPE)
    if(type MATCHES "^(STATIC|SHARED|MODULE|OBJECT)_LIBRARY$")
      message(WARNING
        "lockstress_add_runner(${name}): ${library} is a compiled library, so ${name}-tsan runs "
        "its code uninstrumented: if a lock synchronises with atomics compiled there, TSan cannot "
        "see them and reports the counter it guards as a data race. List the lock's sources in "
        "SOURCES, or make the library header-only (INTERFACE).")
    endif()
  endforeach()
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
function(_lockstress_record_build name)
  string(TOUPPER "${CMAKE_BUILD_TYPE}" config)
  set(common "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${config}}")
  string(STRIP "${common}" common)
  list(JOIN ARGN ";" variants)
  set(fields "  if (std::strcmp(key, \"compiler\") == 0) return R\"lockstress(${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION})lockstress\";
  if (std::strcmp(key, \"variants\") == 0) return \"${variants}\";\n")
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
