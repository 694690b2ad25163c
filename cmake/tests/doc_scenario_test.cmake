# docs/cmake.md shows the out-of-tree example's scenario file in full: checks that the page's
# ```toml block is that file, line for line (its two-space list indentation removed).
# Run as: cmake -D DOC=<docs/cmake.md> -D SCENARIO=<examples/out-of-tree/note-log.toml>
#               -P doc_scenario_test.cmake
cmake_minimum_required(VERSION 3.22)
file(READ "${DOC}" doc)
file(READ "${SCENARIO}" scenario)
string(REGEX MATCH "\n  ```toml\n(.*)\n  ```\n" block "${doc}")
if(NOT block)
  message(FATAL_ERROR "FAIL: ${DOC} has no indented ```toml block")
endif()
string(REGEX REPLACE "\n  " "\n" shown "\n${CMAKE_MATCH_1}\n")
string(SUBSTRING "${shown}" 1 -1 shown)
if(NOT shown STREQUAL scenario)
  message(FATAL_ERROR "FAIL: the scenario in ${DOC} is not ${SCENARIO}:\n${shown}\n---\n${scenario}")
endif()
