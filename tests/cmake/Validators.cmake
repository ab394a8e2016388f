# The outside tools some test groups need (xmllint, jsonschema, yamllint, objdump, ...), found in
# one place. A group whose tool is missing must never vanish from the suite unseen:
# - with LOCKSTRESS_REQUIRE_VALIDATORS on (the default when the environment variable CI is set, as
#   GitHub Actions, GitLab CI and .ci/run set it), configure fails, naming every missing tool and
#   the package that brings it;
# - otherwise configure warns, and the group is registered as one test that ends skipped with the
#   same words, so `ctest` lists it under "did not run" instead of passing without it.

if(NOT DEFINED LOCKSTRESS_REQUIRE_VALIDATORS)
  if(DEFINED ENV{CI} AND NOT "$ENV{CI}" MATCHES "^(|0|[Ff][Aa][Ll][Ss][Ee]|[Nn][Oo])$")
    set(LOCKSTRESS_REQUIRE_VALIDATORS ON)
  else()
    set(LOCKSTRESS_REQUIRE_VALIDATORS OFF)
  endif()
endif()

set(lockstress_missing_validators "")

# Registers `group` as a skipped test saying why it cannot run, and remembers the reason for
# lockstress_check_validators().
function(lockstress_validator_missing group labels why)
  add_test(NAME ${group}.not_run COMMAND sh -c [[echo "$0"; exit 77]] "not run: ${why}")
  set_tests_properties(${group}.not_run PROPERTIES SKIP_RETURN_CODE 77 LABELS "${labels}")
  set(lockstress_missing_validators ${lockstress_missing_validators} "${group}: ${why}"
      PARENT_SCOPE)
endfunction()

# Fails configure (CI) or warns (elsewhere) once, listing every group that cannot run.
function(lockstress_check_validators)
  if(NOT lockstress_missing_validators)
    return()
  endif()
  list(JOIN lockstress_missing_validators "\n  " missing)
  if(LOCKSTRESS_REQUIRE_VALIDATORS)
    message(FATAL_ERROR
      "lockstress: test groups that cannot run, and CI is set (LOCKSTRESS_REQUIRE_VALIDATORS):\n"
      "  ${missing}\n"
      "Install what they need (.ci/run shows how), or configure with "
      "-DLOCKSTRESS_REQUIRE_VALIDATORS=OFF to run without them.")
  endif()
  message(WARNING
    "lockstress: test groups that cannot run here, registered as skipped tests:\n  ${missing}")
endfunction()

# A Python that imports jsonschema: the first python3 on PATH, else Debian's own interpreter
# (python3-jsonschema is installed for /usr/bin/python3, which need not be first on PATH).
function(lockstress_find_jsonschema_python out)
  if(LOCKSTRESS_PYTHON)
    set(candidates "${LOCKSTRESS_PYTHON}")
  else()
    find_program(path_python NAMES python3)
    set(candidates ${path_python} /usr/bin/python3)
  endif()
  foreach(python IN LISTS candidates)
    execute_process(COMMAND ${python} -c "import jsonschema"
                    RESULT_VARIABLE status OUTPUT_QUIET ERROR_QUIET)
    if(status EQUAL 0)
      set(${out} "${python}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()

# The SARIF Multitool (npm: @microsoft/sarif-multitool-linux), whose GitHub rules check what code
# scanning accepts beyond the schema. npm installs it as a node wrapper, sarif-multitool-linux;
# the tests run the self-contained binary beside that wrapper, Sarif.Multitool, directly.
function(lockstress_find_sarif_multitool out)
  find_program(LOCKSTRESS_SARIF_MULTITOOL NAMES Sarif.Multitool sarif-multitool-linux
               DOC "The SARIF Multitool, for the validation tests")
  set(${out} "" PARENT_SCOPE)
  if(NOT LOCKSTRESS_SARIF_MULTITOOL)
    return()
  endif()
  file(REAL_PATH "${LOCKSTRESS_SARIF_MULTITOOL}" resolved)
  get_filename_component(dir "${resolved}" DIRECTORY)
  if(EXISTS "${dir}/Sarif.Multitool")
    set(resolved "${dir}/Sarif.Multitool")
  endif()
  execute_process(COMMAND "${resolved}" --version RESULT_VARIABLE status OUTPUT_QUIET ERROR_QUIET)
  if(status EQUAL 0)
    set(${out} "${resolved}" PARENT_SCOPE)
  endif()
endfunction()
