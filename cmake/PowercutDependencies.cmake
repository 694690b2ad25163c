# Third-party packages, all from Debian 12 (see ci/install-deps.sh for the package names).
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(FIU REQUIRED IMPORTED_TARGET libfiu)
if(BUILD_TESTING OR NOT DEFINED BUILD_TESTING)
  find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
endif()
