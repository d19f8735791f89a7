"""The loading screen in a real terminal (tmux): a graph big enough that its
parse is visible. The first page of nodes is on the pane while the model
loads, and it is the same page the UI then shows; keys typed meanwhile are
applied once the UI is up; q quits at once, mid-load, leaving a working shell.
"""
import os
import pathlib
import re
import sys
import time

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
sys.path.insert(0, str(pathlib.Path(__file__).parents[1] / "reliability"))
from tfformats import pb_bytes, pb_varint  # noqa: E402
from tmux_driver import started  # noqa: E402

BIN = os.environ.get("TFGRAPH_BIN", "")
NODES = 600_000

pytestmark = pytest.mark.skipif(not BIN or not os.path.exists(BIN), reason="TFGRAPH_BIN not set")


@pytest.fixture(scope="module")
def big_graph(tmp_path_factory):
    """A chain of NODES MatMul-named Identity nodes, encoded by hand (the
    NodeDef fields: 1 name, 2 op, 3 input, 5 attr; AttrValue 6 type)."""
    attr_t = pb_bytes(5, pb_bytes(1, b"T") + pb_bytes(2, pb_varint(6, 1)))  # T: DT_FLOAT
    parts = [pb_bytes(1, pb_bytes(1, b"input") + pb_bytes(2, b"Placeholder"))]
    prev = b"input"
    for i in range(NODES - 1):
        name = b"block_%d/layer_%d/MatMul" % (i // 1000, i)
        parts.append(pb_bytes(1, pb_bytes(1, name) + pb_bytes(2, b"Identity") + pb_bytes(3, prev) +
                              attr_t))
        prev = name
    path = tmp_path_factory.mktemp("big") / "big.pb"
    path.write_bytes(b"".join(parts))
    return path


@pytest.fixture
def tmux():
    with started() as t:
        yield t


def loaded(screen):
    last = [l for l in screen.splitlines() if l.strip()][-1:]
    return "[nodes]" in screen and bool(last) and "loading" not in last[0]


def test_first_page_while_loading_is_the_first_screen(tmux, big_graph):
    tmux.run(f"{BIN} {big_graph}")
    during = tmux.wait_for("loading big.pb", timeout=30)
    assert "600,000 nodes, graph order" in during, during
    assert "block_0/layer_0/MatMul" in during and "Identity" in during, during
    after = tmux.wait(loaded, timeout=120)
    # Everything but the status line is already what the UI shows.
    assert during.splitlines()[:-2] == after.splitlines()[:-2]
    tmux.send("Q")
    tmux.wait_for_shell()


def test_keys_typed_while_loading_are_applied(tmux, big_graph):
    tmux.run(f"{BIN} {big_graph}")
    tmux.wait_for("loading big.pb", timeout=30)
    tmux.type("/layer_7/")
    tmux.send("Enter", "j", "j", "k")
    # In order: the search lands on row 9, then down, down, up.
    screen = tmux.wait(lambda s: "10/600,000" in s and loaded(s), timeout=120)
    assert "block_0/layer_7/MatMul" in screen and "block_0/layer_8/MatMul" in screen
    tmux.send("Q")
    tmux.wait_for_shell()


def test_q_quits_mid_load(tmux, big_graph):
    tmux.run(f"{BIN} {big_graph}")
    tmux.wait_for("loading big.pb", timeout=30)
    start = time.monotonic()
    tmux.send("q")
    tmux.wait_for_shell(timeout=30)
    quit_seconds = time.monotonic() - start
    tmux.run("echo restored-$((1+1))")
    tmux.wait_for("restored-2")
    assert quit_seconds < 5, quit_seconds


def test_typed_ahead_pick_and_quit_run_in_order(tmux, big_graph, tmp_path):
    out = tmp_path / "picks.txt"
    tmux.run(f"{BIN} pick {big_graph} > {out}")
    tmux.wait_for("loading big.pb", timeout=30)
    # Q after other keys waits its turn: G, o, then Q.
    tmux.send("G", "o", "Q")
    tmux.wait_for_shell(timeout=120)
    assert out.read_text().strip() == f"--outputs block_599/layer_{NODES - 2}/MatMul"


def test_ctrl_c_abandons_the_load_even_after_other_keys(tmux, big_graph):
    tmux.run(f"{BIN} {big_graph}")
    tmux.wait_for("loading big.pb", timeout=30)
    start = time.monotonic()
    tmux.send("j", "C-c")
    tmux.wait_for_shell(timeout=30)
    assert time.monotonic() - start < 5
    tmux.run("echo restored-$((1+1))")
    tmux.wait_for("restored-2")


def test_unknown_term_is_reported_at_once_not_after_the_load(tmux, big_graph):
    tmux.run(f"TERM=nosuchterm {BIN} {big_graph}; echo rc=$?")
    # The command line itself holds "rc=$?", so wait for a digit after it.
    screen = tmux.wait(lambda s: re.search(r"rc=\d", s), timeout=30)
    assert "cannot drive this terminal (TERM=nosuchterm)" in screen, screen
    assert "rc=2" in screen, screen
