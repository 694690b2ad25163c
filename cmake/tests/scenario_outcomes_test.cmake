# Runs real scenarios registered by powercut_add_scenario (cmake/PowercutScenario.cmake) through
# CTest and checks how CTest reports each exit code of `powercut run`: 0 passed, 1 failed,
# 2 failed, 77 skipped. The project in scenario_outcomes/ registers one scenario per outcome.
# Run as: cmake -D MODULE_DIR=<cmake/> -D POWERCUT=<powercut binary> -D WORK_DIR=<scratch>
#               -P scenario_outcomes_test.cmake
cmake_minimum_required(VERSION 3.22)
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_LIST_DIR}/scenario_outcomes" -B "${WORK_DIR}"
          -D "POWERCUT_CMAKE_DIR=${MODULE_DIR}" -D "POWERCUT=${POWERCUT}"
  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "configuring the fixture failed:\n${output}")
endif()
# Some tests fail on purpose, so ctest's own exit status says nothing: the JUnit file is read.
execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --output-junit junit.xml
  WORKING_DIRECTORY "${WORK_DIR}" OUTPUT_VARIABLE ctest_output ERROR_VARIABLE ctest_output)
file(READ "${WORK_DIR}/junit.xml" junit)

# expect_outcome(TEST STATUS TEXT): CTest's JUnit entry for TEST has status="STATUS" and
# contains TEXT (a regex) in what it recorded.
function(expect_outcome test status text)
  string(REGEX MATCH "<testcase name=\"${test}\"[^>]*>.*</testcase>" entry "${junit}")
  string(FIND "${entry}" "</testcase>" end)
  string(SUBSTRING "${entry}" 0 ${end} entry)
  if(entry STREQUAL "")
    message(SEND_ERROR "FAIL: ${test} did not run:\n${ctest_output}")
  elseif(NOT entry MATCHES "status=\"${status}\"")
    message(SEND_ERROR "FAIL: ${test}: expected status=\"${status}\":\n${entry}")
  elseif(NOT entry MATCHES "${text}")
    message(SEND_ERROR "FAIL: ${test}: its entry does not contain '${text}':\n${entry}")
  endif()
endfunction()

expect_outcome(outcome.passes run "1 passed, 0 failed, 0 skipped, 0 errors \\(exit 0\\)")
expect_outcome(outcome.fails fail "NOT MET.*\\(exit 1\\)")
expect_outcome(outcome.invalid fail "invalid.toml:3: sync: unknown key")
expect_outcome(outcome.skipped notrun "SKIP_RETURN_CODE=77.*\\(exit 77\\)")
