// The output layer of the `tfgraph` program.
//
// Data goes to stdout, everything else to stderr:
//   - Diag prints "tfgraph: <message>" (Status messages already start with
//     the file they are about), DiagWarning "tfgraph: <path>: warning: ...";
//   - JsonLine builds one JSON Lines record, always starting with "type";
//     keys keep insertion order, so output is deterministic. Strings that
//     are not valid UTF-8 are written as {"base64": "..."}, never lossily;
//     non-finite floats as the strings "nan", "inf", "-inf".
//   - Style decides whether to colour: only when stdout is a terminal, NO_COLOR
//     is unset and TERM is not "dumb".
#ifndef TFGRAPH_CLI_OUTPUT_H_
#define TFGRAPH_CLI_OUTPUT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tfgraph::cli {

void Diag(std::string_view message);
void DiagWarning(std::string_view path, std::string_view message);
// Load-time warnings are held back until the command ends: printed when it
// succeeds, dropped when it fails, so a failure is always exactly one line
// (the error usually restates what the warning foresaw).
void DeferWarning(std::string_view path, std::string_view message);
void FlushDeferredWarnings(bool command_succeeded);

// "[NN%] label" on stderr, only when TFGRAPH_PROGRESS is set (the UI sets
// it for the freeze and export it runs, and turns these lines into its
// progress bar). Repeats of the same percentage are dropped.
void ReportProgress(int percent, std::string_view label);

bool IsValidUtf8(std::string_view s);
std::string Base64(std::string_view bytes);

// A JSON value, rendered.
std::string JsonString(std::string_view s);  // "..." or {"base64":"..."}
std::string JsonNumber(double v);
std::string JsonShape(const std::optional<std::vector<int64_t>>& shape);  // [..] or null
std::string JsonArray(const std::vector<std::string>& rendered);
std::string JsonStringArray(const std::vector<std::string>& strings);

class JsonObject {
 public:
  JsonObject& Str(std::string_view key, std::string_view value);
  JsonObject& Int(std::string_view key, int64_t value);
  JsonObject& Num(std::string_view key, double value);
  JsonObject& Bool(std::string_view key, bool value);
  JsonObject& Null(std::string_view key);
  JsonObject& Raw(std::string_view key, std::string_view rendered);
  bool empty() const { return body_.empty(); }
  std::string Render() const { return "{" + body_ + "}"; }
  // Writes Render() and a newline to stdout (one JSON Lines record).
  void Print() const;

 private:
  void Key(std::string_view key);
  std::string body_;
};

// One JSON Lines record: {"type": <type>, ...}.
class JsonLine : public JsonObject {
 public:
  explicit JsonLine(std::string_view type) { Str("type", type); }
};

struct Style {
  bool color = false;
  static Style ForStdout();
  std::string Bold(std::string_view s) const;
  std::string Dim(std::string_view s) const;
  std::string Warn(std::string_view s) const;
};

// Thousands separators: 1234567 -> "1,234,567".
std::string Grouped(int64_t v);
// Human byte size: "4.8 KiB".
std::string HumanBytes(int64_t bytes);

// Prints rows of cells as left-aligned columns separated by two spaces,
// each line prefixed by `indent`. The last column is never padded.
void PrintTable(const std::vector<std::vector<std::string>>& rows, std::string_view indent = "");

}  // namespace tfgraph::cli

#endif  // TFGRAPH_CLI_OUTPUT_H_
