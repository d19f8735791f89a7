"""The command line's contract: help, usage errors, exit codes, stdout/stderr
separation, JSON Lines, colour.

Exit codes (cli/exit_codes.h): 0 ok, 2 usage error, 3 model unreadable,
4 name/tag-set not found. Diagnostics are one line each on stderr, starting
"tfgraph: "; data goes to stdout only.
"""

import json
import os
import pty
import re
import select
import subprocess

import pytest

COMMANDS = ["info", "nodes", "node", "sigs"]


def lines(data):
    return data.decode("utf-8").splitlines()


def one_error_line(proc, code, *needles):
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    err = lines(proc.stderr)
    assert len(err) == 1, err
    assert err[0].startswith("tfgraph: "), err[0]
    for n in needles:
        assert n in err[0], (n, err[0])
    assert proc.stdout == b""
    return err[0]


def json_records(proc):
    assert proc.returncode == 0, proc.stderr
    records = []
    for line in lines(proc.stdout):
        record = json.loads(line)
        assert isinstance(record, dict) and isinstance(record.get("type"), str), line
        records.append(record)
    return records


def test_help_lists_every_command(tfgraph):
    for args in (["--help"], ["-h"], ["help"]):
        proc = tfgraph.run(*args)
        assert proc.returncode == 0 and proc.stderr == b""
        text = proc.stdout.decode()
        for c in COMMANDS:
            assert f"\n  {c} " in text, c
        assert "exit status" in text


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help(tfgraph, command):
    a = tfgraph.run(command, "--help")
    b = tfgraph.run("help", command)
    assert a.returncode == 0 and b.returncode == 0
    assert a.stdout == b.stdout
    assert a.stdout.decode().startswith(f"usage: tfgraph {command} ")
    assert "--json" in a.stdout.decode()


def test_version(tfgraph):
    proc = tfgraph.run("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("tfgraph ")


def test_no_arguments_is_a_usage_error(tfgraph):
    proc = tfgraph.run()
    assert proc.returncode == 2 and proc.stdout == b""
    assert b"usage: tfgraph" in proc.stderr


def test_unknown_command_suggests(tfgraph):
    one_error_line(tfgraph.run("inof", "x"), 2, "unknown command 'inof'", "did you mean 'info'")


def test_unknown_option_suggests(tfgraph, samples_dir):
    one_error_line(tfgraph.run("nodes", samples_dir / "tf1_saved_model", "--mach", "x"), 2,
                   "--mach", "did you mean '--match'")


def test_missing_and_extra_arguments(tfgraph, samples_dir):
    one_error_line(tfgraph.run("info"), 2, "missing argument", "usage: tfgraph info MODEL")
    one_error_line(tfgraph.run("node", samples_dir / "tf1_saved_model"), 2, "missing argument")
    one_error_line(tfgraph.run("info", "a", "b"), 2, "too many arguments")
    one_error_line(tfgraph.run("nodes", samples_dir / "tf1_saved_model", "--match"), 2,
                   "needs a value")


def test_bad_pattern_is_a_usage_error(tfgraph, samples_dir):
    one_error_line(tfgraph.run("nodes", samples_dir / "tf1_saved_model", "--match", "(a"), 2,
                   "bad pattern", "--match '(a'")
    one_error_line(tfgraph.run("nodes", samples_dir / "tf1_saved_model", "--op", "[z-a]"), 2,
                   "--op")


def test_missing_model_is_unreadable(tfgraph, tmp_path):
    missing = tmp_path / "nope.pb"
    one_error_line(tfgraph.run("info", missing), 3, str(missing))


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"),
    (b"\r\n", "whitespace"),
    (b"\x0a\xff\xff\xff\xff\x0f", "truncated"),
    (b"version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 9\n", "Git LFS"),
    (b"\x89HDF\r\n\x1a\n" + bytes(64), "HDF5"),
    (b"node { name: 'a' op: 'Const' }\nnode { name: ", "line 2"),
    (b"this is not a model at all\n", 'begins with "this", a field none of them has'),
    (b"# comment\n[ext.x] { }\n", 'begins with "[ext.x]"'),
    (b"[no closing bracket\nnode {}\n", 'begins with "[no closing bracket"'),
    (b"node { name: 'a' colour: 1 }\n", "not a valid text GraphDef: line 1 column"),
])
def test_bad_files_fail_with_one_line(tfgraph, tmp_path, content, needle):
    path = tmp_path / "model.pb"
    path.write_bytes(content)
    one_error_line(tfgraph.run("info", path), 3, str(path), needle)


