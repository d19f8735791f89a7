// Export specs: what the user asked `tfgraph export` to build, before any
// graph is consulted.
//
// A signature is given as a group of flags:
//   --signature KEY  --method predict|classify|regress|<full name>
//   --inputs [KEY=]TENSOR[@DTYPE][,...]  --outputs [KEY=]TENSOR[@DTYPE][,...]
// `--signature KEY` opens a new group; --inputs, --outputs and --method belong
// to the group opened last. Flags given before the first --signature belong to
// the first group, so the short form `--inputs x --outputs y --signature s`
// is one group named `s`; a group never named is `serving_default`. Repeated
// --inputs (or --outputs) in one group add up, as every list flag does.
//
// Each list item is `[KEY=]TENSOR[@DTYPE]`: the key defaults to the node name
// of TENSOR; `@DTYPE` (e.g. `@float32`) states the dtype the user expects,
// which the export checks against the graph. Nothing here resolves tensors or
// parses dtypes (see core/export_signature.h); this module only splits text
// and reports malformed input as InvalidArgument, one line each.
#ifndef TFGRAPH_CORE_EXPORT_SPEC_H_
#define TFGRAPH_CORE_EXPORT_SPEC_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace tfgraph {

inline constexpr std::string_view kDefaultSignatureKey = "serving_default";
inline constexpr std::string_view kPredictMethod = "tensorflow/serving/predict";
inline constexpr std::string_view kClassifyMethod = "tensorflow/serving/classify";
inline constexpr std::string_view kRegressMethod = "tensorflow/serving/regress";
inline constexpr std::string_view kInitOpSignatureKey = "__saved_model_init_op";
inline constexpr std::string_view kTrainOpSignatureKey = "__saved_model_train_op";

struct TensorSpec {
  std::string text;    // the item as typed, for messages
  std::string key;     // explicit key, or empty (then the node name is used)
  std::string tensor;  // "node", "node:N"
  std::string dtype;   // as typed after '@', or empty
};

struct SignatureSpec {
  std::string key;     // never empty after GroupSignatures
  std::string method;  // full method name, never empty after GroupSignatures
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> outputs;
};

// Parses one comma-separated list of `[KEY=]TENSOR[@DTYPE]` items.
StatusOr<std::vector<TensorSpec>> ParseTensorList(std::string_view text);

// "predict" / "classify" / "regress" -> TF's method names; a name containing
// '/' is taken as given. Anything else is InvalidArgument.
StatusOr<std::string> ParseMethodName(std::string_view text);

// One flag of the command line, in command-line order: name without dashes
// ("signature", "inputs", "outputs", "method") and its value.
using OrderedFlag = std::pair<std::string, std::string>;

// Groups the signature flags (others are ignored) into SignatureSpecs as the
// header comment describes. Fails on a key given twice, a group without
// outputs, or a malformed list.
StatusOr<std::vector<SignatureSpec>> GroupSignatures(const std::vector<OrderedFlag>& flags);

// Parses `OLD=NEW` (for --rename-signature).
StatusOr<std::pair<std::string, std::string>> ParseRename(std::string_view text);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_EXPORT_SPEC_H_
