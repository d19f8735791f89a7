#include "core/export_spec.h"

#include <cctype>
#include <set>

namespace tfgraph {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

StatusOr<TensorSpec> ParseItem(std::string_view item) {
  TensorSpec spec;
  spec.text = std::string(item);
  std::string_view rest = item;
  auto eq = rest.find('=');
  if (eq != std::string_view::npos) {
    spec.key = std::string(Trim(rest.substr(0, eq)));
    rest = rest.substr(eq + 1);
    if (spec.key.empty()) {
      return Status::InvalidArgument("'" + spec.text + "': empty key before '='");
    }
  }
  auto at = rest.rfind('@');
  if (at != std::string_view::npos) {
    spec.dtype = std::string(Trim(rest.substr(at + 1)));
    rest = rest.substr(0, at);
    if (spec.dtype.empty()) {
      return Status::InvalidArgument("'" + spec.text + "': empty dtype after '@'");
    }
  }
  spec.tensor = std::string(Trim(rest));
  if (spec.tensor.empty()) return Status::InvalidArgument("'" + spec.text + "': no tensor name");
  return spec;
}

}  // namespace

StatusOr<std::vector<TensorSpec>> ParseTensorList(std::string_view text) {
  std::vector<TensorSpec> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = Trim(text.substr(start, comma - start));
    if (!item.empty()) {
      TFG_ASSIGN_OR_RETURN(TensorSpec spec, ParseItem(item));
      out.push_back(std::move(spec));
    }
    start = comma + 1;
  }
  return out;
}

StatusOr<std::string> ParseMethodName(std::string_view text) {
  std::string_view m = Trim(text);
  if (m == "predict") return std::string(kPredictMethod);
  if (m == "classify") return std::string(kClassifyMethod);
  if (m == "regress") return std::string(kRegressMethod);
  if (m.find('/') != std::string_view::npos && m.front() != '/' && m.back() != '/') {
    return std::string(m);
  }
  return Status::InvalidArgument("unknown method '" + std::string(m) +
                                 "'; use predict, classify, regress or a full name such as "
                                 "tensorflow/serving/predict");
}

StatusOr<std::vector<SignatureSpec>> GroupSignatures(const std::vector<OrderedFlag>& flags) {
  std::vector<SignatureSpec> groups;
  // Whether the current group has been named by --signature yet; the first
  // group may collect flags before its name appears.
  std::vector<bool> named;
  auto current = [&]() -> SignatureSpec& {
    if (groups.empty()) {
      groups.emplace_back();
      named.push_back(false);
    }
    return groups.back();
  };
  for (const auto& [name, value] : flags) {
    if (name == "signature") {
      std::string key(Trim(value));
      if (key.empty()) return Status::InvalidArgument("--signature needs a non-empty key");
      if (groups.size() == 1 && !named[0]) {
        groups[0].key = key;
        named[0] = true;
      } else {
        groups.emplace_back();
        named.push_back(true);
        groups.back().key = key;
      }
    } else if (name == "inputs" || name == "outputs") {
      TFG_ASSIGN_OR_RETURN(auto items, ParseTensorList(value));
      auto& list = name == "inputs" ? current().inputs : current().outputs;
      for (auto& item : items) list.push_back(std::move(item));
    } else if (name == "method") {
      TFG_ASSIGN_OR_RETURN(std::string method, ParseMethodName(value));
      SignatureSpec& g = current();
      if (!g.method.empty() && g.method != method) {
        return Status::InvalidArgument("signature '" +
                                       (g.key.empty() ? std::string(kDefaultSignatureKey) : g.key) +
                                       "' has two --method values");
      }
      g.method = method;
    }
  }
  std::set<std::string> keys;
  for (auto& g : groups) {
    if (g.key.empty()) g.key = std::string(kDefaultSignatureKey);
    if (g.method.empty()) g.method = std::string(kPredictMethod);
    if (g.key == kInitOpSignatureKey || g.key == kTrainOpSignatureKey) {
      return Status::InvalidArgument("signature key '" + g.key + "' is reserved by TensorFlow");
    }
    if (!keys.insert(g.key).second) {
      return Status::InvalidArgument("signature '" + g.key + "' is given twice");
    }
    if (g.outputs.empty()) {
      return Status::InvalidArgument("signature '" + g.key + "' has no --outputs");
    }
  }
  return groups;
}

StatusOr<std::pair<std::string, std::string>> ParseRename(std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos) {
    return Status::InvalidArgument("'" + std::string(text) + "': expected OLD=NEW");
  }
  std::string from(Trim(text.substr(0, eq)));
  std::string to(Trim(text.substr(eq + 1)));
  if (from.empty() || to.empty()) {
    return Status::InvalidArgument("'" + std::string(text) + "': expected OLD=NEW");
  }
  return std::make_pair(from, to);
}

}  // namespace tfgraph