def test_deeply_nested_text_proto(tfgraph, tmp_path):
    path = tmp_path / "deep.pbtxt"
    depth = 100000
    path.write_bytes(b"node { name: 'a' op: 'X' attr { key: 'k' value { list { func { " +
                     b"attr { key: 'x' value { func { " * depth)
    one_error_line(tfgraph.run("info", path, timeout=60), 3, str(path))


def test_unknown_node_and_tag_set_are_not_found(tfgraph, samples_dir):
    model = samples_dir / "tf1_saved_model"
    one_error_line(tfgraph.run("node", model, "logit"), 4, "no node 'logit'", "did you mean",
                   "'logits'")
    one_error_line(tfgraph.run("info", model, "--tag-set", "serve,gpu"), 4, "serve,gpu",
                   "available")
    one_error_line(tfgraph.run("nodes", model, "--function", "nope"), 4, "no function 'nope'")
    # An output index the op does not have names no tensor.
    frozen = samples_dir / "frozen" / "frozen.pb"
    one_error_line(tfgraph.run("node", frozen, "output/logits:1"), 4,
                   "node 'output/logits' (", "has 1 output, so no output 1")
    assert tfgraph.run("node", frozen, "output/logits:0").returncode == 0
    # A name that is a node of a function body says which function.
    proc = tfgraph.run("node", samples_dir / "tf2_saved_model", "while")
    assert proc.returncode == 4
    [line] = lines(proc.stderr)
    assert re.search(r"it is a node of function '(__inference_iterate_\d+)' "
                     r"\(add --function \1\)$", line), line
    # A tag-set where there are none is not silently dropped.
    proc = tfgraph.run("nodes", frozen, "--tag-set", "foo")
    assert proc.returncode == 0
    assert lines(proc.stderr) == [
        f"tfgraph: {frozen}: warning: --tag-set 'foo' is ignored: only a SavedModel has "
        "tag-sets (this model's format is graphdef)"]


def test_warnings_on_stderr_data_on_stdout(tfgraph, samples_dir, tmp_path):
    # A checkpoint folder whose state file names a checkpoint elsewhere.
    src = samples_dir / "tf1_checkpoint"
    for f in src.iterdir():
        if f.name != "checkpoint":
            (tmp_path / f.name).symlink_to(f)
    (tmp_path / "checkpoint").write_text('model_checkpoint_path: "/elsewhere/model.ckpt-6"\n')
    proc = tfgraph.run("nodes", tmp_path)
    assert proc.returncode == 0
    err = lines(proc.stderr)
    assert len(err) == 1 and err[0].startswith(f"tfgraph: {tmp_path}: warning: ")
    assert "/elsewhere/model.ckpt-6" in err[0]
    out = lines(proc.stdout)
    assert len(out) == 806 and not any("warning" in line for line in out)
    # info reports warnings as part of its data too, and (stdout not being a
    # terminal here) on stderr as well.
    proc = tfgraph.run("info", tmp_path, "--json")
    info = json_records(proc)
    assert [r["message"] for r in info if r["type"] == "warning"] == [err[0].split("warning: ", 1)[1]]
    assert lines(proc.stderr) == err


@pytest.mark.parametrize("sample", ["tf1_checkpoint", "frozen/frozen.pb", "tf1_saved_model",
                                    "tf2_saved_model", "lookup_table", "partitioned"])
def test_json_lines_everywhere(tfgraph, samples_dir, sample):
    model = samples_dir / sample
    info = json_records(tfgraph.run("info", model, "--json"))
    assert info[0]["type"] == "model"
    kinds = {r["type"] for r in info}
    assert {"model", "ops", "variables", "output_candidate"} <= kinds
    nodes = json_records(tfgraph.run("nodes", model, "--json"))
    assert all(r["type"] == "node" and set(r) == {"type", "name", "op", "device", "inputs"}
               for r in nodes)
    assert len(nodes) == info[0]["nodes"]
    node = json_records(tfgraph.run("node", model, nodes[-1]["name"], "--json"))
    assert len(node) == 1 and node[0]["name"] == nodes[-1]["name"]
    assert isinstance(node[0]["attrs"], dict) and isinstance(node[0]["consumers"], list)
    for r in json_records(tfgraph.run("sigs", model, "--json")):
        assert r["type"] == "signature" and r["tags"] == sorted(r["tags"])


def test_global_options_before_the_command(tfgraph, samples_dir):
    model = samples_dir / "tf1_saved_model"
    a = tfgraph.run("--json", "info", model, "--tag-set", "train")
    b = tfgraph.run("info", model, "--json", "--tag-set=train")
    assert a.returncode == 0 and a.stdout == b.stdout
    assert json.loads(lines(a.stdout)[0])["selected_tags"] == ["train"]


