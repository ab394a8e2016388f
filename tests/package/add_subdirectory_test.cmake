# The other way to use lockstress: its sources beside the user's, through add_subdirectory().
# Configuring is what can break here (targets and functions visible from the user's directory),
# and building is what the out-of-tree test already covers, so this only configures.
#   cmake -DSOURCE_DIR=<lockstress> -DEXAMPLE_DIR=<examples/my_lock> -DWORK_DIR=<scratch>
#         -DGENERATOR=<generator> -DCXX=<compiler> -P add_subdirectory_test.cmake
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${EXAMPLE_DIR} -B ${WORK_DIR} -G ${GENERATOR}
                        -DCMAKE_CXX_COMPILER=${CXX} -DLOCKSTRESS_SOURCE_DIR=${SOURCE_DIR}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0 OR err MATCHES "CMake (Error|Warning)")
  message(FATAL_ERROR "configuring the example with add_subdirectory failed (${status}):\n${out}\n${err}")
endif()
file(READ ${WORK_DIR}/build.ninja ninja)
foreach(target my_runner my_runner-plain my_runner-tsan)
  string(FIND "${ninja}" "build ${target}:" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "no target ${target} in the generated build")
  endif()
endforeach()
