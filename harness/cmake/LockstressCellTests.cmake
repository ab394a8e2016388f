# lockstress_add_cell_tests(<runner> CASES <case>... [VARIANTS <variant>...] [ARGS <arg>...])
#
# Registers each (case, variant) cell of <runner> (a program made by lockstress_add_runner) as a
# CTest test named <runner>.<case>.<variant>, which runs
#   <runner> run --case <case> --variant <variant> ARGS... ${LOCKSTRESS_CELL_TEST_ARGS}
# whose summary is the test's output (LOCKSTRESS_CELL_TEST_ARGS is a cache variable for longer
# runs everywhere at once, e.g. -DLOCKSTRESS_CELL_TEST_ARGS="--trials;1000").
# Labels: stress, the variant, the case; so `ctest -L stress -L tsan` or `-R locked_counter` pick
# cells. The result follows the cell's verdict through lockstress's exit code: 0 (pass) passes,
# 3 (inconclusive: the race control unsafe_counter was not caught, so nothing was proven) is
# reported as skipped, anything else (fail, error, usage) fails. The run includes the control in
# the same variant, as every lockstress run does. Cells run one at a time (RUN_SERIAL): two at
# once would compete for the CPUs their workers are pinned to and change what they measure.
# VARIANTS defaults to every variant <runner> was built in. The cases are listed explicitly, like
# the catalogue.
set(LOCKSTRESS_CELL_TEST_ARGS "" CACHE STRING
    "Extra arguments for every lockstress cell test, as a list (e.g. --trials;1000)")

function(lockstress_add_cell_tests runner)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "CASES;VARIANTS;ARGS")
  if(NOT arg_CASES)
    message(FATAL_ERROR "lockstress_add_cell_tests(${runner}): CASES is required")
  endif()
  get_target_property(built ${runner} LOCKSTRESS_VARIANTS)
  if(NOT built)
    message(FATAL_ERROR "lockstress_add_cell_tests(${runner}): not a program of "
                        "lockstress_add_runner()")
  endif()
  if(NOT arg_VARIANTS)
    set(arg_VARIANTS ${built})
  endif()
  foreach(case IN LISTS arg_CASES)
    foreach(variant IN LISTS arg_VARIANTS)
      if(NOT variant IN_LIST built)
        message(FATAL_ERROR "lockstress_add_cell_tests(${runner}): ${runner} has no variant "
                            "'${variant}' (it has ${built})")
      endif()
      set(name "${runner}.${case}.${variant}")
      add_test(NAME ${name}
               COMMAND ${runner} run --case ${case} --variant ${variant} ${arg_ARGS}
                       ${LOCKSTRESS_CELL_TEST_ARGS})
      set_tests_properties(${name} PROPERTIES
        LABELS "stress;${variant};${case}"
        SKIP_RETURN_CODE 3
        RUN_SERIAL TRUE)
    endforeach()
  endforeach()
endfunction()
