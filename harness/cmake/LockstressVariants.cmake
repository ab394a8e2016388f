# The variants a runner can be built in: one build of the same case sources each, and so one
# detector. lockstress_add_runner(<name> ... VARIANTS <variant>...) builds <name>-<variant> for
# each; the driver <name> runs them side by side, and its summary has a column per variant.
#
# lockstress_add_variant(<name> DETECTOR <kind> LIBRARIES <runtime>...
#                        [COMPILE_OPTIONS <option>...] [SANITIZE <sanitizer>] [DEFAULT])
#   DETECTOR         the kind of detector it is (LOCKSTRESS_DETECTORS, the kinds of
#                    harness/protocol/detectors.hpp): what the summary holds it to.
#   LIBRARIES        the runner side it links: lockstress::runtime_plain for an ordinary build,
#                    lockstress::runtime_tsan and lockstress::tsan_hooks under ThreadSanitizer,
#                    lockstress::runtime_model and lockstress::model for the model.
#   COMPILE_OPTIONS  how the case sources are compiled for it (after the build type's flags).
#   SANITIZE         applied with lockstress_sanitize() (sanitizers/Sanitizers.cmake).
#   DEFAULT          built by every lockstress_add_runner() that does not list its VARIANTS.
#
# A build of your own is one more entry, e.g. the plain detector at another optimisation level:
#   lockstress_add_variant(plain-O3 DETECTOR plain LIBRARIES lockstress::runtime_plain
#                          COMPILE_OPTIONS -O3 -march=native)
#   lockstress_add_runner(my_runner SOURCES my_locks.cpp VARIANTS plain plain-O3 tsan)
# and a case whose race the plain kind must catch is then held to it in both plain variants.

# Every kind of detector the driver knows (Detector in lockstress/detector.hpp).
set(LOCKSTRESS_DETECTORS plain tsan model)

function(lockstress_add_variant name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "DEFAULT" "DETECTOR;SANITIZE" "LIBRARIES;COMPILE_OPTIONS")
  # It names a program (<runner>-<name>), a --variant value and CTest cells (<runner>.<case>.<name>).
  if(NOT name MATCHES "^[A-Za-z0-9][A-Za-z0-9_-]*$")
    message(FATAL_ERROR "lockstress_add_variant(${name}): a variant's name is letters, digits, "
                        "'_' and '-'")
  endif()
  if(NOT arg_DETECTOR IN_LIST LOCKSTRESS_DETECTORS)
    message(FATAL_ERROR "lockstress_add_variant(${name}): DETECTOR '${arg_DETECTOR}' is not one "
                        "of ${LOCKSTRESS_DETECTORS}")
  endif()
  if(NOT arg_LIBRARIES)
    message(FATAL_ERROR "lockstress_add_variant(${name}): LIBRARIES (its runtime) is required")
  endif()
  get_property(known GLOBAL PROPERTY LOCKSTRESS_VARIANTS)
  if(name IN_LIST known)
    message(FATAL_ERROR "lockstress_add_variant(${name}): a variant of that name exists")
  endif()
  set_property(GLOBAL APPEND PROPERTY LOCKSTRESS_VARIANTS ${name})
  if(arg_DEFAULT)
    set_property(GLOBAL APPEND PROPERTY LOCKSTRESS_DEFAULT_VARIANTS ${name})
  endif()
  foreach(field DETECTOR SANITIZE LIBRARIES COMPILE_OPTIONS)
    set_property(GLOBAL PROPERTY LOCKSTRESS_VARIANT_${name}_${field} "${arg_${field}}")
  endforeach()
endfunction()

# <out> = what variant <name> was defined with (<field>: DETECTOR, SANITIZE, LIBRARIES,
# COMPILE_OPTIONS).
function(_lockstress_variant_field out name field)
  get_property(value GLOBAL PROPERTY LOCKSTRESS_VARIANT_${name}_${field})
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# The built-in variants: what `lockstress` itself and every runner of yours is built in.
lockstress_add_variant(plain DEFAULT DETECTOR plain
                       LIBRARIES lockstress::runtime_plain COMPILE_OPTIONS -O2)
lockstress_add_variant(tsan DEFAULT DETECTOR tsan
                       LIBRARIES lockstress::runtime_tsan lockstress::tsan_hooks SANITIZE thread)
# The model (sanitizers/model/README.md): the cases compiled with clang's ThreadSanitizer
# instrumentation (reads before a write of the same location too: the model must see every load,
# to let it read an older store), linked with lockstress's model runtime instead of TSan's, so
# without -fsanitize=thread at the link. Opt-in for now: VARIANTS plain tsan model.
set(LOCKSTRESS_MODEL_COMPILE_OPTIONS -fsanitize=thread -mllvm -tsan-instrument-read-before-write=1
    -O1 -g -fno-omit-frame-pointer)
lockstress_add_variant(model DETECTOR model LIBRARIES lockstress::runtime_model lockstress::model
                       COMPILE_OPTIONS ${LOCKSTRESS_MODEL_COMPILE_OPTIONS})
