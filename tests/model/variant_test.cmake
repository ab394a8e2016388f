# The model as a variant of `lockstress run` (issue 11, phase 2): a runner built with
# VARIANTS model runs the built-in cases one schedule per trial. The relaxed spinlock, which the
# plain build on x86 never breaks, must lose updates in the model's cell; a correct spinlock must
# show nothing in as many schedules.
#   -DDRIVER=<the driver of a runner built with VARIANTS model> -DWORK_DIR=<scratch>
file(MAKE_DIRECTORY ${WORK_DIR})

# <out_json> = the summary of `run --case <case>` at 2 x 3, <trials> schedules.
function(run_case case trials out_json)
  set(json ${WORK_DIR}/${case}.json)
  execute_process(COMMAND ${DRIVER} run --case ${case} --threads 2 --iterations 3
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
