# The harness is built in layers, each a folder of harness/ and a library that links only the
# layers below it (harness/CMakeLists.txt lists them bottom up). A layer's headers are reachable
# only through a directory of forwarding headers that a target gets by linking the layer, so an
# include that points up a layer, or across to one not linked, finds no file and fails to build.
# Each forwarder includes the real header by its absolute path: debug info, sanitizer reports and
# diagnostics name the real file, as before.

# Gives `target` the forwarders of every header in `folder` (relative to the project root), as
# its include directory: what `target` and the targets linking it may include.
function(lockstress_layer_headers target folder)
  set(root ${PROJECT_BINARY_DIR}/layers/${target})
  file(GLOB headers CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}
       ${PROJECT_SOURCE_DIR}/${folder}/*.hpp)
  # A header moved or deleted leaves no forwarder behind that would still build.
  file(GLOB_RECURSE stale RELATIVE ${root} ${root}/*.hpp)
  list(REMOVE_ITEM stale ${headers})
  foreach(header IN LISTS stale)
    file(REMOVE ${root}/${header})
  endforeach()
  foreach(header IN LISTS headers)
    file(CONFIGURE OUTPUT ${root}/${header}
         CONTENT "#pragma once\n#include \"${PROJECT_SOURCE_DIR}/${header}\"\n" @ONLY)
  endforeach()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE $<BUILD_INTERFACE:${root}>)
  else()
    target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${root}>)
  endif()
endfunction()

# An object library for the layer in `folder`: its SOURCES, the layers it LINKS (whose headers it
# may include, and whose users may include them too), compiled with lockstress's warnings and the
# harness's sanitizer. The driver's archive collects the objects of every layer.
function(lockstress_layer target folder)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "SOURCES;LINKS")
  add_library(${target} OBJECT ${arg_SOURCES})
  lockstress_layer_headers(${target} ${folder})
  target_link_libraries(${target} PUBLIC ${arg_LINKS}
                        PRIVATE $<BUILD_INTERFACE:lockstress_warnings>)
  if(LOCKSTRESS_SANITIZE_HARNESS)
    lockstress_sanitize(${target} ${LOCKSTRESS_SANITIZE_HARNESS})
    # The sanitizer's link flags come with the driver, whose archive holds these objects; from a
    # layer they would also reach the runners through protocol -> base, and a TSan runner cannot
    # link -fsanitize=address.
    set_property(TARGET ${target} PROPERTY INTERFACE_LINK_OPTIONS "")
  endif()
endfunction()
