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
  target_compile_options(powercut_sanitizers INTERFACE
    -fsanitize=${POWERCUT_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
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
