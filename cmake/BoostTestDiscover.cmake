# Run at build time by powercut_add_boost_test: turns `EXE --list_content` into add_test() lines.
# Inputs: EXE, OUT, PREFIX, LABELS, TIMEOUT, JUNIT_DIR.
# In a coverage build the listing run's counters go to a directory of their own: written into
# the build's .gcda files after a rebuild, libgcov's "different checksum" complaints would land
# in the listing (stderr, where Boost.Test writes it) and be taken for test names.
execute_process(COMMAND "${CMAKE_COMMAND}" -E env "GCOV_PREFIX=${OUT}.gcov" "${EXE}" --list_content
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE listing)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} --list_content failed (${rc}): ${out}${listing}")
endif()
string(REPLACE "\n" ";" lines "${listing}")
set(stack "")
set(content "")
set(count 0)
foreach(line IN LISTS lines)
  string(STRIP "${line}" name)
  if(name STREQUAL "")
    continue()
  endif()
  string(LENGTH "${line}" full)
  string(REGEX REPLACE "^ +" "" unindented "${line}")
  string(LENGTH "${unindented}" bare)
  math(EXPR depth "(${full} - ${bare}) / 4")
  string(REGEX REPLACE "\\*$" "" name "${name}")
  list(LENGTH stack size)
  if(size GREATER depth)
    list(SUBLIST stack 0 ${depth} stack)
  endif()
  list(APPEND stack "${name}")
  string(REPLACE ";" "/" path_${count} "${stack}")
  set(depth_${count} ${depth})
  math(EXPR count "${count} + 1")
endforeach()
if(count EQUAL 0)
  # A test program with no test case must not pass quietly: register one test that says so.
  file(WRITE "${OUT}" "add_test([=[${PREFIX}.NO_TEST_CASES]=] [=[${EXE}]=])\n")
  return()
endif()
# A leaf is an entry not followed by a deeper one.
math(EXPR last "${count} - 1")
foreach(i RANGE 0 ${last})
  math(EXPR next "${i} + 1")
  if(next LESS count AND depth_${next} GREATER depth_${i})
    continue()
  endif()
  set(path "${path_${i}}")
  set(labels "${LABELS}")
  if(path MATCHES "_slow(/|$)")
    list(APPEND labels slow)
  endif()
  string(REPLACE "/" "." junit_name "${PREFIX}.${path}")
  string(APPEND content
    "add_test([=[${PREFIX}.${path}]=] [=[${EXE}]=] [=[--run_test=${path}]=] "
    "[=[--logger=HRF,warning,stdout:JUNIT,error,${JUNIT_DIR}/${junit_name}.xml]=])\n"
    "set_tests_properties([=[${PREFIX}.${path}]=] PROPERTIES LABELS [=[${labels}]=] TIMEOUT ${TIMEOUT})\n")
endforeach()
file(MAKE_DIRECTORY "${JUNIT_DIR}")
file(WRITE "${OUT}" "${content}")
