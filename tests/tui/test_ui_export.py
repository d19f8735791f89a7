"""Export and freeze from the UI, headless (--script), end to end:

- pick the output and input of the TF1 checkpoint sample, press E and run the
  form with its defaults; the SavedModel it writes loads in real TensorFlow
  and computes what the checkpoint computes;
- the result screen's equivalent command (copied with y) run in a shell
  writes the same SavedModel: the command shown is the command that ran;
- the freeze and export subcommands report "[NN%]" progress lines when the
  UI asks for them (TFGRAPH_PROGRESS), which become the progress bar."""
import os
import pathlib
import shlex
import subprocess

import pytest

BIN = os.environ.get("TFGRAPH_BIN", "")
SAMPLES = pathlib.Path(os.environ.get("TFGRAPH_SAMPLES",
                                      pathlib.Path(__file__).parents[2] / "samples"))
META = SAMPLES / "tf1_checkpoint" / "model.ckpt-6.meta"

pytestmark = pytest.mark.skipif(not BIN or not os.path.exists(BIN), reason="TFGRAPH_BIN not set")

PICK = ":output/probabilities<Enter>o\n:input<Enter>i\n"


def run_script(tmp_path, keys, cwd):
    script = tmp_path / "keys"
    script.write_text(keys)
    r = subprocess.run([BIN, str(META), "--script", str(script), "--screen-size", "100x40",
                        "--dump-screen", str(tmp_path / "final.txt")],
                       capture_output=True, text=True, timeout=300, cwd=cwd)
    assert r.returncode == 0, r.stderr
    assert r.stderr == "", r.stderr  # nothing leaks under the UI
    return (tmp_path / "final.txt").read_text()


def checkpoint_output(x):
    import tensorflow as tf
    with tf.Graph().as_default() as g, tf.compat.v1.Session(graph=g) as sess:
        saver = tf.compat.v1.train.import_meta_graph(str(META))
        saver.restore(sess, str(META)[: -len(".meta")])
        return sess.run("output/probabilities:0", {"input:0": x})


def saved_model_output(export_dir, x):
    import tensorflow as tf
    with tf.Graph().as_default() as g, tf.compat.v1.Session(graph=g) as sess:
        mg = tf.compat.v1.saved_model.loader.load(sess, ["serve"], str(export_dir))
        sig = mg.signature_def["serving_default"]
        feed = {sig.inputs["input"].name: x}
        return sess.run(sig.outputs["output/probabilities"].name, feed)


def test_export_from_the_ui_loads_in_tensorflow(tmp_path):
    work = tmp_path / "ui"
    work.mkdir()
    keys = (PICK + "E\n:dump " + str(tmp_path / "form.txt") + "\n<Enter>\n:wait\n" +
            ":dump " + str(tmp_path / "result.txt") + "\ny\n:clipboard " +
            str(tmp_path / "command.txt") + "\n")
    run_script(tmp_path, keys, cwd=work)
    form = (tmp_path / "form.txt").read_text()
    assert "[Export]" in form and "model.ckpt-6_export" in form, form
    result = (tmp_path / "result.txt").read_text()
    assert "Export finished." in result, result
    exported = work / "model.ckpt-6_export"
    assert (exported / "saved_model.pb").exists()
    assert not list(work.glob("*.tfgraph-tmp-*"))

    command = (tmp_path / "command.txt").read_text().strip()
    argv = shlex.split(command)
    assert argv[:2] == ["tfgraph", "export"], command
    assert "--outputs" in argv and "output/probabilities:0" in argv, command
    # The command the result screen shows, run by hand, exports the same.
    again = tmp_path / "again"
    again.mkdir()
    r = subprocess.run([BIN] + argv[1:], capture_output=True, text=True, timeout=300, cwd=again)
    assert r.returncode == 0, r.stderr
    assert (again / "model.ckpt-6_export" / "saved_model.pb").exists()

    import numpy as np
    x = np.random.default_rng(1).standard_normal((4, 8)).astype(np.float32)
    want = checkpoint_output(x)
    np.testing.assert_array_equal(saved_model_output(exported, x), want)
    np.testing.assert_array_equal(saved_model_output(again / "model.ckpt-6_export", x), want)


def test_subcommands_report_progress_for_the_ui(tmp_path):
    env = dict(os.environ, TFGRAPH_PROGRESS="1")
    r = subprocess.run([BIN, "freeze", str(META), "-o", str(tmp_path / "f.pb"), "--outputs",
                        "output/probabilities"], capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    lines = [l for l in r.stderr.splitlines() if l.startswith("[")]
    assert lines[0] == "[0%] loading the model", r.stderr
    assert lines[-1].startswith("[100%] writing "), r.stderr
    percents = [int(l[1:l.index("%")]) for l in lines]
    assert percents == sorted(percents)
    r = subprocess.run([BIN, "export", str(META), "-o", str(tmp_path / "sm"), "--outputs",
                        "output/probabilities:0", "--inputs", "input:0"],
                       capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    assert "[50%] writing" in r.stderr, r.stderr
    # Without the variable, nothing extra on stderr.
    r = subprocess.run([BIN, "freeze", str(META), "-o", str(tmp_path / "g.pb"), "--outputs",
                        "output/probabilities"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "%]" not in r.stderr, r.stderr


def test_pages_through_a_big_variable_to_its_last_value(tmp_path):
    # dense/kernel of a real checkpoint: 2450x100 float32 (245,000 values),
    # read from the checkpoint; G reaches the very last value, the same one
    # `tfgraph tensor` prints: nothing is truncated.
    corpus = pathlib.Path(os.environ.get("TFGRAPH_CORPUS", ""))
    meta = corpus / "pair_ardianumam_lenet_ckpt_frozen" / "model_small.meta"
    if not meta.exists():
        pytest.skip("corpus model pair_ardianumam_lenet_ckpt_frozen not available")
    script = tmp_path / "keys"
    first, last = tmp_path / "first.txt", tmp_path / "last.txt"
    script.write_text(f"V\n/^dense/kernel<Enter>\nv\n:dump {first}\nG\n:dump {last}\n")
    r = subprocess.run([BIN, str(meta), "--script", str(script), "--dump-screen", "/dev/null"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    head = first.read_text()
    assert "float32 [2450,100], 245,000 elements, from checkpoint entry dense/kernel" in head
    assert "mean " in head and "std " in head and "zeros " in head
    tail = last.read_text().splitlines()
    assert "83,305/83,305 100%" in tail[-1]
    want = subprocess.run([BIN, "tensor", str(meta), "dense/kernel"], capture_output=True,
                          text=True, timeout=120).stdout.split()[-1].rstrip("]")
    assert tail[-3].split()[0] == "[2449,99]" and tail[-3].split()[-1] == want, tail[-3]
