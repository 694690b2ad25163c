# powercut_add_boost_test(NAME exe SOURCES src... LIBS lib... [KIND unit|scenario] [LABELS l...]
#                         [TIMEOUT s])
#
# Builds one Boost.Test executable and registers every test case in CTest as
# `<exe>.<suite>/<case>`, discovered after each build from `--list_content` (so a new test case can
# never be left unregistered). Labels: the KIND (default `unit`), the LABELS given, and `slow` for
# any case or suite whose name ends in `_slow`. Each case writes a JUnit file under <build>/junit/.
function(powercut_add_boost_test)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "" "NAME;TIMEOUT;KIND" "SOURCES;LIBS;LABELS")
  if(NOT ARG_KIND)
    set(ARG_KIND unit)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} Boost::unit_test_framework powercut::policy)
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR})
  # Sanitizers of test code: ASan/TSan, not UBSan (cmake/PowercutOptions.cmake says why).
  set_target_properties(${ARG_NAME} PROPERTIES POWERCUT_TEST_CODE ON)

  set(listing "${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}_cases.cmake")
  set(loader "${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}_include.cmake")
  string(REPLACE ";" "\\;" labels "${ARG_KIND};${ARG_LABELS}")
  add_custom_command(TARGET ${ARG_NAME} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -D EXE=$<TARGET_FILE:${ARG_NAME}> -D OUT=${listing}
            -D PREFIX=${ARG_NAME} -D LABELS=${labels} -D TIMEOUT=${ARG_TIMEOUT}
            -D JUNIT_DIR=${PROJECT_BINARY_DIR}/junit
            -P ${PROJECT_SOURCE_DIR}/cmake/BoostTestDiscover.cmake
    BYPRODUCTS ${listing}
    VERBATIM)
  file(WRITE "${loader}"
    "if(EXISTS \"${listing}\")\n  include(\"${listing}\")\nelse()\n"
    "  add_test(${ARG_NAME}_NOT_BUILT ${ARG_NAME}_NOT_BUILT)\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${loader}")
endfunction()
