# Install rules and the `powercut` CMake package (docs/cmake.md). Included last by the top-level
# CMakeLists.txt, once every target exists, so the other folders keep no install lines of their own.
#
# What is installed (GNUInstallDirs, relative to CMAKE_INSTALL_PREFIX):
#   bin/powercut, bin/powercut-journal                  the commands
#   lib/libpowercut-preload.so                          the LD_PRELOAD shim powercut record uses
#                                                       (when the build has the recorder)
#   lib/libpowercut_<name>.a                            the in-process API, static
#   include/powercut/faultfs/..., include/powercut/journal/...
#                                                       their headers, under the same paths the
#                                                       sources use (`#include "faultfs/explore/explorer.h"`),
#                                                       with include/powercut on the include path
#   lib/cmake/powercut/                                 powercut-config.cmake, its version file,
#                                                       powercut-targets*.cmake, PowercutScenario.cmake
#
# Exported targets (namespace powercut::, the same names as the in-tree aliases): fs, trace,
# image, sim, crash, explore, reduce, journal; the executables powercut::powercut and
# powercut::powercut-journal; and powercut::policy with two of its parts (sanitizers, coverage).
# The libraries link the policy privately, so a consumer gets only its link options: none in a
# normal build, --coverage or -fsanitize=... when the installed build was instrumented (the
# static archives need those runtimes). Tests, benchmarks, fuzzers, the command's internal
# libraries (harness, reports) and the libfiu build of the journal are not installed.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(POWERCUT_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/powercut" CACHE STRING
  "Where the powercut CMake package files are installed, relative to the prefix")
# Headers go one level down, so that installing into /usr does not spill faultfs/ and journal/
# into /usr/include.
set(POWERCUT_INSTALL_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}/powercut")

# target -> exported name (powercut::<name>), and the source folders holding its public headers.
set(powercut_installed_libraries
  powercut_fs fs faultfs/fs
  powercut_trace trace faultfs/trace
  powercut_image image faultfs/image
  powercut_sim sim faultfs/sim
  powercut_crash crash faultfs/crash
  powercut_explore explore faultfs/explore
  powercut_reduce reduce faultfs/reduce
  powercut_journal journal journal)

set(powercut_export_targets "")
list(LENGTH powercut_installed_libraries entries)
math(EXPR last "${entries} - 1")
foreach(i RANGE 0 ${last} 3)
  math(EXPR name_at "${i} + 1")
  math(EXPR dir_at "${i} + 2")
  list(GET powercut_installed_libraries ${i} target)
  list(GET powercut_installed_libraries ${name_at} export_name)
  list(GET powercut_installed_libraries ${dir_at} header_dir)
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${export_name})
  list(APPEND powercut_export_targets ${target})
  # Every header of the folder except test helpers; journal/ only its top level (tool/ and fuzz/
  # are not part of the library).
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/${header_dir}/"
    DESTINATION "${POWERCUT_INSTALL_INCLUDEDIR}/${header_dir}"
    COMPONENT development
    FILES_MATCHING PATTERN "*.h"
    PATTERN "*_test*" EXCLUDE
    PATTERN "test_file_system.h" EXCLUDE
    PATTERN "tool" EXCLUDE
    PATTERN "fuzz" EXCLUDE
    PATTERN "corpus" EXCLUDE)
endforeach()

install(TARGETS ${powercut_export_targets}
  EXPORT powercut-targets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT development
  INCLUDES DESTINATION "${POWERCUT_INSTALL_INCLUDEDIR}")

# The build policy the libraries link privately: exported for its link options only (see above).
foreach(part policy sanitizers coverage)
  set_target_properties(powercut_${part} PROPERTIES EXPORT_NAME ${part})
endforeach()
install(TARGETS powercut_policy powercut_sanitizers powercut_coverage EXPORT powercut-targets)

# The commands. Exported too, so powercut_add_scenario finds `powercut` (and scenarios find
# `powercut-journal`) through imported targets rather than a search of PATH.
set_target_properties(powercut PROPERTIES EXPORT_NAME powercut)
set_target_properties(powercut-journal PROPERTIES EXPORT_NAME powercut-journal)
install(TARGETS powercut powercut-journal
  EXPORT powercut-targets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime)
# The LD_PRELOAD shim (faultfs/preload), where the recorder looks for it next to an installed
# `powercut`: <bin>/../lib (faultfs/record/preload_locate.cc). Not GNUInstallDirs' LIBDIR, which
# is lib/<multiarch> for a /usr prefix on Debian: the shim is loaded by path, never linked.
if(TARGET powercut_preload)
  cmake_path(GET CMAKE_INSTALL_BINDIR PARENT_PATH powercut_bin_parent)
  cmake_path(APPEND powercut_bin_parent lib OUTPUT_VARIABLE powercut_preload_dir)
  install(TARGETS powercut_preload
    LIBRARY DESTINATION "${powercut_preload_dir}" COMPONENT runtime)
endif()
# The package's component `recorder` (powercut_recorder_FOUND): this `powercut` records
# unmodified programs, so scenario files with a command workload can run.
if(TARGET powercut::record AND TARGET powercut_preload)
  set(POWERCUT_PACKAGE_RECORDER TRUE)
else()
  set(POWERCUT_PACKAGE_RECORDER FALSE)
endif()
# In the build tree the same names, so that powercut_add_scenario reads the same either way.
add_executable(powercut::powercut ALIAS powercut)
add_executable(powercut::powercut-journal ALIAS powercut-journal)

install(EXPORT powercut-targets
  NAMESPACE powercut::
  DESTINATION "${POWERCUT_INSTALL_CMAKEDIR}"
  FILE powercut-targets.cmake
  COMPONENT development)

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/powercut-config.cmake.in"
  "${PROJECT_BINARY_DIR}/package/powercut-config.cmake"
  INSTALL_DESTINATION "${POWERCUT_INSTALL_CMAKEDIR}"
  NO_SET_AND_CHECK_MACRO)
# 0.x: a minor version may break the API, so only the same major.minor is compatible.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/package/powercut-config-version.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/package/powercut-config.cmake"
  "${PROJECT_BINARY_DIR}/package/powercut-config-version.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/PowercutScenario.cmake"
  DESTINATION "${POWERCUT_INSTALL_CMAKEDIR}"
  COMPONENT development)
