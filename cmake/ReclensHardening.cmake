# Fuzzing and the sanitizer run of the LibTorch-free core, driven from the main build's ctest.
# tests/fuzz is built as a project of its own with clang (libFuzzer needs it), into <build>/hardening:
#   hardening/build        configures and builds it (a fixture the others need)
#   sanitize/core          the LibTorch-free core tests under ASan + UBSan
#   fuzz/<target>          each fuzz target for RECLENS_FUZZ_SECONDS from its seed corpus
option(RECLENS_HARDENING_TESTS "Run the fuzz targets and the sanitized core tests from ctest (needs clang)" ON)
set(RECLENS_FUZZ_SECONDS 60 CACHE STRING "Seconds each fuzz target runs in ctest")

find_program(RECLENS_CLANGXX NAMES clang++ clang++-14)
if(RECLENS_HARDENING_TESTS AND NOT RECLENS_CLANGXX)
  message(STATUS "clang++ not found: the fuzz and sanitize tests are not added")
elseif(RECLENS_HARDENING_TESTS)
  set(_run ${PROJECT_SOURCE_DIR}/tests/fuzz/run.sh)
  set(_dir ${CMAKE_BINARY_DIR}/hardening)
  add_test(NAME hardening/build COMMAND bash ${_run} build ${_dir})
  set_tests_properties(hardening/build PROPERTIES LABELS "fuzz;sanitize" TIMEOUT 1800
    FIXTURES_SETUP reclens_hardening ENVIRONMENT "RECLENS_FUZZ_CXX=${RECLENS_CLANGXX}")
  add_test(NAME sanitize/core COMMAND bash ${_run} sanitize ${_dir})
  set_tests_properties(sanitize/core PROPERTIES LABELS sanitize TIMEOUT 1200 FIXTURES_REQUIRED reclens_hardening)
  file(GLOB _fuzzers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_*.cpp)
  foreach(_src ${_fuzzers})
    get_filename_component(_name ${_src} NAME_WE)
    string(REPLACE "fuzz_" "" _target ${_name})
    add_test(NAME fuzz/${_target} COMMAND bash ${_run} fuzz ${_dir} ${_target} ${RECLENS_FUZZ_SECONDS})
    math(EXPR _timeout "${RECLENS_FUZZ_SECONDS} + 300")
    set_tests_properties(fuzz/${_target} PROPERTIES LABELS fuzz TIMEOUT ${_timeout}
      FIXTURES_REQUIRED reclens_hardening)
  endforeach()
endif()
