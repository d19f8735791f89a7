// The KEYS section of man/tfgraph.1 must be what the command table says.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "tui/commands.h"

namespace tfgraph::tui {
namespace {

std::string ManPath() {
  const char* src = getenv("TFGRAPH_SOURCE_DIR");
  std::string root = src && src[0] ? src : std::string(__FILE__).substr(
                                               0, std::string(__FILE__).rfind("/tests/unit/"));
  return root + "/man/tfgraph.1";
}

constexpr char kBegin[] = "\n.\\\" KEYS-BEGIN (";
constexpr char kEnd[] = "\n.\\\" KEYS-END\n";

TEST(ManKeysTest, KeysSectionMatchesTheCommandTable) {
  std::ifstream in(ManPath());
  ASSERT_TRUE(in) << "cannot read " << ManPath();
  std::stringstream buf;
  buf << in.rdbuf();
  std::string man = buf.str();
  size_t begin = man.find(kBegin);
  ASSERT_NE(begin, std::string::npos) << "no KEYS-BEGIN marker in " << ManPath();
  size_t body = man.find('\n', begin + 1) + 1;
  size_t end = man.find(kEnd, body - 1);
  ASSERT_NE(end, std::string::npos) << "no KEYS-END marker";
  ++end;  // the section's last newline is part of it
  // The markers sit right under ".SH KEYS".
  EXPECT_EQ(man.rfind(".SH KEYS\n", begin) + 9, begin + 1);
  std::string expected = ManKeysSection();
  std::string actual = man.substr(body, end - body);
  if (actual != expected && getenv("TFGRAPH_UPDATE_MAN")) {
    man.replace(body, end - body, expected);
    std::ofstream out(ManPath());
    out << man;
    SUCCEED() << "rewrote the KEYS section of " << ManPath();
    return;
  }
  EXPECT_EQ(actual, expected)
      << "man/tfgraph.1 KEYS disagrees with tui/commands.h; rerun this test with "
         "TFGRAPH_UPDATE_MAN=1 to regenerate it";
}

TEST(ManKeysTest, EveryCommandAndGroupIsInTheSection) {
  std::string keys = ManKeysSection();
  for (const auto& g : Groups()) EXPECT_NE(keys.find(".SS " + g + "\n"), std::string::npos) << g;
  for (const auto& c : AllCommands()) {
    std::string name = c.name;
    std::string escaped;
    for (char ch : name) escaped += ch == '-' ? std::string("\\-") : std::string(1, ch);
    EXPECT_NE(keys.find("(" + escaped + ")"), std::string::npos) << c.name;
  }
}

}  // namespace
}  // namespace tfgraph::tui
