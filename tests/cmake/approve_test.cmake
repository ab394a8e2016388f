# cmake -DWORK_DIR=<scratch> -DAPPROVE=<approve.cmake> -P approve_test.cmake
#
# The approval update on scratch directories: a received file with no approved one creates it, one
# that differs replaces it, an approved file nothing was received for stays, and nothing received
# is left behind.
file(REMOVE_RECURSE "${WORK_DIR}")
file(WRITE "${WORK_DIR}/received/new.txt" "new\n")
file(WRITE "${WORK_DIR}/received/changed.txt" "after\n")
file(WRITE "${WORK_DIR}/approved/changed.txt" "before\n")
file(WRITE "${WORK_DIR}/approved/kept.txt" "kept\n")
execute_process(COMMAND ${CMAKE_COMMAND} -DRECEIVED_DIR=${WORK_DIR}/received
                        -DAPPROVED_DIR=${WORK_DIR}/approved -P ${APPROVE}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "approve.cmake failed (${status}):\n${out}${err}")
endif()
foreach(pair "new.txt=new\n" "changed.txt=after\n" "kept.txt=kept\n")
  string(REGEX MATCH "^[^=]*" name "${pair}")
  string(REGEX REPLACE "^[^=]*=" "" expected "${pair}")
  file(READ "${WORK_DIR}/approved/${name}" actual)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "approved/${name}: expected '${expected}', got '${actual}'")
  endif()
endforeach()
file(GLOB left "${WORK_DIR}/received/*")
if(left)
  message(FATAL_ERROR "received files left behind: ${left}")
endif()
set(said "${out}${err}")
if(NOT said MATCHES "created [^\n]*new.txt" OR NOT said MATCHES "updated [^\n]*changed.txt")
  message(FATAL_ERROR "approve.cmake did not name what it changed:\n${out}${err}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
