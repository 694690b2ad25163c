# powercut_add_scenario(NAME <test> FILE <scenario.toml>
#                       [LABELS <label>...] [TIMEOUT <seconds>] [ARGS <arg>...]
#                       [PROGRAMS <target>...] [WORKING_DIRECTORY <dir>])
#
# Registers `powercut run <FILE> --work-dir <dir>/powercut-work/<test> [ARGS...]` as the CTest
# test <test> (docs/cmake.md):
#   - labels `scenario` and LABELS; TIMEOUT seconds (default 300); exit 77 (a requirement of the
#     scenario is missing) counts as skipped, not failed;
#   - PATH starts with the directories of the PROGRAMS (executable targets: the programs the
#     scenario's commands name), then those of powercut-journal and powercut;
#   - FILE is relative to the calling CMakeLists.txt's folder; it must exist when CMake runs;
#   - each test keeps its trace and directory under test in its own work directory (two scenario
#     files may share a `name`), unless ARGS gives --work-dir.
# A misuse (an unknown argument, a keyword without its value, a missing file) stops the
# configuration with an error that names it.
#
# One file for both uses: powercut's own build includes it (scenarios/CMakeLists.txt) and the
# installed package includes the installed copy of it (powercut-config.cmake). Both define the
# executable target powercut::powercut the test runs.
include_guard(GLOBAL)

function(powercut_add_scenario)
  set(one_value NAME FILE TIMEOUT WORKING_DIRECTORY)
  set(multi_value LABELS ARGS PROGRAMS)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "" "${one_value}" "${multi_value}")
  set(usage "powercut_add_scenario(NAME <test> FILE <scenario.toml> [LABELS ...] [TIMEOUT s] "
    "[ARGS ...] [PROGRAMS target...] [WORKING_DIRECTORY dir])")
  string(CONCAT usage ${usage})
  if(ARG_UNPARSED_ARGUMENTS)
    list(GET ARG_UNPARSED_ARGUMENTS 0 unknown)
    message(FATAL_ERROR "powercut_add_scenario(${ARG_NAME}): unknown argument '${unknown}' "
      "(arguments: ${one_value} ${multi_value}); usage: ${usage}")
  endif()
  if(ARG_KEYWORDS_MISSING_VALUES)
    list(JOIN ARG_KEYWORDS_MISSING_VALUES ", " keywords)
    message(FATAL_ERROR "powercut_add_scenario(${ARG_NAME}): ${keywords} given without a value; "
      "usage: ${usage}")
  endif()
  if(NOT ARG_NAME OR NOT ARG_FILE)
    message(FATAL_ERROR "powercut_add_scenario: NAME and FILE are required; usage: ${usage}")
  endif()
  cmake_path(ABSOLUTE_PATH ARG_FILE BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE
    OUTPUT_VARIABLE file)
  if(NOT EXISTS "${file}" OR IS_DIRECTORY "${file}")
    message(FATAL_ERROR "powercut_add_scenario(${ARG_NAME}): scenario file ${file} does not exist")
  endif()
  if(NOT DEFINED ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  elseif(NOT ARG_TIMEOUT MATCHES "^[0-9]+$" OR ARG_TIMEOUT EQUAL 0)
    message(FATAL_ERROR "powercut_add_scenario(${ARG_NAME}): TIMEOUT takes whole seconds > 0, not '${ARG_TIMEOUT}'")
  endif()
  if(NOT TARGET powercut::powercut)
    message(FATAL_ERROR "powercut_add_scenario(${ARG_NAME}): no target powercut::powercut; "
      "call find_package(powercut) first (in powercut's own build: after add_subdirectory(harness))")
  endif()

  # PATH: the scenario's own programs first, then powercut's.
  set(path_dirs "")
  foreach(program IN LISTS ARG_PROGRAMS)
    if(NOT TARGET "${program}")
      message(FATAL_ERROR "powercut_add_scenario(${ARG_NAME}): PROGRAMS takes executable targets; "
        "'${program}' is not a target (for a program outside this build, see docs/cmake.md)")
    endif()
    list(APPEND path_dirs "PATH=path_list_prepend:$<TARGET_FILE_DIR:${program}>")
  endforeach()
  # path_list_prepend puts each later entry in front: reverse, so PROGRAMS come first in order.
  list(REVERSE path_dirs)
  if(TARGET powercut::powercut-journal)
    list(PREPEND path_dirs "PATH=path_list_prepend:$<TARGET_FILE_DIR:powercut::powercut-journal>")
  endif()
  list(PREPEND path_dirs "PATH=path_list_prepend:$<TARGET_FILE_DIR:powercut::powercut>")

  set(working_directory "${CMAKE_CURRENT_BINARY_DIR}")
  if(ARG_WORKING_DIRECTORY)
    cmake_path(ABSOLUTE_PATH ARG_WORKING_DIRECTORY BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
      NORMALIZE OUTPUT_VARIABLE working_directory)
  endif()
  # `powercut run` rejects --work-dir given twice: the caller's wins.
  set(work_dir_args --work-dir "${working_directory}/powercut-work/${ARG_NAME}")
  foreach(arg IN LISTS ARG_ARGS)
    if(arg STREQUAL "--work-dir" OR arg MATCHES "^--work-dir=")
      set(work_dir_args "")
    endif()
  endforeach()

  add_test(NAME "${ARG_NAME}"
    COMMAND "$<TARGET_FILE:powercut::powercut>" run "${file}" ${work_dir_args} ${ARG_ARGS}
    WORKING_DIRECTORY "${working_directory}")
  set_tests_properties("${ARG_NAME}" PROPERTIES
    LABELS "scenario;${ARG_LABELS}"
    TIMEOUT "${ARG_TIMEOUT}"
    SKIP_RETURN_CODE 77
    ENVIRONMENT_MODIFICATION "${path_dirs}")
endfunction()
