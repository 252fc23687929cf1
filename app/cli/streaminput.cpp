#include "streaminput.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

namespace reclens::cli {

namespace {

constexpr std::size_t kReadBlock = 1 << 16;
// How often a followed file is looked at when it has nothing new, and the longest single wait, so that
// a signal or a due commit is never kept waiting longer than this.
constexpr std::chrono::milliseconds kLookInterval{20};

}  // namespace

Result<std::unique_ptr<LineInput>> LineInput::open(const std::string& path, bool follow) {
  if (path == "-") return std::unique_ptr<LineInput>(new LineInput("-", STDIN_FILENO, false, false));
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return makeError(ErrorCode::Io, std::string("cannot open the input: ") + std::strerror(errno), path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    return makeError(ErrorCode::Io, "is not a file that can be read", path);
  }
  return std::unique_ptr<LineInput>(new LineInput(path, fd, follow, S_ISREG(st.st_mode)));
}

Result<std::unique_ptr<LineInput>> LineInput::listen(int port) {
  const auto where = "127.0.0.1:" + std::to_string(port);
  if (port < 0 || port > 65535) return makeError(ErrorCode::InvalidArgument, "no such port: " + where);
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return makeError(ErrorCode::Io, std::string("cannot create a socket: ") + std::strerror(errno));
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // local only: the stream has no authentication
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 16) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    return makeError(ErrorCode::Io, "cannot listen on " + where + ": " + why);
  }
  auto input = std::unique_ptr<LineInput>(new LineInput("-", -1, false, false));
  input->m_listenFd = fd;
  input->m_port = ntohs(addr.sin_port);
  input->m_name = "127.0.0.1:" + std::to_string(input->m_port);
  return input;
}

LineInput::LineInput(std::string path, int fd, bool follow, bool regular)
    : m_path(std::move(path)),
      m_name(m_path == "-" ? "<stdin>" : m_path),
      m_fd(fd),
      m_follow(follow && regular),
      m_regular(regular) {}

LineInput::~LineInput() {
  if (m_fd > STDERR_FILENO) ::close(m_fd);
  if (m_listenFd >= 0) ::close(m_listenFd);
}

bool LineInput::takeLine(std::string_view& line) {
  const auto nl = m_buffer.find('\n', m_pos);
  if (nl == std::string::npos) return false;
  line = std::string_view(m_buffer).substr(m_pos, nl - m_pos);
  m_pos = nl + 1;
  return true;
}

bool LineInput::readMore() {
  if (m_pos > 0 && m_pos * 2 >= m_buffer.size()) {
    m_buffer.erase(0, m_pos);
    m_pos = 0;
  }
  const auto old = m_buffer.size();
  m_buffer.resize(old + kReadBlock);
  ssize_t got = -1;
  do {
    got = ::read(m_fd, m_buffer.data() + old, kReadBlock);
  } while (got < 0 && errno == EINTR);
  m_buffer.resize(old + static_cast<std::size_t>(std::max<ssize_t>(got, 0)));
  if (got > 0) m_offset += got;
  return got > 0;
}

bool LineInput::checkRotation() {
  struct stat now {};
  struct stat current {};
  if (::stat(m_path.c_str(), &now) != 0 || ::fstat(m_fd, &current) != 0)
    return false;  // renamed, not yet new
  if (now.st_ino != current.st_ino || now.st_dev != current.st_dev) {
    const int fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    ::close(m_fd);
    m_fd = fd;
  } else if (now.st_size < m_offset) {
    if (::lseek(m_fd, 0, SEEK_SET) != 0) return false;
  } else {
    return false;
  }
  // What the old file ended with (a line without its line end) belongs to no line of the new one.
  m_buffer.clear();
  m_pos = 0;
  m_offset = 0;
  ++m_reopened;
  return true;
}

LineInput::Got LineInput::nextFromSocket(std::string_view& line,
                                         std::chrono::steady_clock::time_point deadline,
                                         const std::atomic<bool>* cancel) {
  while (true) {
    if (takeLine(line)) return Got::Line;
    if (cancel != nullptr && cancel->load()) return Got::Timeout;
    const auto now = std::chrono::steady_clock::now();
    const auto wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now),
                                 std::chrono::milliseconds(0), kLookInterval * 10);
    pollfd p{m_fd >= 0 ? m_fd : m_listenFd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) > 0) {
      if (m_fd < 0) {
        m_fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (m_fd >= 0) {
          m_buffer.clear();
          m_pos = 0;
          ++m_reopened;
        }
      } else if (!readMore()) {
        // The connection closed: its last line needs no line end; the next connection is a new stream.
        if (m_pos < m_buffer.size()) m_buffer.push_back('\n');
        ::close(m_fd);
        m_fd = -1;
      }
      continue;
    }
    if (std::chrono::steady_clock::now() >= deadline) return Got::Timeout;
  }
}

LineInput::Got LineInput::next(std::string_view& line, std::chrono::steady_clock::time_point deadline,
                               const std::atomic<bool>* cancel) {
  if (m_listenFd >= 0) return nextFromSocket(line, deadline, cancel);
  while (true) {
    if (takeLine(line)) return Got::Line;
    if (m_eof) {
      if (m_pos < m_buffer.size()) {  // the last line had no line end
        line = std::string_view(m_buffer).substr(m_pos);
        m_pos = m_buffer.size();
        return Got::Line;
      }
      return Got::End;
    }
    if (cancel != nullptr && cancel->load()) return Got::Timeout;
    const auto now = std::chrono::steady_clock::now();
    if (!m_regular) {
      // A pipe or terminal: wait for data with poll() so that a due commit or a signal is not held up.
      const auto wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now),
                                   std::chrono::milliseconds(0), kLookInterval * 10);
      pollfd p{m_fd, POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(wait.count()));
      if (ready > 0) {
        if (!readMore()) m_eof = true;
        continue;
      }
      if (std::chrono::steady_clock::now() >= deadline) return Got::Timeout;
      continue;
    }
    if (readMore()) continue;
    if (!m_follow) {
      m_eof = true;
      continue;
    }
    if (checkRotation()) continue;
    if (now >= deadline) return Got::Timeout;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(kLookInterval, deadline - now));
  }
}

}  // namespace reclens::cli
