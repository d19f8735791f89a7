"""Writes never lose data: tfgraph killed with SIGKILL while it writes.

Every command that writes (freeze, export, unfreeze, tensor --npy) is run once
undisturbed into a reference location, then many times into a fresh folder
and killed with SIGKILL:
  - at random moments (uniform over 1.3x the undisturbed run time, seeded);
  - when strace is installed, at every syscall that changes the filesystem
    (strace -e inject=...:signal=SIGKILL:when=N kills the process on entry of
    the N-th such call, so every point between two changes is visited).
After each kill the destination must be absent or complete (byte-identical to
the reference), and anything else left in the folder must be a temporary
carrying the ".tfgraph-tmp-" marker. With a pre-existing destination and
--force, the destination must hold either the old content or the complete new
one (never nothing, never a mix); without --force the command must refuse
(exit 5) and leave it untouched.

Durability (strace -y): every file is fsynced before it is renamed into
place, every folder renamed into place has had each file and folder in it
fsynced, and the parent folder is fsynced after the rename.

Leftovers: a killed run's temporaries are named "<dest>.tfgraph-tmp-<pid>-<n>"
(core/atomic_file.h); the next run for the same destination removes those of
dead processes, keeps those of live ones, and keeps a moved-aside "-old"
folder while the destination is missing (the only copy of the old output).

Asset names are tested in test_asset_escape.py.
"""

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import (Runner, format_failure, is_sanitized, judge,  # noqa: E402
                     samples_path)

MARKER = ".tfgraph-tmp-"
# Per writer and mode. The sanitized pass (scripts/test.sh) uses fewer: a
# killed process runs no more code, so what ASan/UBSan add there is only the
# undisturbed part, and each ASan start costs several times more.
_SANITIZED = bool(os.environ.get("TFGRAPH_BIN")) and is_sanitized(os.environ["TFGRAPH_BIN"])
RANDOM_KILLS = int(os.environ.get("TFGRAPH_KILL_RUNS", "10" if _SANITIZED else "25"))
MAX_STRACE_POINTS = int(os.environ.get("TFGRAPH_STRACE_POINTS", "24" if _SANITIZED else "60"))
# Syscalls that change the filesystem (or end a write): the kill points.
CHANGING_SYSCALLS = ("openat,open,creat,write,pwrite64,writev,fsync,fdatasync,rename,renameat,"
                     "renameat2,mkdir,mkdirat,unlink,unlinkat,rmdir,ftruncate,link,linkat,"
                     "symlink,symlinkat,close")


@pytest.fixture(scope="module")
def runner():
    value = os.environ.get("TFGRAPH_BIN")
    if not value:
        pytest.skip("TFGRAPH_BIN not set: run through ctest, or export it")
    return Runner(value)


def writers():
    s = samples_path()
    return {
        "freeze": (["freeze", s / "tf1_checkpoint", "--outputs",
                    "output/probabilities,output/logits", "-o"], "frozen.pb"),
        "freeze_text": (["freeze", s / "tf1_checkpoint", "--outputs", "output/probabilities",
                         "-o"], "frozen.pbtxt"),
        "export": (["export", s / "tf1_checkpoint", "--inputs", "input", "--outputs",
                    "output/probabilities", "-o"], "saved"),
        "export_tf2": (["export", s / "tf2_saved_model", "--signature", "extra", "--inputs",
                        "serving_default_x", "--outputs", "StatefulPartitionedCall_2", "-o"],
                       "saved2"),
        "unfreeze": (["unfreeze", s / "frozen" / "frozen.pb", "--min-bytes", "16", "-o"],
                     "ckpt"),
        "tensor_npy": (["tensor", s / "tf1_checkpoint", "hidden2/dense/weights", "--npy"],
                       "weights.npy"),
    }


WRITER_NAMES = sorted(writers())


def snapshot(path):
    """{relative path: bytes or 'DIR' or ('LINK', target)} of a file or folder tree."""
    path = Path(path)
    if path.is_symlink():
        return {".": ("LINK", os.readlink(path))}
    if path.is_file():
        return {".": path.read_bytes()}
    out = {}
    for p in sorted(path.rglob("*")):
        rel = str(p.relative_to(path))
        if p.is_symlink():
            out[rel] = ("LINK", os.readlink(p))
        elif p.is_dir():
            out[rel] = "DIR"
        else:
            out[rel] = p.read_bytes()
    return out


