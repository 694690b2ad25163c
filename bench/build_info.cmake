# Run at every build of a benchmark (cmake -P, see bench_build_info() in CMakeLists.txt): writes
# OUT, the header machine.cc includes, naming the commit the binary is built from, so a report can
# never name a commit the binary does not contain. Marked when the code the benchmark measures
# has uncommitted changes. OUT is rewritten only when its text changes, so an unchanged commit
# triggers no recompilation.
# Inputs: SOURCE_DIR, OUT, PATHS (the measured code: git pathspecs separated by commas), WHAT
# (those paths in words, for the mark).
execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse --short HEAD
  OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR commit STREQUAL "")
  set(commit "unknown (not a git checkout)")
else()
  # Only uncommitted changes to the code being measured make the hash misleading.
  string(REPLACE "," ";" paths "${PATHS}")
  execute_process(COMMAND git -C "${SOURCE_DIR}" diff --quiet HEAD -- ${paths}
      ":(exclude)*_test.cc" ":(exclude)*test_main.cc"
    RESULT_VARIABLE dirty ERROR_QUIET)
  if(NOT dirty EQUAL 0)
    string(APPEND commit " +uncommitted changes to ${WHAT}")
  endif()
endif()
set(text "#define POWERCUT_BENCH_GIT_COMMIT \"${commit}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
