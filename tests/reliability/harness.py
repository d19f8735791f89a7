"""Running tfgraph on hostile input, and judging how it ended.

Every reliability test runs the binary through Runner.run(), which enforces
what issue 7 asks of every run on bad input:
  - a time bound (timeout; ASan builds get three times as long);
  - a memory cap: for a plain binary the address space is limited with
    `ulimit -v` (RLIMIT_AS, default 1 GiB; the model files involved are a few
    MB, so a run that needs more allocated far beyond what the file backs);
    an ASan binary cannot run under RLIMIT_AS (its shadow memory reserves
    terabytes of address space), so ASan's allocator enforces the cap instead
    (max_allocation_size_mb, hard_rss_limit_mb) and a sanitizer report fails
    the run;
  - ASan/UBSan/LeakSanitizer reports are failures (abort_on_error).

judge() turns a finished run into a list of problems (empty = fine): the
exit code must be 0 or a documented error code (2-6), never a signal or 1
(internal error); on failure the last line of stderr is the one-line error,
'tfgraph: <path>: <problem>', and it must name a file under the case folder.

Paths come from the environment ctest sets: TFGRAPH_BIN, TFGRAPH_SAMPLES,
TFGRAPH_CORPUS, TFGRAPH_SOURCE_DIR.
"""

import dataclasses
import os
import shlex
import signal
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("TFGRAPH_SOURCE_DIR") or HERE.parents[1]).resolve()
DOCUMENTED_ERRORS = (2, 3, 4, 5, 6)
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                   "ERROR: UndefinedBehaviorSanitizer", "SUMMARY: AddressSanitizer")


def samples_path():
    return Path(os.environ.get("TFGRAPH_SAMPLES") or SOURCE_DIR / "samples")


def corpus_path():
    return Path(os.environ.get("TFGRAPH_CORPUS") or SOURCE_DIR.parent / "shared" / "corpus")


def is_sanitized(binary):
    """True if `binary` was built with AddressSanitizer."""
    with open(binary, "rb") as f:
        data = f.read()
    return b"__asan_init" in data or b"AddressSanitizer" in data


@dataclasses.dataclass
class Result:
    args: list
    code: int  # negative: killed by that signal; None: timed out
    stdout: str
    stderr: str
    seconds: float

    def describe(self):
        if self.code is None:
            return "timed out"
        if self.code < 0:
            try:
                return f"killed by {signal.Signals(-self.code).name}"
            except ValueError:
                return f"killed by signal {-self.code}"
        return f"exit {self.code}"


class Runner:
    def __init__(self, binary, timeout=10.0, memory_mb=1024):
        self.binary = str(binary)
        self.sanitized = is_sanitized(binary)
        self.timeout = timeout * (3 if self.sanitized else 1)
        self.memory_mb = memory_mb
        env = dict(os.environ)
        env.pop("TFGRAPH_COLOR", None)
        env["NO_COLOR"] = "1"
        if self.sanitized:
            env["ASAN_OPTIONS"] = ":".join([
                "detect_leaks=1", "abort_on_error=1", "halt_on_error=1", "symbolize=1",
                "allocator_may_return_null=0", f"max_allocation_size_mb={memory_mb}",
                f"hard_rss_limit_mb={memory_mb}", "detect_stack_use_after_return=0"])
            env["UBSAN_OPTIONS"] = "halt_on_error=1:print_stacktrace=1"
            env["LSAN_OPTIONS"] = "exitcode=23"
        self.env = env

    def command(self, args):
        argv = [self.binary, *map(str, args)]
        if self.sanitized:
            return argv
        # ulimit in a shell that then execs: no preexec_fn (unsafe with threads).
        limit = self.memory_mb * 1024
        return ["/bin/sh", "-c", f"ulimit -v {limit}; ulimit -c 0; exec \"$0\" \"$@\"", *argv]

    def run(self, *args, timeout=None, cwd=None):
        start = time.monotonic()
        try:
            proc = subprocess.run(self.command(args), capture_output=True, env=self.env,
                                  timeout=timeout or self.timeout, stdin=subprocess.DEVNULL,
                                  cwd=cwd)
            code, out, err = proc.returncode, proc.stdout, proc.stderr
        except subprocess.TimeoutExpired as e:
            code, out, err = None, e.stdout or b"", e.stderr or b""
        return Result([str(a) for a in args], code, out.decode("utf-8", "replace"),
                      err.decode("utf-8", "replace"), time.monotonic() - start)


def last_line(text):
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def judge(result, names=None, allowed=DOCUMENTED_ERRORS):
    """Problems with how a run on bad input ended ([] = it ended cleanly).

    names: strings of which the final error line must contain at least one
    (the case folder, or file names); None skips that check.
    """
    problems = []
    if result.code is None:
        problems.append(f"no answer within the time bound ({result.seconds:.1f} s)")
    elif result.code < 0:
        problems.append(result.describe())
    elif result.code != 0 and result.code not in allowed:
        what = "internal error" if result.code == 1 else "undocumented exit code"
        problems.append(f"exit {result.code} ({what})")
    for mark in SANITIZER_MARKS:
        if mark in result.stderr:
            problems.append("sanitizer report: " + next(
                line for line in result.stderr.splitlines() if mark in line).strip()[:300])
            break
    if result.code not in (None, 0) and result.code > 0 and not problems:
        line = last_line(result.stderr)
        if not line.startswith("tfgraph: "):
            problems.append(f"final stderr line is not 'tfgraph: FILE: PROBLEM': {line[:300]!r}")
        elif names is not None and not any(n in line for n in names):
            problems.append(f"error line names no file of the case: {line[:300]!r}")
        if len(line) > 2000:
            problems.append(f"error line is {len(line)} characters long")
    return problems


def format_failure(label, result, problems):
    tail = "\n      ".join(result.stderr.strip().splitlines()[-6:])
    return (f"{label}: tfgraph {' '.join(shlex.quote(a) for a in result.args)}\n"
            f"    -> {result.describe()} in {result.seconds:.2f} s: {'; '.join(problems)}\n"
            f"      {tail}")