def write_old(dest, is_dir):
    if is_dir:
        dest.mkdir()
        (dest / "old.txt").write_text("the old export, which must survive\n")
    else:
        dest.write_text("the old output, which must survive\n")


@pytest.fixture(scope="module")
def references(runner, tmp_path_factory):
    """name -> (args, dest name, reference snapshot, seconds, is_dir) of an undisturbed run."""
    refs = {}
    for name, (args, dest_name) in writers().items():
        folder = tmp_path_factory.mktemp(f"ref-{name}")
        dest = folder / dest_name
        start = time.monotonic()
        result = runner.run(*args, dest)
        seconds = time.monotonic() - start
        assert result.code == 0, format_failure(f"reference {name}", result,
                                                judge(result) or ["failed"])
        # A second run must give the same bytes, or "complete" cannot be checked.
        again = folder / ("again-" + dest_name)
        assert runner.run(*args, again).code == 0
        first, second = snapshot(dest), snapshot(again)
        assert first == second, f"{name}: two undisturbed runs wrote different bytes"
        leftovers = [p.name for p in folder.iterdir() if p.name not in (dest_name, again.name)]
        assert not leftovers, f"{name}: an undisturbed run left {leftovers}"
        refs[name] = (args, dest_name, first, seconds, dest.is_dir())
    return refs


def check_after_kill(folder, dest_name, reference, old, label):
    """Problems with what a killed run left in `folder` ([] = fine)."""
    problems = []
    dest = folder / dest_name
    if dest.exists() or dest.is_symlink():
        state = snapshot(dest)
        if state != reference and (old is None or state != old):
            kind = "neither the old content nor the complete new one" if old else "incomplete"
            problems.append(f"{label}: destination is {kind}: "
                            f"{sorted(state)[:8]} vs reference {sorted(reference)[:8]}")
    elif old is not None:
        problems.append(f"{label}: the pre-existing destination is gone")
    for p in folder.iterdir():
        if p.name != dest_name and MARKER not in p.name:
            problems.append(f"{label}: left {p.name!r} without the {MARKER!r} marker")
    return problems