def test_filters(tfgraph, samples_dir):
    model = samples_dir / "tf1_checkpoint"
    softmax = json_records(tfgraph.run("nodes", model, "--json", "--op", "^Softmax$"))
    assert [r["name"] for r in softmax] == ["output/probabilities"]
    both = json_records(tfgraph.run("nodes", model, "--json", "--match", "^output/[a-z]+$",
                                    "--op", "^(AddV2|ArgMax)$"))
    assert {r["name"] for r in both} == {"output/logits", "output/classes"}
    assert all(r["name"].startswith("output/") for r in
               json_records(tfgraph.run("nodes", model, "--json", "--match", "^output/")))


def test_function_bodies(tfgraph, samples_dir):
    model = samples_dir / "tf2_saved_model"
    info = json_records(tfgraph.run("info", model, "--json"))
    assert info[0]["functions"] == 19
    # A function body named in the signature wrapper call.
    call = json_records(tfgraph.run("node", model, "StatefulPartitionedCall_2", "--json"))[0]
    fname = call["attrs"]["f"]["func"]
    body = json_records(tfgraph.run("nodes", model, "--function", fname, "--json"))
    assert body and all(r["type"] == "node" for r in body)


def test_tensor_refs_in_every_written_form(tfgraph, samples_dir):
    """name, name:0, ^name, import/name; in a body, node:out_arg:idx as the
    body's own inputs are written (what `nodes --function` prints)."""
    model = samples_dir / "tf1_checkpoint"
    for text in ("output/logits", "output/logits:0", "^output/logits", "import/output/logits"):
        node = json_records(tfgraph.run("node", model, text, "--json"))
        assert node[0]["name"] == "output/logits", text
    one_error_line(tfgraph.run("node", model, "output/logit"), 4, "did you mean 'output/logits'")
    model = samples_dir / "tf2_saved_model"
    call = json_records(tfgraph.run("node", model, "StatefulPartitionedCall_2", "--json"))[0]
    fname = call["attrs"]["f"]["func"]
    body = json_records(tfgraph.run("nodes", model, "--function", fname, "--json"))
    refs = [i for r in body for i in r["inputs"] if i.count(":") == 2]
    assert refs, "the wrapper body reads its call's outputs as node:out_arg:idx"
    for ref in refs:
        node = json_records(tfgraph.run("node", model, "--function", fname, ref, "--json"))
        assert node[0]["name"] == ref.split(":")[0], ref
    producer, arg, _ = refs[0].split(":")
    one_error_line(tfgraph.run("node", model, "--function", fname, f"{producer}:{arg}x:0"), 4,
                   f"no output argument '{arg}x'")


def test_node_text_decodes_attrs(tfgraph, samples_dir):
    proc = tfgraph.run("node", samples_dir / "tf1_checkpoint", "input")
    text = proc.stdout.decode()
    assert proc.returncode == 0
    assert "Placeholder" in text and "float32" in text and "(-1, 8)" in text
    assert "consumers" in text


def test_non_utf8_strings_are_base64(tfgraph, tmp_path):
    from tensorflow.core.framework import graph_pb2
    graph = graph_pb2.GraphDef()
    node = graph.node.add(name="blob", op="Const")
    node.attr["data"].s = b"\xff\xfeok"
    node.attr["dtype"].type = 1
    path = tmp_path / "g.pb"
    path.write_bytes(graph.SerializeToString())
    record = json_records(tfgraph.run("node", path, "blob", "--json"))[0]
    assert record["attrs"]["data"] == {"base64": "//5vaw=="}
    assert record["attrs"]["dtype"] == "float32"


def _run_in_pty(binary, args, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(str(binary), [str(binary), *map(str, args)], env)
    out = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out


def test_colour_only_on_a_terminal_and_never_with_no_color(tfgraph, samples_dir):
    model = samples_dir / "tf1_checkpoint"
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm"
    code, out = _run_in_pty(tfgraph.binary, ["info", model], env)
    assert code == 0 and b"\x1b[" in out
    code, out = _run_in_pty(tfgraph.binary, ["info", model], dict(env, NO_COLOR="1"))
    assert code == 0 and b"\x1b[" not in out
    piped = tfgraph.run("info", model)
    assert b"\x1b[" not in piped.stdout


def test_model_without_command_needs_a_terminal(tfgraph, samples_dir):
    proc = tfgraph.run(samples_dir / "tf1_checkpoint")
    one_error_line(proc, 2, "tfgraph info")
