#pragma once
#include <sys/types.h>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace reclens::cli {

// Lines of `reclens-cli stream`'s input: a file, standard input ("-"), or a file followed as it grows.
// In follow mode the end of the file is not the end of the input: the reader waits for more, and when
// the file is replaced (renamed away and created anew) or truncated it reads the new content from its
// start. A last line without a line end is held back while following (its writer may be half-way).
// With listen(), lines come from TCP connections to 127.0.0.1, one connection at a time (others wait
// in the backlog); each connection is a new stream, like a reopened file, and the input never ends.
class LineInput {
 public:
  static Result<std::unique_ptr<LineInput>> open(const std::string& path, bool follow);
  // Listens on 127.0.0.1:`port` (0: a free port, see port()).
  static Result<std::unique_ptr<LineInput>> listen(int port);
  ~LineInput();
  LineInput(const LineInput&) = delete;
  LineInput& operator=(const LineInput&) = delete;

  enum class Got {
    Line,     // `line` holds the next line, without its line end, valid until the next call
    Timeout,  // `deadline` passed, or `cancel` was set, with no whole line available
    End,      // the input ended (never while following a file)
  };
  // Waits for the next whole line until `deadline`; sleeps between looks at a followed file.
  Got next(std::string_view& line, std::chrono::steady_clock::time_point deadline,
           const std::atomic<bool>* cancel);

  // Times the followed file was found replaced or truncated, or connections accepted.
  std::int64_t reopened() const { return m_reopened; }
  // The port listened on; 0 when not listening.
  int port() const { return m_port; }
  const std::string& name() const { return m_name; }

 private:
  LineInput(std::string path, int fd, bool follow, bool regular);
  bool takeLine(std::string_view& line);
  // Reads what is there; false at the end of the data for now.
  bool readMore();
  // At the end of a followed file: reopens a replaced file or rewinds a truncated one; true when it did.
  bool checkRotation();
  Got nextFromSocket(std::string_view& line, std::chrono::steady_clock::time_point deadline,
                     const std::atomic<bool>* cancel);

  std::string m_path;
  std::string m_name;
  int m_fd = -1;
  bool m_follow = false;
  bool m_regular = false;
  bool m_eof = false;
  std::string m_buffer;
  std::size_t m_pos = 0;
  off_t m_offset = 0;  // bytes of the current file read
  std::int64_t m_reopened = 0;
  int m_listenFd = -1;
  int m_port = 0;
};

}  // namespace reclens::cli
