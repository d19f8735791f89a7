#include <gtest/gtest.h>

#include <set>

#include "tui/commands.h"
#include "tui/keys.h"
#include "tui/text.h"

namespace tfgraph::tui {
namespace {

TEST(TuiKeysTest, NamesRoundTrip) {
  for (const char* name : {"j", "G", "?", "Enter", "Esc", "Tab", "Space", "Backspace", "Up",
                           "Down", "PgUp", "PgDn", "Home", "End", "F1", "F12", "C-d", "Lt",
                           "Backslash", "BackTab", "Colon"}) {
    int k = ParseKeyName(name);
    ASSERT_GE(k, 0) << name;
    EXPECT_EQ(KeyName(k), name);
  }
  EXPECT_EQ(ParseKeyName("C-D"), Ctrl('d'));
  EXPECT_EQ(KeyLabel(Ctrl('d')), "Ctrl-D");
  EXPECT_EQ(ParseKeyName("nope"), -1);
  EXPECT_EQ(ParseKeyName("F13"), -1);
}

TEST(TuiKeysTest, ScriptNotation) {
  auto keys = ParseKeys("/a<Enter><C-d>é");
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(*keys, (std::vector<int>{'/', 'a', kKeyEnter, Ctrl('d'), 0xE9}));
  EXPECT_FALSE(ParseKeys("<Bogus>").ok());
  EXPECT_FALSE(ParseKeys("<Enter").ok());
  EXPECT_EQ(KeyText(0xE9), "é");
  EXPECT_EQ(KeyText(' '), " ");
  EXPECT_EQ(KeyText(kKeyUp), "");
}

TEST(TuiCommandsTest, TableIsConsistent) {
  std::set<std::string> names;
  for (size_t i = 0; i < AllCommands().size(); ++i) {
    const auto& c = AllCommands()[i];
    EXPECT_EQ(static_cast<size_t>(c.cmd), i) << c.name;
    EXPECT_TRUE(names.insert(c.name).second) << "duplicate name " << c.name;
    EXPECT_FALSE(KeysOf(c.cmd).empty()) << c.name << " has no key";
    // Every listed key name parses.
    std::string keys = c.keys;
    size_t n = 1;
    for (char ch : keys) n += ch == ' ';
    EXPECT_EQ(KeysOf(c.cmd).size(), n) << c.name << ": unparsable key in '" << c.keys << "'";
  }
}

TEST(TuiCommandsTest, NoKeyIsBoundTwiceInOneContext) {
  std::map<std::pair<bool, int>, std::string> seen;
  for (const auto& c : AllCommands()) {
    bool prompt = std::string(c.group) == "Prompt";
    for (int k : KeysOf(c.cmd)) {
      auto [it, fresh] = seen.emplace(std::make_pair(prompt, k), c.name);
      EXPECT_TRUE(fresh) << KeyName(k) << " bound to " << it->second << " and " << c.name;
    }
  }
}

TEST(TuiCommandsTest, ConventionalKeys) {
  // The keys users already know (issue 6): a table, so a regression is loud.
  struct {
    const char* key;
    Cmd cmd;
  } expected[] = {
      {"j", Cmd::kMoveDown},      {"Down", Cmd::kMoveDown},    {"k", Cmd::kMoveUp},
      {"Up", Cmd::kMoveUp},       {"g", Cmd::kFirst},          {"G", Cmd::kLast},
      {"PgUp", Cmd::kPageUp},     {"PgDn", Cmd::kPageDown},    {"C-d", Cmd::kHalfPageDown},
      {"C-u", Cmd::kHalfPageUp},  {"Enter", Cmd::kOpen},       {"Backspace", Cmd::kBack},
      {"h", Cmd::kBack},          {"/", Cmd::kSearch},         {"n", Cmd::kSearchNext},
      {"N", Cmd::kSearchPrev},    {"?", Cmd::kHelp},           {"q", Cmd::kCloseView},
      {"Q", Cmd::kQuit},          {"Esc", Cmd::kCancel},
  };
  for (const auto& e : expected) {
    auto cmd = Lookup(KeyContext::kView, ParseKeyName(e.key));
    ASSERT_TRUE(cmd.has_value()) << e.key;
    EXPECT_EQ(*cmd, e.cmd) << e.key;
  }
  EXPECT_EQ(*Lookup(KeyContext::kPrompt, kKeyEnter), Cmd::kPromptAccept);
  EXPECT_EQ(*Lookup(KeyContext::kPrompt, kKeyEsc), Cmd::kPromptCancel);
}

TEST(TuiCommandsTest, HelpListsEveryCommand) {
  auto lines = HelpLines(74);
  std::string all;
  for (const auto& l : lines) {
    EXPECT_LE(DisplayWidth(l), 74) << l;
    all += l + "\n";
  }
  for (const auto& c : AllCommands()) EXPECT_NE(all.find(KeysLabel(c.cmd)), std::string::npos);
  for (const auto& g : Groups()) EXPECT_NE(all.find(g), std::string::npos);
}

TEST(TuiTextTest, WidthsAndTruncation) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("日本"), 4);
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1);  // e + combining acute
  EXPECT_EQ(DisplayWidth("a\x01" "b"), 3);  // control byte shown as '?'
  EXPECT_EQ(DisplayWidth("\xFF\xFE"), 2);   // invalid bytes, one '?' each
  EXPECT_EQ(Truncate("abcdef", 4), "abc~");
  EXPECT_EQ(Truncate("日本語", 4), "日 ~");
  EXPECT_EQ(Truncate("abc", 5), "abc");
  EXPECT_EQ(PadRight("ab", 4), "ab  ");
  EXPECT_EQ(Thousands(1234567), "1,234,567");
  EXPECT_EQ(Thousands(12), "12");
  EXPECT_EQ(HumanBytes(1536), "1.5 KiB");
}

}  // namespace
}  // namespace tfgraph::tui
