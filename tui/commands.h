// Commands: the one table of everything a user can do in the UI.
//
// Each command has an id (Cmd), a name (used in scripts and messages), a
// group, its default keys (written as key names, see tui/keys.h) and a help
// line. The keymap, the help overlay and the KEYS section of man/tfgraph.1
// are all produced from this table, so they cannot disagree (a unit test
// compares the man page with ManKeysSection()).
//
// Commands in the "Prompt" group apply while a one-line prompt (search,
// filter, go to) or a form field is being edited; all others apply to the
// view on top. A view ignores commands that mean nothing to it.
#ifndef TFGRAPH_TUI_COMMANDS_H_
#define TFGRAPH_TUI_COMMANDS_H_

#include <optional>
#include <string>
#include <vector>

namespace tfgraph::tui {

// X(id, name, group, keys, help)
#define TFGRAPH_TUI_COMMANDS(X)                                                                  \
  X(kMoveDown, "move-down", "Movement", "j Down C-n", "Move the cursor down one row")            \
  X(kMoveUp, "move-up", "Movement", "k Up C-p", "Move the cursor up one row")                    \
  X(kHalfPageDown, "half-page-down", "Movement", "C-d", "Move down half a screen")               \
  X(kHalfPageUp, "half-page-up", "Movement", "C-u", "Move up half a screen")                     \
  X(kPageDown, "page-down", "Movement", "PgDn Space C-f", "Move down one screen")                \
  X(kPageUp, "page-up", "Movement", "PgUp b C-b", "Move up one screen")                          \
  X(kFirst, "first", "Movement", "g Home", "Go to the first row")                                \
  X(kLast, "last", "Movement", "G End", "Go to the last row")                                    \
  X(kOpen, "open", "Navigation", "Enter l Right",                                                \
    "Open the selected row: node detail, jump to an input or consumer, fold or unfold a scope")  \
  X(kBack, "back", "Navigation", "Backspace h Left", "Go back to the previous view")            \
  X(kForward, "forward", "Navigation", "]", "Go forward again after going back")                 \
  X(kCloseView, "close-view", "Navigation", "q",                                                 \
    "Close the view or overlay on top; quit from the first view")                                \
  X(kQuit, "quit", "Navigation", "Q C-c", "Quit")                                                \
  X(kCancel, "cancel", "Navigation", "Esc",                                                      \
    "Cancel: close a prompt, overlay or form; stop a running freeze or export")                  \
  X(kViewNodes, "view-nodes", "Views", "L", "Node list: name, op, dtype and shape, device")      \
  X(kViewTree, "view-tree", "Views", "T", "Scope tree with node counts; Enter folds and unfolds") \
  X(kViewNeighbours, "view-neighbours", "Views", "e",                                            \
    "Neighbourhood of the selected node: its inputs tree and consumers tree")                    \
  X(kViewSignatures, "view-signatures", "Views", "S", "Signatures and their input and output tensors") \
  X(kViewCandidates, "view-candidates", "Views", "C", "Ranked input and output candidates")      \
  X(kViewOps, "view-ops", "Views", "H", "Op histogram; Enter lists the nodes of one op")         \
  X(kViewVariables, "view-variables", "Views", "V",                                              \
    "Variables with dtype, shape, bytes and statistics of their values")                         \
  X(kViewFunctions, "view-functions", "Views", "f", "Library functions; Enter lists a function's nodes") \
  X(kViewValues, "view-values", "Views", "v",                                                    \
    "Values of the selected Const or variable, in full, with statistics")                        \
  X(kViewPreview, "view-preview", "Views", "P",                                                  \
    "Freeze preview: nodes kept, variables frozen, placeholders needed, size, warnings")         \
  X(kHelp, "help", "Views", "? F1", "Show this help")                                           \
  X(kDeeper, "deeper", "Views", "+", "Neighbourhood: show one more level")                       \
  X(kShallower, "shallower", "Views", "-", "Neighbourhood: show one level less")                 \
  X(kSearch, "search", "Search and filter", "/",                                                 \
    "Search rows with an RE2 regex (smart case: case-sensitive only with a capital)")           \
  X(kSearchNext, "search-next", "Search and filter", "n", "Go to the next match")               \
  X(kSearchPrev, "search-prev", "Search and filter", "N", "Go to the previous match")           \
  X(kFilter, "filter", "Search and filter", "Backslash &",                                       \
    "Filter the node list: words like op:MatMul device:GPU attr:T=float name:RE; empty clears")  \
  X(kGoto, "goto", "Search and filter", ":", "Jump to a node by name; Tab completes")            \
  X(kSort, "sort", "Search and filter", "s", "Node list order: graph order, name, op")          \
  X(kPickOutput, "pick-output", "Picking", "o", "Pick (or unpick) the selected tensor as an output") \
  X(kPickInput, "pick-input", "Picking", "i", "Pick (or unpick) the selected tensor as an input") \
  X(kUnpick, "unpick", "Picking", "x", "Remove the selected tensor from the picks")              \
  X(kClearPicks, "clear-picks", "Picking", "X", "Remove all picks")                              \
  X(kYankNames, "yank-names", "Picking", "y",                                                    \
    "Copy the picked outputs (or the selected node) as a,b for output_node_names")               \
  X(kYankTensors, "yank-tensors", "Picking", "Y",                                                \
    "Copy the picked outputs (or the selected node) as tensor names a:0,b:0")                   \
  X(kFreeze, "freeze", "Actions", "F", "Freeze the picked outputs to a .pb (asks for the path)") \
  X(kExport, "export", "Actions", "E", "Export a SavedModel with the picks as its signature")    \
  X(kRedraw, "redraw", "Actions", "C-l", "Redraw the screen")                                    \
  X(kPromptAccept, "prompt-accept", "Prompt", "Enter", "Accept the prompt or run the form")     \
  X(kPromptComplete, "prompt-complete", "Prompt", "Tab",                                         \
    "Complete a node name; in a form, go to the next field")                                     \
  X(kPromptPrevField, "prompt-previous-field", "Prompt", "BackTab", "In a form, go to the previous field") \
  X(kPromptHistoryPrev, "prompt-history-previous", "Prompt", "Up",                               \
    "Previous entry of this prompt's history (in a form: previous field)")                       \
  X(kPromptHistoryNext, "prompt-history-next", "Prompt", "Down",                                 \
    "Next entry of this prompt's history (in a form: next field)")                               \
  X(kPromptErase, "prompt-erase", "Prompt", "Backspace", "Delete the character before the cursor") \
  X(kPromptEraseWord, "prompt-erase-word", "Prompt", "C-w", "Delete the word before the cursor") \
  X(kPromptClear, "prompt-clear", "Prompt", "C-u", "Clear the line")                             \
  X(kPromptCancel, "prompt-cancel", "Prompt", "Esc", "Cancel the prompt or form")

enum class Cmd {
#define TFGRAPH_TUI_ENUM(id, name, group, keys, help) id,
  TFGRAPH_TUI_COMMANDS(TFGRAPH_TUI_ENUM)
#undef TFGRAPH_TUI_ENUM
      kCount
};

struct CommandInfo {
  Cmd cmd;
  const char* name;
  const char* group;
  const char* keys;  // default keys, space-separated key names
  const char* help;
};

// Every command, in table order (which is also help and man page order).
const std::vector<CommandInfo>& AllCommands();
const CommandInfo& Info(Cmd cmd);
// Groups in table order.
std::vector<std::string> Groups();
// The parsed default keys of a command.
std::vector<int> KeysOf(Cmd cmd);
// "j, Down, Ctrl-N": how help and man write a command's keys.
std::string KeysLabel(Cmd cmd);

enum class KeyContext { kView, kPrompt };
// The command a key runs in a context, if any.
std::optional<Cmd> Lookup(KeyContext context, int key);

// The troff text of the KEYS section body (everything after `.SH KEYS`),
// generated from the table.
std::string ManKeysSection();
// The help overlay lines (group headings and "keys  help" rows).
std::vector<std::string> HelpLines(int width);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_COMMANDS_H_
