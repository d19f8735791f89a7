// Exit codes of the `tfgraph` program, and the one place where a core
// Status becomes one.
//
//   0  success
//   1  internal error (a bug in tfgraph)
//   2  usage error (unknown command or option, bad pattern, missing argument)
//   3  the model cannot be read: missing, unreadable, corrupt or unsupported
//   4  a name, tag-set, signature or function does not exist
//   5  an output exists (and --force was not given) or cannot be written
//   6  a produced artifact failed validation, or a size limit (2 GB) would be
//      exceeded
// 130 interrupted
#ifndef TFGRAPH_CLI_EXIT_CODES_H_
#define TFGRAPH_CLI_EXIT_CODES_H_

#include "core/status.h"

namespace tfgraph::cli {

enum ExitCode {
  kExitOk = 0,
  kExitInternal = 1,
  kExitUsage = 2,
  kExitModel = 3,
  kExitNotFound = 4,
  kExitOutput = 5,
  kExitValidation = 6,
  kExitInterrupted = 130,
};

inline int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kOk: return kExitOk;
    case Status::Code::kInvalidArgument: return kExitUsage;
    case Status::Code::kNotFound: return kExitNotFound;
    case Status::Code::kCorruption:
    case Status::Code::kUnsupported:
    case Status::Code::kIOError: return kExitModel;
    case Status::Code::kAlreadyExists:
    case Status::Code::kWriteFailed: return kExitOutput;
    case Status::Code::kFailedCheck:
    case Status::Code::kResourceExhausted: return kExitValidation;
    case Status::Code::kCancelled: return kExitInterrupted;
    case Status::Code::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace tfgraph::cli

#endif  // TFGRAPH_CLI_EXIT_CODES_H_
