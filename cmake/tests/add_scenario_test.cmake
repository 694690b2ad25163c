# Tests powercut_add_scenario's registration (cmake/PowercutScenario.cmake) by configuring the
# project in add_scenario/ once per case and reading back what CTest would run
# (`ctest --show-only=json-v1`). Whether `powercut run` itself works is the scenarios' business.
# Run as: cmake -D MODULE_DIR=<cmake/> -D WORK_DIR=<scratch> -P add_scenario_test.cmake
cmake_minimum_required(VERSION 3.22)
set(fixture "${CMAKE_CURRENT_LIST_DIR}/add_scenario")
file(REMOVE_RECURSE "${WORK_DIR}")
set(opt "${WORK_DIR}/opt")
foreach(program powercut/bin/powercut journal/bin/powercut-journal mine/bin/my_program
                helper/bin/my_helper)
  get_filename_component(dir "${opt}/${program}" DIRECTORY)
  file(MAKE_DIRECTORY "${dir}")
  file(TOUCH "${opt}/${program}")
  file(CHMOD "${opt}/${program}" PERMISSIONS OWNER_READ OWNER_EXECUTE)
endforeach()

function(fail what)
  message(SEND_ERROR "FAIL: ${what}")
endfunction()

# configure(CASE RESULT_VAR OUTPUT_VAR): configures the fixture with CASE in WORK_DIR/CASE.
function(configure case result_var output_var)
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${fixture}" -B "${WORK_DIR}/${case}"
            -D "POWERCUT_CMAKE_DIR=${MODULE_DIR}" -D "STANDIN_ROOT=${opt}" -D "CASE=${case}"
    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${result_var} "${result}" PARENT_SCOPE)
  set(${output_var} "${out}${err}" PARENT_SCOPE)
endfunction()

# json_list(JSON OUT): a JSON array of strings (or one scalar) as a CMake list.
function(json_list json out)
  string(JSON type ERROR_VARIABLE error TYPE "${json}")
  if(error OR NOT type STREQUAL "ARRAY")
    set(${out} "${json}" PARENT_SCOPE)
    return()
  endif()
  string(JSON count LENGTH "${json}")
  set(items "")
  if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(i RANGE ${last})
      string(JSON item GET "${json}" ${i})
      list(APPEND items "${item}")
    endforeach()
  endif()
  set(${out} "${items}" PARENT_SCOPE)
endfunction()

# registered(TESTS_JSON NAME PREFIX): sets PREFIX_command and PREFIX_<PROPERTY> for test NAME.
function(registered tests name prefix)
  string(JSON count LENGTH "${tests}")
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON test_name GET "${tests}" ${i} name)
    if(NOT test_name STREQUAL name)
      continue()
    endif()
    set(${prefix}_found TRUE PARENT_SCOPE)
    string(JSON command GET "${tests}" ${i} command)
    json_list("${command}" command)
    set(${prefix}_command "${command}" PARENT_SCOPE)
    string(JSON property_count LENGTH "${tests}" ${i} properties)
    math(EXPR last_property "${property_count} - 1")
    foreach(p RANGE ${last_property})
      string(JSON property GET "${tests}" ${i} properties ${p} name)
      string(JSON value GET "${tests}" ${i} properties ${p} value)
      json_list("${value}" value)
      set(${prefix}_${property} "${value}" PARENT_SCOPE)
    endforeach()
    return()
  endforeach()
  set(${prefix}_found FALSE PARENT_SCOPE)
endfunction()

function(expect_equal actual expected what)
  if(NOT "${actual}" STREQUAL "${expected}")
    fail("${what}: expected '${expected}', got '${actual}'")
  endif()
endfunction()

# ---- a scenario with every argument, and one with none ----------------------------------------
configure(registers result output)
if(NOT result EQUAL 0)
  fail("configuring with valid calls failed:\n${output}")
  return()
endif()
execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --show-only=json-v1
  WORKING_DIRECTORY "${WORK_DIR}/registers" RESULT_VARIABLE result OUTPUT_VARIABLE json)
string(JSON tests GET "${json}" tests)
set(file "${fixture}/scenarios/placeholder.toml")

registered("${tests}" scenario.all all)
expect_equal("${all_found}" TRUE "scenario.all registered")
expect_equal("${all_command}"
  "${opt}/powercut/bin/powercut;run;${file};--work-dir;${WORK_DIR}/registers/work/powercut-work/scenario.all;--model;prefix;--seed;7"
  "scenario.all command")
expect_equal("${all_LABELS}" "fast;mine;scenario" "scenario.all labels (sorted by ctest)")
expect_equal("${all_TIMEOUT}" "42.0" "scenario.all timeout")
expect_equal("${all_SKIP_RETURN_CODE}" "77" "scenario.all skip return code")
expect_equal("${all_WORKING_DIRECTORY}" "${WORK_DIR}/registers/work" "scenario.all working directory")
# Applied in order, each in front: PATH ends up my_program:my_helper:journal:powercut:$PATH.
expect_equal("${all_ENVIRONMENT_MODIFICATION}"
  "PATH=path_list_prepend:${opt}/powercut/bin;PATH=path_list_prepend:${opt}/journal/bin;PATH=path_list_prepend:${opt}/helper/bin;PATH=path_list_prepend:${opt}/mine/bin"
  "scenario.all PATH")

registered("${tests}" scenario.defaults defaults)
expect_equal("${defaults_found}" TRUE "scenario.defaults registered")
expect_equal("${defaults_command}"
  "${opt}/powercut/bin/powercut;run;${file};--work-dir;${WORK_DIR}/registers/powercut-work/scenario.defaults"
  "scenario.defaults command")
expect_equal("${defaults_LABELS}" "scenario" "scenario.defaults labels")
expect_equal("${defaults_TIMEOUT}" "300.0" "scenario.defaults timeout")
expect_equal("${defaults_SKIP_RETURN_CODE}" "77" "scenario.defaults skip return code")
expect_equal("${defaults_WORKING_DIRECTORY}" "${WORK_DIR}/registers" "scenario.defaults working directory")
expect_equal("${defaults_ENVIRONMENT_MODIFICATION}"
  "PATH=path_list_prepend:${opt}/powercut/bin;PATH=path_list_prepend:${opt}/journal/bin"
  "scenario.defaults PATH")

registered("${tests}" scenario.own_work_dir own)
expect_equal("${own_command}"
  "${opt}/powercut/bin/powercut;run;${file};--jobs;1;--work-dir=/elsewhere"
  "scenario.own_work_dir command (ARGS' --work-dir replaces the default one)")

# ---- each misuse stops the configuration with a message naming the problem ---------------------
foreach(case_and_message IN ITEMS
    "no_file|NAME and FILE are required"
    "missing_file|scenario file .*/scenarios/absent.toml does not exist"
    "unknown_argument|unknown argument 'SEEDS'"
    "missing_value|TIMEOUT given without a value"
    "bad_timeout|TIMEOUT takes whole seconds > 0, not '1.5'"
    "program_not_a_target|'/usr/bin/sqlite3' is not a target"
    "no_powercut|no target powercut::powercut; call find_package\\(powercut\\) first")
  string(REPLACE "|" ";" parts "${case_and_message}")
  list(GET parts 0 case)
  list(GET parts 1 expected)
  configure(${case} result output)
  string(REGEX REPLACE "[ \n]+" " " output "${output}")  # CMake wraps long messages
  if(result EQUAL 0)
    fail("${case}: configuring succeeded, expected an error")
  elseif(NOT output MATCHES "${expected}")
    fail("${case}: the error does not say '${expected}':\n${output}")
  endif()
endforeach()
