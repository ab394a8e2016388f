# docs/your-own-locks.md's promise, end to end: install lockstress, build examples/my_lock against the
# installed package in a directory of its own, and run its lock in both variants.
#   cmake -DBUILD_DIR=<lockstress build> -DEXAMPLE_DIR=<examples/my_lock> -DWORK_DIR=<scratch>
#         -DGENERATOR=<generator> -DCXX=<compiler> -P out_of_tree_test.cmake
foreach(var BUILD_DIR EXAMPLE_DIR WORK_DIR GENERATOR CXX)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "${var} is required")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

function(expect_equal actual expected what)
  if(NOT "${actual}" STREQUAL "${expected}")
    message(FATAL_ERROR "${what}: expected '${expected}', got '${actual}'")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(installed include/lockstress/lockstress.hpp lib/cmake/lockstress/lockstressConfig.cmake
                  lib/cmake/lockstress/lockstressConfigVersion.cmake
                  lib/cmake/lockstress/LockstressRunner.cmake lib/cmake/lockstress/Sanitizers.cmake
                  lib/cmake/lockstress/LockstressCellTests.cmake)
  if(NOT EXISTS ${prefix}/${installed})
    message(FATAL_ERROR "not installed: ${installed}")
  endif()
endforeach()

# Nothing from lockstress's source or build tree may be needed: the example sees only the prefix.
run(${CMAKE_COMMAND} -S ${EXAMPLE_DIR} -B ${build} -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=RelWithDebInfo)
run(${CMAKE_COMMAND} --build ${build})

run(${build}/my_runner list)
string(FIND "${out}" "my_lock " found)
if(found EQUAL -1)
  message(FATAL_ERROR "my_runner list does not show my_lock:\n${out}")
endif()

# Small parameters: the broken lock lost updates in 15-96 of 100 trials of 2 x 10,000 (plain) and
# drew a report in 80-88 of 100 (tsan), measured in three runs on a loaded 2-CPU machine (since the
# TSan start stagger: 56-58 and 59-60 of 60), so 60 trials miss it with a probability below 1e-4
# even at the lowest rate seen. Larger, its TSan cell floods with reports (docs/your-own-locks.md, "Your own
# locks"). Not --quiet: when this fails, the summary table in the message says which cell and why.
set(summary ${WORK_DIR}/summary.json)
set(command ${build}/my_runner run --case my_lock --case my_broken_lock --case my_transfers
            --case my_broken_transfers --threads 2 --seed 3 --json ${summary})
set(trials 60)
execute_process(COMMAND ${command} --iterations 10000 --trials ${trials}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
# Exit 3, inconclusive: the positive control went uncaught in a variant, so the run proved nothing
# either way (seen once on CI at these parameters, never here); exit 4 can be the same on a loaded
# machine, a cell whose workers never ran at once (a harness fault). Do what the summary advises
# then: raise --iterations. Every verdict below must still pass.
if(status EQUAL 3 OR status EQUAL 4)
  message(STATUS "exit ${status} at 2 x 10,000, rerunning at 2 x 40,000:\n${out}")
  set(trials 30)
  run(${command} --iterations 40000 --trials ${trials})
elseif(NOT status EQUAL 0)
  message(FATAL_ERROR "failed (${status}): ${command} --iterations 10000\n${out}\n${err}")
endif()
file(READ ${summary} json)
string(JSON schema GET "${json}" schema)
expect_equal("${schema}" "lockstress.summary/1" "schema")
string(JSON cells LENGTH "${json}" results)
expect_equal("${cells}" 10 "cells (the control and four cases, in both variants)")
set(seen "")
math(EXPR last "${cells} - 1")
foreach(i RANGE ${last})
  string(JSON name GET "${json}" results ${i} case)
  string(JSON variant GET "${json}" results ${i} variant)
  string(JSON verdict GET "${json}" results ${i} verdict)
  string(JSON cell_trials GET "${json}" results ${i} trials)
  expect_equal("${verdict}" "pass" "${name}/${variant} verdict")
  expect_equal("${cell_trials}" ${trials} "${name}/${variant} trials")
  list(APPEND seen ${name}/${variant})
  if(name STREQUAL "my_lock")
    string(JSON judged GET "${json}" results ${i} fairness trials)  # a lock case: fairness measured
  endif()
endforeach()
list(SORT seen)
expect_equal("${seen}"
             "my_broken_lock/plain;my_broken_lock/tsan;my_broken_transfers/plain;my_broken_transfers/tsan;my_lock/plain;my_lock/tsan;my_transfers/plain;my_transfers/tsan;unsafe_counter/plain;unsafe_counter/tsan"
             "cells")
string(JSON tsan_flags GET "${json}" context build tsan_flags)
string(FIND "${tsan_flags}" "-fsanitize=thread" found)
if(found EQUAL -1)
  message(FATAL_ERROR "context.build.tsan_flags lacks -fsanitize=thread: ${tsan_flags}")
endif()
message(STATUS "out-of-tree runner: 10 cells passed")
