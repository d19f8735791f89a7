// Status and StatusOr: how every fallible operation in core/ reports failure.
//
// core/ never throws across module boundaries and never exits the process.
// A function that can fail returns a Status (or a StatusOr<T> carrying either
// a value or a Status). An OK status is cheap: no allocation.
//
// Each non-OK status has a Code, which the command line maps to a documented
// exit code (see cli/exit_codes.h), and a one-line message that already names
// the file and the problem, e.g.
//   "model.ckpt.index: block checksum mismatch at offset 4096".
// Messages never end with a newline and never contain one.
#ifndef TFGRAPH_CORE_STATUS_H_
#define TFGRAPH_CORE_STATUS_H_

#include <cassert>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tfgraph {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,   // the caller (user) asked for something malformed
    kNotFound,          // a name, file, tag-set or signature does not exist
    kCorruption,        // a file exists but its content is damaged or malformed
    kUnsupported,       // well-formed but a feature tfgraph does not handle
    kIOError,           // the operating system refused a read or write
    kAlreadyExists,     // an output exists and --force was not given
    kWriteFailed,       // an output cannot be written (permissions, disk full, no folder)
    kFailedCheck,       // a produced artifact failed validation (freeze/export)
    kResourceExhausted, // a size limit (e.g. 2 GB protobuf) would be exceeded
    kCancelled,         // the user interrupted the operation
    kInternal,          // a bug in tfgraph
  };

  Status() = default;
  Status(Code code, std::string message);

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status Corruption(std::string m) { return {Code::kCorruption, std::move(m)}; }
  static Status Unsupported(std::string m) { return {Code::kUnsupported, std::move(m)}; }
  static Status IOError(std::string m) { return {Code::kIOError, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {Code::kAlreadyExists, std::move(m)}; }
  static Status WriteFailed(std::string m) { return {Code::kWriteFailed, std::move(m)}; }
  static Status FailedCheck(std::string m) { return {Code::kFailedCheck, std::move(m)}; }
  static Status ResourceExhausted(std::string m) { return {Code::kResourceExhausted, std::move(m)}; }
  static Status Cancelled(std::string m) { return {Code::kCancelled, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  // Builds an IOError from errno: "<path>: <strerror(err)>".
  static Status FromErrno(std::string_view path, int err);
  // Builds a WriteFailed from errno, for an output: "<path>: cannot write:
  // <strerror(err)>". `path` is the destination the user named, never a
  // temporary beside it.
  static Status WriteErrno(std::string_view path, int err);

  bool ok() const { return rep_ == nullptr; }
  Code code() const { return rep_ ? rep_->code : Code::kOk; }
  // The one-line message; empty for OK.
  const std::string& message() const;
  // "Corruption: <message>" style, for logs and tests.
  std::string ToString() const;

  // Returns a copy whose message is "<prefix>: <message>" (no-op on OK).
  Status WithPrefix(std::string_view prefix) const;

  bool operator==(const Status& o) const { return code() == o.code() && message() == o.message(); }

 private:
  struct Rep {
    Code code;
    std::string message;
  };
  std::shared_ptr<const Rep> rep_;  // null means OK
};

const char* CodeName(Status::Code code);

// Either a T or a non-OK Status. Accessing value() of an error is a bug
// (asserted in debug builds).
template <typename T>
class StatusOr {
 public:
  StatusOr(const Status& s) : status_(s) { assert(!s.ok()); }  // NOLINT
  StatusOr(Status&& s) : status_(std::move(s)) { assert(!status_.ok()); }  // NOLINT
  StatusOr(const T& v) : value_(v) {}  // NOLINT
  StatusOr(T&& v) : value_(std::move(v)) {}  // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace tfgraph

// Propagates a non-OK Status to the caller.
#define TFG_RETURN_IF_ERROR(expr)                  \
  do {                                             \
    ::tfgraph::Status _tfg_st = (expr);            \
    if (!_tfg_st.ok()) return _tfg_st;             \
  } while (0)

#define TFG_CONCAT_INNER_(a, b) a##b
#define TFG_CONCAT_(a, b) TFG_CONCAT_INNER_(a, b)

// `TFG_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a StatusOr or
// returns its Status.
#define TFG_ASSIGN_OR_RETURN(lhs, expr)                                  \
  auto TFG_CONCAT_(_tfg_or_, __LINE__) = (expr);                         \
  if (!TFG_CONCAT_(_tfg_or_, __LINE__).ok())                             \
    return TFG_CONCAT_(_tfg_or_, __LINE__).status();                     \
  lhs = std::move(TFG_CONCAT_(_tfg_or_, __LINE__)).value()

#endif  // TFGRAPH_CORE_STATUS_H_
