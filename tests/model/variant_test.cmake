# The model as a variant of `lockstress run` (issue 11): the built-in lockstress runs its cases
# one schedule per trial in the model variant. The relaxed spinlock, which the
# plain build on x86 never breaks, must lose updates in the model's cell; a correct spinlock must
# show nothing in as many schedules.
#   -DDRIVER=<the built-in lockstress> -DWORK_DIR=<scratch>
file(MAKE_DIRECTORY ${WORK_DIR})

# <out_json> = the summary of `run --case <case>` at 2 x 3, <trials> schedules.
function(run_case case trials out_json)
  set(json ${WORK_DIR}/${case}.json)
  execute_process(COMMAND ${DRIVER} run --case ${case} --variant model --threads 2 --iterations 3
                          --trials ${trials} --seed 1 --json ${json}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT EXISTS ${json})
    message(FATAL_ERROR "run --case ${case} wrote no summary (status ${status}):\n${out}\n${err}")
  endif()
  file(READ ${json} text)
  set(${out_json} "${text}" PARENT_SCOPE)
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

# <out> = the field <field> of the cell of <case> in variant model.
function(model_cell_field out text case field)
  string(JSON cells LENGTH "${text}" results)
  math(EXPR last "${cells} - 1")
  foreach(i RANGE ${last})
    string(JSON name GET "${text}" results ${i} case)
    string(JSON variant GET "${text}" results ${i} variant)
    if(name STREQUAL case AND variant STREQUAL "model")
      string(JSON value GET "${text}" results ${i} ${field})
      set(${out} "${value}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "no model cell for ${case} in the summary")
endfunction()

run_case(spinlock_relaxed 300 relaxed)
model_cell_field(failed "${relaxed}" spinlock_relaxed failed_trials)
model_cell_field(detector "${relaxed}" spinlock_relaxed detector)
model_cell_field(expected "${relaxed}" spinlock_relaxed expected_count)
if(NOT detector STREQUAL "model" OR NOT expected EQUAL 6)
  message(FATAL_ERROR "the model cell is detector '${detector}', expected_count ${expected}")
endif()
if(NOT failed GREATER 0)
  message(FATAL_ERROR "spinlock_relaxed lost no update in 300 schedules under the model:\n"
                      "${run_output}")
endif()
model_cell_field(trials "${relaxed}" spinlock_relaxed trials)
message(STATUS "spinlock_relaxed: ${failed} of ${trials} schedules lost updates")

run_case(spinlock 300 safe)
model_cell_field(failed "${safe}" spinlock failed_trials)
model_cell_field(reports "${safe}" spinlock sanitizer)
model_cell_field(verdict "${safe}" spinlock verdict)
string(JSON report_trials GET "${reports}" trials_with_reports)
if(NOT failed EQUAL 0 OR NOT report_trials EQUAL 0 OR NOT verdict STREQUAL "pass")
  message(FATAL_ERROR "spinlock under the model: ${failed} failed, ${report_trials} with reports, "
                      "verdict ${verdict}:\n${run_output}")
endif()

# The control, run beside every case at the same sizes, whose plain counter races: the model
# draws its own race report on it, and so the safe cell above could pass.
model_cell_field(reports "${safe}" unsafe_counter sanitizer)
string(JSON report_trials GET "${reports}" trials_with_reports)
if(NOT report_trials GREATER 0)
  message(FATAL_ERROR "unsafe_counter drew no race report from the model in 300 schedules")
endif()

# The races the model must catch at its own default sizes (the case's declaration, not the plain
# build's): each cell passes, by lost updates or, for lock_order_inversion, a deadlock.
function(run_default case out_json)
  set(json ${WORK_DIR}/${case}-default.json)
  execute_process(COMMAND ${DRIVER} run --case ${case} --variant model --seed 1 --json ${json}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT EXISTS ${json})
    message(FATAL_ERROR "run --case ${case} wrote no summary (status ${status}):\n${out}\n${err}")
  endif()
  file(READ ${json} text)
  set(${out_json} "${text}" PARENT_SCOPE)
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

foreach(case split_rmw_relaxed peterson_acq_rel lock_order_inversion)
  run_default(${case} summary)
  model_cell_field(verdict "${summary}" ${case} verdict)
  model_cell_field(threads "${summary}" ${case} threads)
  model_cell_field(iterations "${summary}" ${case} iterations)
  model_cell_field(placement "${summary}" ${case} placement)
  string(JSON pin GET "${placement}" pin)
  if(NOT verdict STREQUAL "pass" OR NOT threads EQUAL 2 OR NOT iterations EQUAL 3 OR
     NOT pin STREQUAL "none")
    message(FATAL_ERROR "${case} under the model: verdict ${verdict} at ${threads} x "
                        "${iterations}, pin ${pin}:\n${run_output}")
  endif()
  if(run_output MATCHES "refused to pin")
    message(FATAL_ERROR "a note about pinning the model's threads:\n${run_output}")
  endif()
endforeach()
# The deadlock is a report of the schedule, not a crash of the runner: no fault, and the report
# names the two threads' blocked calls.
model_cell_field(reports "${summary}" lock_order_inversion sanitizer)
string(JSON deadlocked ERROR_VARIABLE none GET "${reports}" trials_by_kind deadlock)
# (A fault would have failed the cell above.)
if(NOT deadlocked GREATER 0)
  message(FATAL_ERROR "lock_order_inversion: no schedule deadlocked:\n${run_output}")
endif()
string(JSON example GET "${reports}" unique_reports 0 example)
if(NOT example MATCHES "waits in pthread_mutex_lock")
  message(FATAL_ERROR "the deadlock report names no blocked call:\n${example}")
endif()
message(STATUS "lock_order_inversion: ${deadlocked} schedules deadlocked")
