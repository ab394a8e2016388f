# `cmake --install`: what a project outside this tree needs to write its own runner
#   find_package(lockstress CONFIG REQUIRED)
#   lockstress_add_runner(my_runner SOURCES my_locks.cpp LIBRARIES MyLib::locks)
# the public headers, the driver and the three runner sides (static), the TSan hooks (objects:
# nothing names them, the TSan runtime looks them up), the model runtime (objects: only shared
# libraries reference its interposed calls, sanitizers/model/CMakeLists.txt), so that VARIANTS
# plain tsan model builds a model runner of the project's own locks, the package config with
# its version, and the
# CMake functions lockstress_add_runner(), lockstress_add_variant(), lockstress_add_cell_tests()
# and lockstress_sanitize().
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(lockstress_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/lockstress)

# The names they have inside this tree too (as aliases), so lockstress_add_runner() reads the same
# in both places.
set_target_properties(lockstress_headers PROPERTIES EXPORT_NAME headers)
set_target_properties(lockstress_driver PROPERTIES EXPORT_NAME driver)
set_target_properties(lockstress_runtime_plain PROPERTIES EXPORT_NAME runtime_plain)
set_target_properties(lockstress_runtime_tsan PROPERTIES EXPORT_NAME runtime_tsan)
set_target_properties(lockstress_tsan_hooks PROPERTIES EXPORT_NAME tsan_hooks)
set_target_properties(lockstress_runtime_model PROPERTIES EXPORT_NAME runtime_model)
set_target_properties(lockstress_model PROPERTIES EXPORT_NAME model)

install(TARGETS lockstress_headers lockstress_driver lockstress_runtime_plain
                lockstress_runtime_tsan lockstress_tsan_hooks lockstress_runtime_model
                lockstress_model
        EXPORT lockstressTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        OBJECTS DESTINATION ${CMAKE_INSTALL_LIBDIR}/lockstress/objects)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/harness/include/lockstress
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT lockstressTargets NAMESPACE lockstress:: DESTINATION ${lockstress_cmake_dir})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/lockstressConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/lockstressConfig.cmake
                              INSTALL_DESTINATION ${lockstress_cmake_dir})
# 0.x: a minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/lockstressConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/lockstressConfig.cmake
              ${PROJECT_BINARY_DIR}/lockstressConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/LockstressRunner.cmake
              ${CMAKE_CURRENT_LIST_DIR}/LockstressCheckImports.cmake
              ${CMAKE_CURRENT_LIST_DIR}/LockstressCellTests.cmake
              ${CMAKE_CURRENT_LIST_DIR}/LockstressVariants.cmake
              ${PROJECT_SOURCE_DIR}/sanitizers/Sanitizers.cmake
        DESTINATION ${lockstress_cmake_dir})
