"""Freeze from the UI in a real terminal: pick the outputs and the input of the
TF1 training checkpoint sample, press F, run; the written .pb loads in real
TensorFlow and computes what the checkpoint computes.

The UI runs the equivalent `tfgraph freeze ...` command (tui/actions.h), so
this test needs the freeze subcommand; it skips, saying so, until the binary
has one."""
import os
import pathlib
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from tmux_driver import started  # noqa: E402

BIN = os.environ.get("TFGRAPH_BIN", "")
SAMPLES = pathlib.Path(os.environ.get("TFGRAPH_SAMPLES",
                                      pathlib.Path(__file__).parents[2] / "samples"))
META = SAMPLES / "tf1_checkpoint" / "model.ckpt-6.meta"


def freeze_available():
    if not BIN or not os.path.exists(BIN):
        return False
    r = subprocess.run([BIN, "help", "freeze"], capture_output=True, text=True, timeout=30)
    return r.returncode == 0


@pytest.fixture
def tmux():
    if not freeze_available():
        pytest.skip("this tfgraph has no freeze subcommand yet (tfgraph help freeze fails)")
    with started(width=100, height=30) as t:
        yield t


def test_freeze_from_the_ui_matches_tensorflow(tmux, tmp_path):
    out = tmp_path / "frozen_ui.pb"
    tmux.run(f"cd {tmp_path} && {BIN} {META}")
    tmux.wait_for("[nodes]")
    tmux.type(":output/probabilities")
    tmux.send("Enter")
    tmux.wait_for("[detail] output/probabilities")
    tmux.send("o")
    tmux.type(":input")
    tmux.send("Enter")
    tmux.wait_for("[detail] input")
    tmux.send("i")
    tmux.wait_for("in: input:0")
    tmux.send("F")
    tmux.wait_for("Equivalent command:")
    tmux.send("C-u")
    tmux.type(str(out))
    tmux.send("Enter")
    screen = tmux.wait(lambda s: "Freeze finished." in s or "Freeze failed" in s, timeout=120)
    assert "Freeze finished." in screen, screen
    assert "tfgraph freeze" in screen and "--outputs output/probabilities" in screen
    tmux.send("Q")
    assert out.exists()

    import numpy as np
    import tensorflow as tf

    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 8)).astype(np.float32)
    with tf.Graph().as_default() as g, tf.compat.v1.Session(graph=g) as sess:
        saver = tf.compat.v1.train.import_meta_graph(str(META))
        saver.restore(sess, str(META)[: -len(".meta")])
        want = sess.run("output/probabilities:0", {"input:0": x})
    gd = tf.compat.v1.GraphDef()
    gd.ParseFromString(out.read_bytes())
    with tf.Graph().as_default() as g, tf.compat.v1.Session(graph=g) as sess:
        tf.compat.v1.import_graph_def(gd, name="")
        got = sess.run("output/probabilities:0", {"input:0": x})
    np.testing.assert_array_equal(got, want)
