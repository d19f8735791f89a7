#include "core/status.h"

#include <cstring>

namespace tfgraph {

Status::Status(Code code, std::string message) {
  if (code == Code::kOk) return;
  // A status message is one line: fold any newline the caller let slip in.
  for (char& c : message)
    if (c == '\n' || c == '\r') c = ' ';
  rep_ = std::make_shared<const Rep>(Rep{code, std::move(message)});
}

Status Status::FromErrno(std::string_view path, int err) {
  std::string m(path);
  m += ": ";
  m += std::strerror(err);
  if (err == ENOENT) return NotFound(std::move(m));
  return IOError(std::move(m));
}

Status Status::WriteErrno(std::string_view path, int err) {
  std::string m(path);
  m += ": cannot write: ";
  m += std::strerror(err);
  return WriteFailed(std::move(m));
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s = CodeName(code());
  s += ": ";
  s += message();
  return s;
}

Status Status::WithPrefix(std::string_view prefix) const {
  if (ok()) return *this;
  std::string m(prefix);
  m += ": ";
  m += message();
  return Status(code(), std::move(m));
}

const char* CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return "OK";
    case Status::Code::kInvalidArgument: return "InvalidArgument";
    case Status::Code::kNotFound: return "NotFound";
    case Status::Code::kCorruption: return "Corruption";
    case Status::Code::kUnsupported: return "Unsupported";
    case Status::Code::kIOError: return "IOError";
    case Status::Code::kWriteFailed: return "WriteFailed";
    case Status::Code::kAlreadyExists: return "AlreadyExists";
    case Status::Code::kFailedCheck: return "FailedCheck";
    case Status::Code::kResourceExhausted: return "ResourceExhausted";
    case Status::Code::kCancelled: return "Cancelled";
    case Status::Code::kInternal: return "Internal";
  }
  return "Unknown";
}

}  // namespace tfgraph
