#include "core/tensor_ref.h"

#include <cctype>
#include <charconv>

namespace tfgraph {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool ParseIndex(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc();
}

Status Malformed(std::string_view text, const char* why) {
  return Status::InvalidArgument("malformed tensor reference '" + std::string(text) + "': " + why);
}

}  // namespace

std::string TensorRef::ToString() const {
  if (control) return "^" + node;
  if (!out_arg.empty()) return node + ":" + out_arg + ":" + std::to_string(index);
  if (index == 0 && !explicit_index) return node;
  return node + ":" + std::to_string(index);
}

StatusOr<TensorRef> ParseGraphInput(std::string_view text) {
  TensorRef ref;
  std::string_view s = text;
  if (!s.empty() && s.front() == '^') {
    ref.control = true;
    s.remove_prefix(1);
  }
  if (s.empty()) return Malformed(text, "empty name");
  auto colon = s.rfind(':');
  if (colon != std::string_view::npos && !ref.control) {
    if (!ParseIndex(s.substr(colon + 1), &ref.index)) return Malformed(text, "bad output index");
    ref.explicit_index = true;
    s = s.substr(0, colon);
    if (s.empty()) return Malformed(text, "empty name");
  }
  ref.node = std::string(s);
  return ref;
}

StatusOr<TensorRef> ParseFunctionInput(std::string_view text) {
  TensorRef ref;
  std::string_view s = text;
  if (!s.empty() && s.front() == '^') {
    ref.control = true;
    s.remove_prefix(1);
    if (s.empty()) return Malformed(text, "empty name");
    ref.node = std::string(s);
    return ref;
  }
  auto first = s.find(':');
  if (first == std::string_view::npos) {
    if (s.empty()) return Malformed(text, "empty name");
    ref.node = std::string(s);  // a function argument
    return ref;
  }
  auto second = s.find(':', first + 1);
  if (second == std::string_view::npos) {
    // "node:N" is not valid in a body but old exporters wrote it; accept.
    if (!ParseIndex(s.substr(first + 1), &ref.index)) return Malformed(text, "bad output index");
    ref.node = std::string(s.substr(0, first));
    ref.explicit_index = true;
    return ref;
  }
  if (!ParseIndex(s.substr(second + 1), &ref.index)) return Malformed(text, "bad output index");
  ref.node = std::string(s.substr(0, first));
  ref.out_arg = std::string(s.substr(first + 1, second - first - 1));
  ref.explicit_index = true;
  if (ref.node.empty() || ref.out_arg.empty()) return Malformed(text, "empty name");
  return ref;
}

StatusOr<TensorRef> ParseUserTensor(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty()) return Status::InvalidArgument("empty tensor name");
  return ParseGraphInput(s);
}

}  // namespace tfgraph
