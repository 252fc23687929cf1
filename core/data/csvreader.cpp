#include "data/csvreader.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "data/textencoding.h"

namespace reclens {

namespace {

constexpr std::size_t kBlockBytes = std::size_t{4} << 20;

bool allAscii(const char* data, std::size_t size) {
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, data + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) return false;
  }
  for (; i < size; ++i) {
    if ((static_cast<unsigned char>(data[i]) & 0x80U) != 0) return false;
  }
  return true;
}

}  // namespace

std::ptrdiff_t firstInvalidUtf8(const char* data, std::size_t size) {
  if (allAscii(data, size)) return -1;
  const auto* s = reinterpret_cast<const unsigned char*>(data);
  std::size_t i = 0;
  while (i < size) {
    const unsigned c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned minCode = 0;
    unsigned code = 0;
    if ((c & 0xE0U) == 0xC0U) {
      len = 2, minCode = 0x80, code = c & 0x1FU;
    } else if ((c & 0xF0U) == 0xE0U) {
      len = 3, minCode = 0x800, code = c & 0x0FU;
    } else if ((c & 0xF8U) == 0xF0U) {
      len = 4, minCode = 0x10000, code = c & 0x07U;
    } else {
      return static_cast<std::ptrdiff_t>(i);
    }
    if (i + len > size) return static_cast<std::ptrdiff_t>(i);
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0U) != 0x80U) return static_cast<std::ptrdiff_t>(i);
      code = (code << 6U) | (s[i + k] & 0x3FU);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (code < minCode || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return static_cast<std::ptrdiff_t>(i);
    }
    i += len;
  }
  return -1;
}

CsvReader::CsvReader(std::string path, const CsvFormat& format, std::FILE* file, std::int64_t size)
    : m_path(std::move(path)),
      m_format(format),
      m_file(file),
      m_fileSize(size),
      // A small file gets a small first block (refill() grows it as needed), not 4 MiB per open.
      m_buffer(static_cast<std::size_t>(std::min<std::int64_t>(static_cast<std::int64_t>(kBlockBytes),
                                                               std::max<std::int64_t>(size, 0) + 4096))) {}

CsvReader::~CsvReader() {
  if (m_file != nullptr) std::fclose(m_file);
}

Result<std::unique_ptr<CsvReader>> CsvReader::open(const std::string& path, const CsvFormat& format) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return makeError(ErrorCode::Io, "is a folder, not a data file", path);
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return makeError(ErrorCode::Io, "cannot open the file for reading", path);
  const auto size = std::filesystem::file_size(path, ec);
  std::unique_ptr<CsvReader> reader(
      new CsvReader(path, format, file, ec ? 0 : static_cast<std::int64_t>(size)));
  if (format.header) {
    auto got = reader->next();
    if (!got) return got.error();
    if (!got.value()) return makeError(ErrorCode::Empty, "is empty: no header row", path);
    for (const auto f : reader->fields()) reader->m_header.emplace_back(f);
  } else if (!format.names.empty()) {
    reader->m_header = format.names;
  } else {
    // The first well-formed row says how many columns there are; it and the bad rows before it are
    // handed out again by next(), so that the caller sees and reports every row.
    // (Collected apart from m_pending: next() hands out pending rows first, so reading ahead into
    // m_pending itself would read the same bad row forever.)
    std::vector<Result<bool>> ahead;
    while (true) {
      auto got = reader->next();
      ahead.push_back(got);
      if (got && !got.value()) {
        // Only bad rows: the first one says why better than "empty" would.
        if (ahead.size() > 1) return ahead.front().error();
        return makeError(ErrorCode::Empty, "is empty: no rows", path);
      }
      if (!got && !reader->broken()) continue;
      if (got) {
        for (std::size_t c = 1; c <= reader->fields().size(); ++c)
          reader->m_header.push_back(std::to_string(c));
      }
      break;
    }
    reader->m_pending = std::move(ahead);
  }
  return reader;
}

int CsvReader::columnIndex(std::string_view name) const {
  for (std::size_t i = 0; i < m_header.size(); ++i) {
    if (m_header[i] == name) return static_cast<int>(i);
  }
  if (m_format.header || name.empty() || name.size() > 9) return -1;
  int position = 0;
  for (const char c : name) {
    if (c < '0' || c > '9') return -1;
    position = position * 10 + (c - '0');
  }
  return position >= 1 && position <= static_cast<int>(m_header.size()) ? position - 1 : -1;
}

