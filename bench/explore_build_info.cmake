# Run at every build of explore_bench (cmake -P): writes OUT, the header machine.cc includes,
# naming the commit the binary is built from. Like build_info.cmake (journal_bench), but the code
# explore_bench measures is the explorer's as well as the journal's: the trace vocabulary, FsImage,
# SimFileSystem, the generator and the explorer, and the journal tool's workload and checker.
# OUT is rewritten only when its text changes. Inputs: SOURCE_DIR, OUT.
execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse --short HEAD
  OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR commit STREQUAL "")
  set(commit "unknown (not a git checkout)")
else()
  execute_process(COMMAND git -C "${SOURCE_DIR}" diff --quiet HEAD --
      journal faultfs/fs faultfs/trace/event.h faultfs/trace/event.cc faultfs/image faultfs/sim
      faultfs/crash faultfs/explore bench ":(exclude)*_test.cc" ":(exclude)*test_main.cc"
    RESULT_VARIABLE dirty ERROR_QUIET)
  if(NOT dirty EQUAL 0)
    string(APPEND commit " +uncommitted changes to the explorer, journal/ or bench/")
  endif()
endif()
set(text "#define POWERCUT_BENCH_GIT_COMMIT \"${commit}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
