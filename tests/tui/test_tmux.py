"""The UI in a real terminal (tmux): open a sample, search, pick, yank, resize,
quit and get the terminal back, pick mode for the shell, no terminal at all."""
import os
import pathlib
import re
import signal
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from tmux_driver import started  # noqa: E402

BIN = os.environ.get("TFGRAPH_BIN", "")
SAMPLES = pathlib.Path(os.environ.get("TFGRAPH_SAMPLES",
                                      pathlib.Path(__file__).parents[2] / "samples"))
FROZEN = SAMPLES / "frozen" / "frozen.pb"

pytestmark = pytest.mark.skipif(not BIN or not os.path.exists(BIN), reason="TFGRAPH_BIN not set")


@pytest.fixture
def tmux():
    with started() as t:
        yield t


def open_ui(tmux, args=""):
    tmux.run(f"{BIN} {FROZEN} {args}")
    return tmux.wait_for("[nodes]")


def test_open_search_pick_yank_quit(tmux):
    screen = open_ui(tmux)
    assert "71 nodes" in screen
    assert "input" in screen and "Placeholder" in screen
    tmux.type("/probab")
    tmux.wait_for("/probab")
    tmux.send("Enter")
    screen = tmux.wait_for("row ")
    assert re.search(r"/probab: row \d+ of 71", screen), screen
    tmux.send("o")
    screen = tmux.wait_for("out: output/probabilities:0")
    assert "picked output/probabilities:0 as output" in screen
    # y copies output_node_names through OSC 52; tmux keeps it as a buffer.
    tmux.send("y")
    tmux.wait_for("copied output/probabilities")
    assert tmux.buffer() == "output/probabilities"
    tmux.send("Y")
    tmux.wait_for("copied output/probabilities:0")
    assert tmux.buffer() == "output/probabilities:0"
    # The freeze preview.
    tmux.send("P")
    screen = tmux.wait_for("[freeze preview]")
    assert "Outputs (1)" in screen and "nodes kept" in screen
    tmux.send("Q")
    tmux.wait_for_shell()
    # The terminal is usable again: echo and line editing work.
    tmux.run("echo restored-$((1+1))")
    tmux.wait_for("restored-2")


def test_detail_and_back(tmux):
    open_ui(tmux)
    tmux.type(":output/logits")
    tmux.send("Enter")
    screen = tmux.wait_for("[detail] output/logits")
    assert "Inputs (2)" in screen and "Consumers" in screen
    tmux.send("BSpace")
    tmux.wait_for("[nodes]")
    tmux.send("?")
    screen = tmux.wait_for("help: q or Esc closes")
    assert "Ctrl-D" in screen
    tmux.send("Escape")
    tmux.wait(lambda s: "help: q or Esc" not in s)
    tmux.send("q")
    tmux.wait_for_shell()


def test_resize_too_small_and_back(tmux):
    open_ui(tmux)
    tmux.resize(60, 20)
    screen = tmux.wait_for("terminal too small: 60x20")
    assert "at least 80x24" in screen
    tmux.resize(100, 30)
    # The node list fills the taller screen: 30 - 4 rows of nodes. Wait for
    # the whole redraw; a capture can land between two rows of it.
    screen = tmux.wait(lambda s: "[nodes]" in s and "terminal too small" not in s and
                       len([l for l in s.splitlines() if l.strip()]) >= 28)
    assert "terminal too small" not in screen
    tmux.send("Q")
    tmux.wait_for_shell()
    tmux.run("echo restored-$((1+1))")
    tmux.wait_for("restored-2")


