# Cross-compiling lockstress for 64-bit Arm Linux with clang, against Debian's multiarch arm64
# libraries (dpkg --add-architecture arm64; libboost-program-options-dev:arm64, libgtest-dev:arm64,
# libstdc++-12-dev:arm64, libclang-rt-14-dev:arm64 for the TSan runtime; binutils-aarch64-linux-gnu
# for the linker), and running what it built under qemu-user (qemu-aarch64).
#
# Under qemu-user the program runs on the host's CPU: its memory model is the host's (x86's, on
# an x86-64 machine), not Arm's. Such a run builds and exercises the arm64 code, and the summary
# says it was emulated; it is no evidence of how a lock behaves on Arm hardware.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_C_COMPILER_TARGET aarch64-linux-gnu)
set(CMAKE_CXX_COMPILER_TARGET aarch64-linux-gnu)

# qemu finds the arm64 dynamic loader and libraries where multiarch put them (/lib/aarch64-...).
# ASLR off (setarch -R): with it, ThreadSanitizer re-executes itself to fix its memory layout,
# and qemu-user cannot execute an arm64 program without binfmt_misc.
find_program(LOCKSTRESS_QEMU qemu-aarch64 REQUIRED)
find_program(LOCKSTRESS_SETARCH setarch REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR ${LOCKSTRESS_SETARCH} -R ${LOCKSTRESS_QEMU})

# Libraries and headers of the target only; programs (the compiler, qemu) of the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
