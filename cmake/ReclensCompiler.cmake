# Compiler settings shared by every RecLens target.
find_program(RECLENS_CCACHE ccache)
if(RECLENS_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  # Precompiled headers and ccache cooperate only with these settings; they must reach ccache at build
  # time, so the launcher sets them on every call.
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime ${RECLENS_CCACHE})
endif()

add_library(reclens_warnings INTERFACE)
target_compile_options(reclens_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow)
# g++ 12 reports false buffer-overflow warnings inside libstdc++'s std::string at -O2 (GCC bugs 105329 and
# 105651); they are not about our code, so they are switched off for that compiler only.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(reclens_warnings INTERFACE -Wno-array-bounds -Wno-stringop-overflow -Wno-restrict)
endif()
if(RECLENS_WARNINGS_AS_ERRORS)
  target_compile_options(reclens_warnings INTERFACE -Werror)
endif()

if(RECLENS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# LLVM's lld links the test programs (each pulls in LibTorch and Qt with debug info) several times faster
# than the default BFD linker; it is used when installed (build.sh installs it). -DRECLENS_USE_LLD=OFF
# keeps the system linker.
option(RECLENS_USE_LLD "Link with lld when it is installed" ON)
if(RECLENS_USE_LLD AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  include(CheckLinkerFlag)
  check_linker_flag(CXX "-fuse-ld=lld" RECLENS_HAVE_LLD)
  if(RECLENS_HAVE_LLD)
    add_link_options(-fuse-ld=lld)
  endif()
endif()
