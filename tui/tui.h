// The UI's entry point for the command line.
//
// `tfgraph MODEL` and `tfgraph pick MODEL` call RunTui. It runs the UI on
// the terminal, or headless when a script is given (TuiOptions::script, or
// the TFGRAPH_SCRIPT environment variable), and returns the process exit
// code: 0 on success, 2 when there is no terminal (the message points at
// the subcommands) or the script/options are malformed, 5 when the screen
// dump cannot be written.
//
// Headless runs replay the script at screen_size and write the final screen
// as text to dump_screen ("-" or empty: standard output); see tui/script.h
// for the script language. In pick mode the picks are printed on standard
// output when the UI closes, in pick_format:
//   args     --outputs a,b --inputs x:0   (paste into tfgraph freeze/export)
//   names    a,b                          (freeze_graph's output_node_names)
//   tensors  a:0,b:0                      (fetch names)
#ifndef TFGRAPH_TUI_TUI_H_
#define TFGRAPH_TUI_TUI_H_

#include <string>

#include "core/model.h"
#include "tui/document.h"

namespace tfgraph::tui {

struct TuiOptions {
  std::string script;               // file of keys to replay headless ("" : TFGRAPH_SCRIPT)
  std::string screen_size = "80x24";
  std::string dump_screen;          // headless: where the final screen goes
  bool no_color = false;            // --no-color; NO_COLOR is honoured as well
  bool pick = false;                // print the picks on exit
  std::string pick_format = "args"; // args | names | tensors
};

int RunTui(const Model& model, const TuiOptions& options);
int RunTuiOnDocument(const Document& doc, const TuiOptions& options);

// Pieces shared by the entry points (tui.cc, loading.h).
class App;
struct AppOptions;
bool CheckTuiOptions(const TuiOptions& options);   // false: printed why (exit 2)
void ReportNoTerminal(const Status& why);          // the one line for exit 2
bool NoColorRequested(const TuiOptions& options);  // --no-color or NO_COLOR
AppOptions TerminalAppOptions();                   // runners on this executable
// In pick mode, prints the picks as options.pick_format says; returns 0.
int PrintPicks(const App& app, const TuiOptions& options);
// After the terminal UI closed: prints the picks (pick mode) and returns
// the exit code, or ends the process with it at once when only background
// work the user no longer needs is left (App::background_busy).
int FinishTerminalRun(const App& app, const TuiOptions& options);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_TUI_H_