std::int64_t CsvReader::bytesRead() const {
  if (m_converted == 0) return m_consumed;
  return static_cast<std::int64_t>(static_cast<double>(m_consumed) * static_cast<double>(m_rawRead) /
                                   static_cast<double>(m_converted));
}

std::string CsvReader::columnList() const {
  if (!m_format.header && m_format.names.empty()) {
    return "the file has no header row and " + std::to_string(m_header.size()) +
           " columns, named by position 1 to " + std::to_string(m_header.size());
  }
  std::string out;
  for (const auto& h : m_header) {
    if (!out.empty()) out += ", ";
    out += "\"" + h + "\"";
  }
  return out;
}

bool CsvReader::refill() {
  // Keep the unread tail, then fill the rest of the buffer; grow it when one record fills it.
  const std::size_t tail = m_end - m_begin;
  if (m_begin > 0 && tail > 0) std::memmove(m_buffer.data(), m_buffer.data() + m_begin, tail);
  m_begin = 0;
  m_end = tail;
  if (m_buffer.size() - m_end < kBlockBytes / 2) m_buffer.resize(m_buffer.size() * 2);
  std::size_t got = 0;
  if (m_format.encoding == TextEncoding::Utf8) {
    got = std::fread(m_buffer.data() + m_end, 1, m_buffer.size() - m_end, m_file);
  } else {
    // A single-byte character becomes at most three UTF-8 bytes.
    m_raw.resize(std::max<std::size_t>(1, (m_buffer.size() - m_end) / 3));
    const std::size_t raw = std::fread(m_raw.data(), 1, m_raw.size(), m_file);
    got = convertToUtf8(m_raw.data(), raw, m_format.encoding, m_buffer.data() + m_end);
    m_rawRead += static_cast<std::int64_t>(raw);
    m_converted += static_cast<std::int64_t>(got);
  }
  if (got == 0) {
    m_eof = true;
    return false;
  }
  if (m_first) {
    m_first = false;
    if (m_format.encoding == TextEncoding::Utf8 && got >= 3 &&
        std::memcmp(m_buffer.data(), "\xEF\xBB\xBF", 3) == 0) {
      m_begin = 3;
      m_consumed = 3;
    }
  }
  m_end += got;
  return true;
}

CsvReader::Scan CsvReader::scanRecord() {
  m_spans.clear();
  m_recordLines = 0;
  m_junkOffset = 0;
  const char* buf = m_buffer.data();
  const char delim = m_format.delimiter;
  const char quote = m_format.quote;
  const bool quoting = quote != '\0';
  std::size_t p = m_begin;
  const std::size_t end = m_end;
  while (true) {
    FieldSpan span;
    if (quoting && p < end && buf[p] == quote) {
      span.quoted = true;
      span.begin = ++p;
      bool closed = false;
      while (p < end) {
        const char* q = static_cast<const char*>(std::memchr(buf + p, quote, end - p));
        const std::size_t stop = q == nullptr ? end : static_cast<std::size_t>(q - buf);
        m_recordLines += std::count(buf + p, buf + stop, '\n');
        p = stop;
        if (p == end) break;
        if (p + 1 == end && !m_eof) return Scan::NeedMore;  // cannot tell "" from a closing quote yet
        if (p + 1 < end && buf[p + 1] == quote) {
          span.escapes = true;
          p += 2;
          continue;
        }
        span.end = p++;
        closed = true;
        break;
      }
      if (!closed) return m_eof ? Scan::Unterminated : Scan::NeedMore;
      // After the closing quote only a delimiter or a line end may follow.
      if (p < end && buf[p] != delim && buf[p] != '\n' &&
          !(buf[p] == '\r' && (p + 1 == end || buf[p + 1] == '\n'))) {
        if (m_junkOffset == 0) {
          m_junkOffset = p;
          m_junkField = m_spans.size();
        }
        while (p < end && buf[p] != delim && buf[p] != '\n') ++p;
      }
    } else {
      span.begin = p;
      while (p < end && buf[p] != delim && buf[p] != '\n') ++p;
      span.end = p;
    }
    if (p == end) {
      if (!m_eof) return Scan::NeedMore;
      if (!span.quoted && span.end > span.begin && buf[span.end - 1] == '\r') --span.end;
      m_spans.push_back(span);
      m_recordEnd = end;
      return Scan::Complete;
    }
    if (buf[p] == delim) {
      m_spans.push_back(span);
      ++p;
      continue;
    }
    if (buf[p] == '\r') {  // "\r\n" after a closing quote
      ++p;
      if (p == end) {
        if (!m_eof) return Scan::NeedMore;
        m_spans.push_back(span);
        m_recordEnd = end;
        return Scan::Complete;
      }
    }
    // buf[p] == '\n'
    if (!span.quoted && span.end > span.begin && buf[span.end - 1] == '\r') --span.end;
    m_spans.push_back(span);
    m_recordEnd = p + 1;
    return Scan::Complete;
  }
}

