#include "clisupport.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>

namespace reclens::cli {

namespace {
std::atomic<bool> g_interrupted{false};
extern "C" void onSignal(int) {
  g_interrupted.store(true);
}
}  // namespace

int exitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::Parse:
    case ErrorCode::Encoding:
    case ErrorCode::Mapping:
    case ErrorCode::Duplicate:
    case ErrorCode::Empty:
    case ErrorCode::NotFound:
    case ErrorCode::NotAProject:
    case ErrorCode::NewerVersion:
    case ErrorCode::Schema:
      return kExitInput;
    case ErrorCode::Io:
      return kExitIo;
    case ErrorCode::Cancelled:
      return kExitCancelled;
    case ErrorCode::InvalidArgument:
      return kExitUsage;
    case ErrorCode::Internal:
      return kExitFailure;
  }
  return kExitFailure;
}

int reportError(const Error& error) {
  std::string line = error.message;
  for (auto& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::cerr << "reclens-cli: error: " << line << std::endl;
  return exitCodeFor(error.code);
}

TaskControl terminalTaskControl(const std::string& command, bool quiet) {
  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  TaskControl control;
  control.cancel = &g_interrupted;
  if (!quiet) {
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    auto lastPercent = std::make_shared<int>(-1);
    control.progress = [command, last, lastPercent](double fraction, std::string_view stage) {
      const auto now = std::chrono::steady_clock::now();
      const int percent = static_cast<int>(fraction * 100.0);
      if (percent == *lastPercent || (now - *last < std::chrono::milliseconds(250) && percent < 100)) return;
      *last = now;
      *lastPercent = percent;
      std::fprintf(stderr, "%s: %3d%% %.*s\n", command.c_str(), percent, static_cast<int>(stage.size()),
                   stage.data());
      std::fflush(stderr);
    };
  }
  return control;
}

}  // namespace reclens::cli