def kill_at_random(runner, argv, delay):
    proc = subprocess.Popen(runner.command(argv), env=runner.env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    time.sleep(delay)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
    return proc.returncode


@pytest.mark.parametrize("name", WRITER_NAMES)
@pytest.mark.parametrize("existing", [False, True], ids=["fresh", "force-over-old"])
def test_sigkill_at_random_moments(runner, references, name, existing, tmp_path):
    args, dest_name, reference, seconds, is_dir = references[name]
    rng = random.Random(f"{name}|{existing}")
    problems, outcomes = [], {"absent": 0, "old": 0, "new": 0}
    for trial in range(RANDOM_KILLS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        dest = folder / dest_name
        old = None
        if existing:
            write_old(dest, is_dir)
            old = snapshot(dest)
        argv = [*args, dest] + (["--force"] if existing else [])
        delay = rng.uniform(0, 1.3 * seconds)
        code = kill_at_random(runner, argv, delay)
        label = f"{name} killed after {delay:.3f} s (exit {code})"
        problems += check_after_kill(folder, dest_name, reference, old, label)
        if not (dest.exists() or dest.is_symlink()):
            outcomes["absent"] += 1
        else:
            outcomes["old" if old is not None and snapshot(dest) == old else "new"] += 1
        shutil.rmtree(folder)
    assert not problems, "\n".join(problems[:20])
    print(f"{name}: {RANDOM_KILLS} kills: {outcomes}")


@pytest.mark.parametrize("name", WRITER_NAMES)
def test_existing_destination_untouched_without_force(runner, references, name, tmp_path):
    args, dest_name, _, _, is_dir = references[name]
    dest = tmp_path / dest_name
    write_old(dest, is_dir)
    before = snapshot(dest)
    result = runner.run(*args, dest)
    assert result.code == 5, format_failure(name, result, [f"expected exit 5, got {result.code}"])
    assert not judge(result, names=[dest_name]), format_failure(name, result, judge(result))
    assert snapshot(dest) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [dest_name]


def strace_env(runner):
    """The run environment for a traced process: LeakSanitizer stops the world
    with ptrace at exit, which fails under strace, so leak checks are off there
    (the untraced runs keep them)."""
    env = dict(runner.env)
    if "ASAN_OPTIONS" in env:
        env["ASAN_OPTIONS"] = env["ASAN_OPTIONS"].replace("detect_leaks=1", "detect_leaks=0")
    return env


def kill_points(runner, argv, folder):
    """Every (syscall, k) where a kill can land: the k-th call of each filesystem-changing
    syscall, in the order they happen (strace counts injections per syscall)."""
    log = folder / "strace.log"
    subprocess.run(["strace", "-f", "-qq", "-o", str(log), "-e", f"trace={CHANGING_SYSCALLS}",
                    *runner.command(argv)], env=strace_env(runner), stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   timeout=runner.timeout * 4)
    counts, points = {}, []
    for line in log.read_text().splitlines():
        parts = line.split(None, 1)
        call = parts[-1] if parts else ""
        if "(" not in call or call.startswith(("---", "+++", "<...")):
            continue
        name = call.split("(", 1)[0]
        counts[name] = counts.get(name, 0) + 1
        points.append((name, counts[name]))
    log.unlink()
    return points


def sample_points(points, limit):
    """All points if few; else the last limit/2 (the commit) and a spread of the rest."""
    if len(points) <= limit:
        return points
    tail = points[-(limit // 2):]
    head = points[:-(limit // 2)]
    want = limit - len(tail)
    return [head[int(i * len(head) / want)] for i in range(want)] + tail


@pytest.mark.parametrize("name", WRITER_NAMES)
@pytest.mark.parametrize("existing", [False, True], ids=["fresh", "force-over-old"])
def test_sigkill_at_every_filesystem_change(runner, references, name, existing, tmp_path):
    if not shutil.which("strace"):
        pytest.skip("strace not installed: the kill-at-every-syscall sweep needs it "
                    "(scripts/install-deps.sh installs it)")
    args, dest_name, reference, _, is_dir = references[name]
    probe = tmp_path / "probe"
    probe.mkdir()
    if existing:
        write_old(probe / dest_name, is_dir)
    points = kill_points(runner, [*args, probe / dest_name] + (["--force"] if existing else []),
                         probe)
    assert points, "strace saw no syscalls (ptrace not permitted?)"
    problems = []
    chosen = sample_points(points, MAX_STRACE_POINTS)
    print(f"{name}: {len(chosen)} of {len(points)} kill points")
    for i, (call, k) in enumerate(chosen):
        folder = tmp_path / f"p{i}"
        folder.mkdir()
        dest = folder / dest_name
        old = None
        if existing:
            write_old(dest, is_dir)
            old = snapshot(dest)
        argv = [*args, dest] + (["--force"] if existing else [])
        subprocess.run(["strace", "-f", "-qq", "-o", "/dev/null", "-e", f"trace={call}", "-e",
                        f"inject={call}:signal=SIGKILL:when={k}", *runner.command(argv)],
                       env=strace_env(runner), stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       timeout=runner.timeout * 4)
        problems += check_after_kill(folder, dest_name, reference, old,
                                     f"{name} killed on entry of {call} #{k}")
        shutil.rmtree(folder)
    assert not problems, f"{len(problems)} problems over {len(points)} kill points:\n" + \
        "\n".join(problems[:20])


# strace -y prints AT_FDCWD with the folder it stands for: AT_FDCWD</tmp/x>.
RENAME_RE = re.compile(r'\b(rename|renameat|renameat2)\((?:AT_FDCWD(?:<[^>]*>)?, )?"([^"]+)", '
                       r'(?:AT_FDCWD(?:<[^>]*>)?, )?"([^"]+)"[^)]*\)\s+=\s+0')
FSYNC_RE = re.compile(r'\b(fsync|fdatasync)\(\d+<([^>]+)>\)\s+=\s+0')


def durability_problems(log_text, label):
    """Renames not preceded by an fsync of what they move (every file and folder
    inside, for a folder) or not followed by an fsync of the folder they land in."""
    events = []  # ("sync", path) | ("rename", from, to)
    for line in log_text.splitlines():
        m = RENAME_RE.search(line)
        if m:
            events.append(("rename", m.group(2), m.group(3)))
            continue
        m = FSYNC_RE.search(line)
        if m:
            events.append(("sync", m.group(2)))
    problems = []
    renames = [(i, e) for i, e in enumerate(events) if e[0] == "rename" and MARKER in e[1]
               and MARKER not in Path(e[2]).name]
    if not renames:
        problems.append(f"{label}: no rename of a temporary into place was seen")
    for i, (_, src, dst) in renames:
        synced_before = {e[1] for e in events[:i] if e[0] == "sync"}
        synced_after = {e[1] for e in events[i + 1:] if e[0] == "sync"}
        final = Path(dst)
        if final.is_dir() and not final.is_symlink():
            wanted = [src] + [os.path.join(src, str(p.relative_to(final)))
                              for p in final.rglob("*")]
        else:
            wanted = [src]
        missing = [w for w in wanted if w not in synced_before]
        if missing:
            problems.append(f"{label}: renamed {src} -> {dst} without fsyncing "
                            f"{missing[:5]} first")
        if str(final.parent) not in synced_after:
            problems.append(f"{label}: did not fsync {final.parent} after renaming {dst} into it")
    return problems


@pytest.mark.parametrize("name", WRITER_NAMES)
@pytest.mark.parametrize("existing", [False, True], ids=["fresh", "force-over-old"])
def test_outputs_are_fsynced_before_and_after_rename(runner, references, name, existing,
                                                     tmp_path):
    if not shutil.which("strace"):
        pytest.skip("strace not installed (scripts/install-deps.sh installs it)")
    args, dest_name, reference, _, is_dir = references[name]
    folder = tmp_path.resolve()
    dest = folder / dest_name
    if existing:
        write_old(dest, is_dir)
    log = folder.parent / f"{folder.name}-strace.log"
    proc = subprocess.run(["strace", "-f", "-qq", "-y", "-o", str(log), "-e",
                           "trace=fsync,fdatasync,rename,renameat,renameat2",
                           *runner.command([*args, dest] + (["--force"] if existing else []))],
                          env=strace_env(runner), stdin=subprocess.DEVNULL,
                          capture_output=True,
                          timeout=runner.timeout * 4)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    assert snapshot(dest) == reference
    problems = durability_problems(log.read_text(), name)
    assert not problems, "\n".join(problems)


def dead_pid():
    """The pid of a process that has exited (and been reaped)."""
    child = subprocess.Popen(["/bin/true"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("name", ["freeze", "export"])
def test_leftovers_of_dead_runs_are_removed_on_the_next_run(runner, references, name, tmp_path):
    args, dest_name, reference, _, is_dir = references[name]
    dest = tmp_path / dest_name
    dead, live = dead_pid(), os.getpid()

    def leftover(fname):
        p = tmp_path / fname
        if is_dir:
            p.mkdir()
            (p / "partial").write_text("half")
        else:
            p.write_text("half")
        return p

    stale = leftover(f"{dest_name}{MARKER}{dead}-0")
    busy = leftover(f"{dest_name}{MARKER}{live}-0")
    other = leftover(f"other{MARKER}{dead}-0")
    # A replaced folder moved aside by a run that died before the new one
    # took its place: the only copy of the old output, kept while dest is missing.
    kept_old = leftover(f"{dest_name}{MARKER}{dead}-1-old")
    result = runner.run(*args, dest)
    assert result.code == 0, format_failure(name, result, judge(result) or ["failed"])
    assert snapshot(dest) == reference
    assert not stale.exists(), "a dead run's temporary was not cleaned up"
    assert busy.exists(), "a live process's temporary was removed"
    assert other.exists(), "another destination's temporary was removed"
    assert kept_old.exists(), "a moved-aside old output was removed while dest was missing"
    # Once the destination exists again, the moved-aside copy is stale too.
    result = runner.run(*args, dest, "--force")
    assert result.code == 0, format_failure(name, result, judge(result) or ["failed"])
    assert not kept_old.exists()
    assert busy.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([dest_name, busy.name,
                                                                  other.name])
