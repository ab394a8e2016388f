# lockstress_add_runner's build-time check (see _lockstress_warn_uninstrumented): runs a freshly
# linked TSan runner, which lists the functions it calls in uninstrumented shared objects
# (--lockstress-runner --uninstrumented-imports), and warns once per library not acknowledged.
#   cmake -DRUNNER=<runner> -DNAME=<lockstress_add_runner name> [-DEMULATOR=<cmd>]
#         [-DACKNOWLEDGED=<file names or stems>] -P LockstressCheckImports.cmake
# A runner that cannot run here (a TSan runtime that cannot start on this kernel) is not judged:
# the check is a courtesy, and the cells' sync probe still diagnoses at run time.
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND ${EMULATOR} ${RUNNER} --lockstress-runner --uninstrumented-imports
                RESULT_VARIABLE status OUTPUT_VARIABLE listed ERROR_QUIET)
if(NOT status EQUAL 0)
  return()
endif()

# "libabsl_synchronization.so.20220623" -> "libabsl_synchronization"
function(stem out file)
  get_filename_component(name "${file}" NAME)
  string(REGEX REPLACE "\\.so(\\..*)?$" "" name "${name}")
  set(${out} "${name}" PARENT_SCOPE)
endfunction()

set(known "")
foreach(entry IN LISTS ACKNOWLEDGED)
  stem(s "${entry}")
  list(APPEND known "${s}")
endforeach()

string(REPLACE "\n" ";" lines "${listed}")
set(objects "")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^([^\t]+)\t(.+)$")
    continue()
  endif()
  set(object "${CMAKE_MATCH_1}")
  set(function "${CMAKE_MATCH_2}")
  stem(s "${object}")
  set(acknowledged OFF)
  foreach(k IN LISTS known)
    if(s STREQUAL k OR (k MATCHES "\\*$" AND s MATCHES "^${k}"))
      set(acknowledged ON)
    endif()
  endforeach()
  if(acknowledged)
    continue()
  endif()
  string(MAKE_C_IDENTIFIER "${s}" id)
  if(NOT object IN_LIST objects)
    list(APPEND objects "${object}")
    set(functions_${id} "")
    set(count_${id} 0)
  endif()
  math(EXPR count_${id} "${count_${id}} + 1")
  list(LENGTH functions_${id} shown)
  if(shown LESS 3)
    list(APPEND functions_${id} "${function}")
  endif()
endforeach()

foreach(object IN LISTS objects)
  stem(s "${object}")
  string(MAKE_C_IDENTIFIER "${s}" id)
  list(JOIN functions_${id} ", " shown)
  if(count_${id} GREATER 3)
    math(EXPR more "${count_${id}} - 3")
    string(APPEND shown ", and ${more} more")
  endif()
  message(WARNING
    "lockstress_add_runner(${NAME}): ${RUNNER} calls ${shown} in ${object}, which is compiled "
    "without -fsanitize=thread: if a lock synchronises there, TSan cannot see it, and its cells "
    "say so (\"cannot see the lock\") instead of judging it. Build that library with "
    "-fsanitize=thread, or say you know: lockstress_add_runner(${NAME} ... "
    "ACKNOWLEDGE_UNINSTRUMENTED ${s}).")
endforeach()
