# Project-wide options and the INTERFACE targets that carry build policy.
#   powercut::warnings    warnings for our own code (errors with POWERCUT_WERROR)
#   powercut::sanitizers  -fsanitize=${POWERCUT_SANITIZE} when set (address,undefined | thread)
#   powercut::coverage    --coverage when POWERCUT_COVERAGE is on
option(POWERCUT_WERROR "Treat warnings as errors" OFF)
option(POWERCUT_COVERAGE "Instrument for gcov/gcovr" OFF)
option(POWERCUT_FUZZ "Build libFuzzer targets (needs clang)" OFF)
set(POWERCUT_SANITIZE "" CACHE STRING "Sanitizers for our targets, e.g. address,undefined or thread")

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

add_library(powercut_warnings INTERFACE)
add_library(powercut::warnings ALIAS powercut_warnings)
target_compile_options(powercut_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wformat=2 -Wimplicit-fallthrough -Wnull-dereference
  # Designated initializers that leave members at their defaults are intended (C++20).
  -Wno-missing-field-initializers
  $<$<BOOL:${POWERCUT_WERROR}>:-Werror>)

add_library(powercut_sanitizers INTERFACE)
add_library(powercut::sanitizers ALIAS powercut_sanitizers)
if(POWERCUT_SANITIZE)
  # Test code (targets with the POWERCUT_TEST_CODE property: powercut_add_boost_test) is compiled
  # without UBSan: at -O0 with ASan and gcov, UBSan doubled the compile time of a test file (run
  # _command_test.cc: 12 s with ASan alone, 23 s with both), and what it checks is the library and
  # tool code, which keeps it; the tests still link its runtime. ASan stays on everywhere.
  string(REPLACE "," ";" sanitizers "${POWERCUT_SANITIZE}")
  list(REMOVE_ITEM sanitizers undefined)
  list(JOIN sanitizers "$<COMMA>" test_sanitizers)
  string(REPLACE "," "$<COMMA>" all_sanitizers "${POWERCUT_SANITIZE}")
  set(test_code "$<BOOL:$<TARGET_PROPERTY:POWERCUT_TEST_CODE>>")
  if(test_sanitizers)
    set(test_flag "-fsanitize=${test_sanitizers}")
  else()
    set(test_flag "")
  endif()
  target_compile_options(powercut_sanitizers INTERFACE
    "$<IF:${test_code},${test_flag},-fsanitize=${all_sanitizers}>"
    -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(powercut_sanitizers INTERFACE -fsanitize=${POWERCUT_SANITIZE})
endif()

add_library(powercut_coverage INTERFACE)
add_library(powercut::coverage ALIAS powercut_coverage)
if(POWERCUT_COVERAGE)
  # Atomic counters: the journal is multi-threaded, and racing increments leave gcov with
  # inconsistent (negative) branch counts that gcovr refuses to parse.
  target_compile_options(powercut_coverage INTERFACE --coverage -fprofile-update=atomic -O0 -g)
  target_link_options(powercut_coverage INTERFACE --coverage)
endif()

# Everything of ours links this one target: warnings + sanitizers + coverage. The installed
# libraries link it privately, so their consumers get only its link options (the runtimes an
# instrumented build needs); the warnings are for our own code and are not exported at all.
add_library(powercut_policy INTERFACE)
add_library(powercut::policy ALIAS powercut_policy)
target_link_libraries(powercut_policy INTERFACE $<BUILD_INTERFACE:powercut::warnings>
  powercut::sanitizers powercut::coverage)
target_compile_features(powercut_policy INTERFACE cxx_std_20)
