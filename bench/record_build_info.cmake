# Run at every build of record_bench (cmake -P): writes OUT, the header machine.cc includes,
# naming the commit the binary is built from. Like build_info.cmake (journal_bench), but the code
# record_bench measures is the shim's and the recorder's, and the trace format they write.
# OUT is rewritten only when its text changes. Inputs: SOURCE_DIR, OUT.
execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse --short HEAD
  OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR commit STREQUAL "")
  set(commit "unknown (not a git checkout)")
else()
  execute_process(COMMAND git -C "${SOURCE_DIR}" diff --quiet HEAD --
      faultfs/preload faultfs/record faultfs/trace faultfs/fs bench
      ":(exclude)*_test.cc" ":(exclude)*test_main.cc"
    RESULT_VARIABLE dirty ERROR_QUIET)
  if(NOT dirty EQUAL 0)
    string(APPEND commit " +uncommitted changes to the shim, the recorder or bench/")
  endif()
endif()
set(text "#define POWERCUT_BENCH_GIT_COMMIT \"${commit}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