def test_utf8_names(tmux, tmp_path):
    graph = tmp_path / "utf8.pbtxt"
    graph.write_text('node { name: "日本語/重み" op: "Placeholder" }\n'
                     'node { name: "café" op: "Identity" input: "日本語/重み" }\n',
                     encoding="utf-8")
    tmux.run(f"{BIN} {graph}")
    screen = tmux.wait_for("[nodes]")
    lines = screen.splitlines()
    assert any(l.startswith("  日本語/重み") for l in lines), screen
    # Wide glyphs keep the columns aligned: both ops start at the same column.
    row1 = next(l for l in lines if "重み" in l)
    row2 = next(l for l in lines if "café" in l)
    def col(line, text):
        return len(line[:line.index(text)].encode("utf-32-le")) // 4 + sum(
            1 for ch in line[:line.index(text)] if ord(ch) >= 0x1100 and ord(ch) < 0xA000)
    assert col(row1, "Placeholder") == col(row2, "Identity")
    tmux.send("Q")


def test_colors_and_no_color(tmux):
    open_ui(tmux)
    colored = tmux.screen(ansi=True)
    assert "\x1b[" in colored
    tmux.send("Q")
    tmux.wait_for_shell()
    tmux.run("clear")
    tmux.run(f"NO_COLOR=1 {BIN} {FROZEN}")
    tmux.wait_for("[nodes]")
    mono = tmux.screen(ansi=True)
    # Only attributes (bold, reverse...), no colour: no 3x/4x/38;/48; SGR codes.
    sgr = re.findall(r"\x1b\[([0-9;]*)m", mono)
    def is_colour(c):
        return len(c) >= 2 and c[0] in "349" and c not in ("39", "49") or c.startswith("10")
    assert any(is_colour(c) for codes in re.findall(r"\x1b\[([0-9;]*)m", colored)
               for c in codes.split(";"))
    for codes in sgr:
        for c in codes.split(";"):
            assert not is_colour(c), codes
    tmux.send("Q")


def test_ctrl_c_and_sigterm_restore_the_terminal(tmux):
    open_ui(tmux)
    tmux.send("C-c")
    tmux.wait_for_shell()
    tmux.run("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo")
    tmux.wait_for("icanon echo")
    tmux.run("clear")
    open_ui(tmux)
    pids = subprocess.run(["pgrep", "-f", f"{BIN} {FROZEN}"], capture_output=True, text=True)
    for pid in pids.stdout.split():
        os.kill(int(pid), signal.SIGTERM)
    tmux.wait(lambda s: "[nodes]" not in s)
    tmux.run("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo")
    tmux.wait_for("icanon echo")


def test_pick_prints_the_picks_for_the_shell(tmux, tmp_path):
    out = tmp_path / "picks.txt"
    tmux.run(f"{BIN} pick {FROZEN} > {out}; echo exit=$?")
    tmux.wait_for("[nodes]")
    tmux.type(":output/probabilities")
    tmux.send("Enter")
    tmux.wait_for("[detail]")
    tmux.send("o")
    tmux.type(":input")
    tmux.send("Enter")
    tmux.wait_for("[detail] input")
    tmux.send("i")
    tmux.wait_for("in: input:0")
    tmux.send("Q")
    tmux.wait_for("exit=0")
    assert out.read_text() == "--outputs output/probabilities --inputs input:0\n"


def test_no_terminal_refuses_and_points_at_subcommands():
    r = subprocess.run(["setsid", BIN, str(FROZEN)], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 2
    assert r.stdout == ""
    assert "needs a terminal" in r.stderr
    assert "tfgraph info MODEL" in r.stderr


def test_headless_script_dumps_the_screen(tmp_path):
    script = tmp_path / "keys"
    script.write_text("# search, then open\n/logits<Enter>\n:dump " + str(tmp_path / "a.txt") +
                      "\n<Enter>\n")
    r = subprocess.run([BIN, str(FROZEN), "--script", str(script), "--screen-size", "100x30",
                        "--dump-screen", str(tmp_path / "b.txt")],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    a = (tmp_path / "a.txt").read_text().splitlines()
    b = (tmp_path / "b.txt").read_text().splitlines()
    assert len(a) == 30 and len(b) == 30
    assert "/logits: row" in a[-1]
    assert "[detail] output/logits" in b[0]
    assert max(len(l) for l in a) <= 100
