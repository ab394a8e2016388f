# cmake -DLOCKSTRESS=<driver> -DWORK_DIR=<scratch> -P cross_end_to_end.cmake, with
# LOCKSTRESS_EMULATOR in the environment (the cross test presets set it).
#
# The cross build's driver and both runners, under the emulator: the control and two cases at a
# size that an emulated TSan runs in seconds; every verdict must hold, and the summary must say the
# run was emulated, since its memory model was the host's. A run whose control went uncaught (exit
# 3) or whose plain workers never ran at once (a harness fault, exit 4; seen once under qemu at
# load average 16, 2026-12-03) is rerun once at 4x the iterations, as the summary advises; a
# runner that is missing or broken fails the rerun as well.
if(NOT DEFINED ENV{LOCKSTRESS_EMULATOR})
  message(FATAL_ERROR "LOCKSTRESS_EMULATOR is not set: run this through the cross test preset")
endif()
separate_arguments(emulator UNIX_COMMAND "$ENV{LOCKSTRESS_EMULATOR}")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
foreach(iterations 10000 40000)
  execute_process(
    COMMAND ${emulator} ${LOCKSTRESS} run --case unsafe_counter --case locked_counter
            --case spinlock_relaxed --threads 2 --iterations ${iterations} --trials 5 --seed 3
            --json ${WORK_DIR}/summary.json
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 3 AND NOT status EQUAL 4)
    break()
  endif()
  message(STATUS "exit ${status} at 2 x ${iterations}, rerunning at 4x the iterations:\n${out}")
endforeach()
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the emulated run ended ${status}:\n${out}\n${err}")
endif()
file(READ "${WORK_DIR}/summary.json" summary)
string(JSON emulation GET "${summary}" context emulation)
string(JSON binary_arch GET "${summary}" context binary_arch)
if(emulation STREQUAL "")
  message(FATAL_ERROR "an emulated run's summary does not say it was emulated:\n${out}")
endif()
if(NOT out MATCHES "EMULATED: ")
  message(FATAL_ERROR "the console header does not say the run was emulated:\n${out}")
endif()
message(STATUS "${binary_arch} build, every verdict as declared; ${emulation}")
