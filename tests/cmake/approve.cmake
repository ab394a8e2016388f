# cmake -DRECEIVED_DIR=<build>/tests/received -DAPPROVED_DIR=<source>/tests/approved -P approve.cmake
#
# Copies each file the approval tests received (written only where the output differed from the
# approved file, or none existed) over its approved file, names each, and removes it from
# RECEIVED_DIR. Run the tests first; review `git diff tests/approved` before committing.
foreach(var RECEIVED_DIR APPROVED_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "${var} is required")
  endif()
endforeach()
file(GLOB received LIST_DIRECTORIES false RELATIVE "${RECEIVED_DIR}" "${RECEIVED_DIR}/*")
if(NOT received)
  message(STATUS "lockstress: nothing to approve: no received file in ${RECEIVED_DIR} "
                 "(every approval test that ran matched, or none ran)")
  return()
endif()
foreach(name IN LISTS received)
  if(EXISTS "${APPROVED_DIR}/${name}")
    set(action "updated")
  else()
    set(action "created")
  endif()
  file(COPY_FILE "${RECEIVED_DIR}/${name}" "${APPROVED_DIR}/${name}")
  file(REMOVE "${RECEIVED_DIR}/${name}")
  message(STATUS "lockstress: ${action} ${APPROVED_DIR}/${name}")
endforeach()