Error CsvReader::recordError(ErrorCode code, const std::string& message, std::size_t offset,
                             std::size_t field) const {
  const auto line = m_line + std::count(m_buffer.data() + m_begin, m_buffer.data() + offset, '\n');
  return makeError(code, message, m_path, line, static_cast<int>(field + 1));
}

Status CsvReader::checkUtf8() {
  const auto bad = firstInvalidUtf8(m_buffer.data() + m_begin, m_recordEnd - m_begin);
  if (bad < 0) return Status::success();
  const std::size_t offset = m_begin + static_cast<std::size_t>(bad);
  std::size_t field = 0;
  while (field + 1 < m_spans.size() &&
         m_spans[field + 1].begin <= offset + (m_spans[field + 1].quoted ? 1 : 0)) {
    ++field;
  }
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(m_buffer[offset]));
  return recordError(ErrorCode::Encoding,
                     std::string("is not valid UTF-8 (byte ") + hex +
                         "); save the file as UTF-8 or convert it, e.g. with iconv",
                     offset, field);
}

void CsvReader::finishFields() {
  m_fields.clear();
  char* buf = m_buffer.data();
  const char quote = m_format.quote;
  for (const auto& s : m_spans) {
    std::size_t len = s.end - s.begin;
    if (s.escapes) {
      // Collapse doubled quotes in place; the text only gets shorter.
      std::size_t w = s.begin;
      for (std::size_t r = s.begin; r < s.end; ++r, ++w) {
        buf[w] = buf[r];
        if (buf[r] == quote) ++r;
      }
      len = w - s.begin;
    }
    m_fields.emplace_back(buf + s.begin, len);
  }
}

Result<bool> CsvReader::next() {
  if (m_nextPending < m_pending.size()) {
    // A row read ahead by open(); the fields of the last one are still those of m_fields.
    return m_pending[m_nextPending++];
  }
  m_fields.clear();
  while (true) {
    if (m_failed) return false;
    if (m_begin == m_end) {
      if (m_eof || !refill()) return false;
      continue;
    }
    const Scan scan = scanRecord();
    if (scan == Scan::NeedMore) {
      if (m_end - m_begin >= kMaxRecordBytes) {
        m_failed = true;
        return makeError(ErrorCode::Parse,
                         "a record is longer than " + std::to_string(kMaxRecordBytes >> 20) +
                             " MiB; is a quote left open?",
                         m_path, m_line, static_cast<int>(m_spans.size() + 1));
      }
      if (!refill()) m_eof = true;
      continue;
    }
    if (scan == Scan::Unterminated) {
      m_failed = true;
      const std::size_t field = m_spans.size();
      // The open quote is where the last field started.
      std::size_t open = m_begin;
      for (std::size_t i = 0; i < field; ++i) open = m_spans[i].end;
      return makeError(ErrorCode::Parse,
                       "a quoted field is never closed (unterminated quote, read to the end of the file)",
                       m_path, m_line + std::count(m_buffer.data() + m_begin, m_buffer.data() + open, '\n'),
                       static_cast<int>(field + 1));
    }
    m_recordLine = m_line;
    const bool blank = m_spans.size() == 1 && !m_spans[0].quoted && m_spans[0].begin == m_spans[0].end;
    Status problem = Status::success();
    if (!blank) {
      problem = checkUtf8();
      if (problem && m_junkOffset != 0) {
        problem = recordError(ErrorCode::Parse, "unexpected text after the closing quote of a quoted field",
                              m_junkOffset, m_junkField);
      }
      if (problem) finishFields();
    }
    m_consumed += static_cast<std::int64_t>(m_recordEnd - m_begin);
    m_line += m_recordLines + 1;
    m_begin = m_recordEnd;
    if (blank) continue;
    if (!problem) return problem.error();
    return true;
  }
}

}  // namespace reclens
