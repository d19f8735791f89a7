"""A small tmux driver for real-terminal UI tests (after fzf's test/lib/common.rb).

Each Tmux runs its own server (-L socket, no config), one window of a fixed
size, with a plain shell inside. Waiting is by polling capture-pane, never by
fixed sleeps; on timeout the last screen is in the assertion message.
"""
import contextlib
import os
import shutil
import subprocess
import time

import pytest


class Tmux:
    def __init__(self, width=80, height=24, env=None):
        if not shutil.which("tmux"):
            raise RuntimeError("tmux is not installed")
        self.socket = f"tfgraph-test-{os.getpid()}-{time.monotonic_ns()}"
        environ = {"HOME": os.environ.get("HOME", "/tmp"), "PATH": os.environ["PATH"],
                   "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
                   "PS1": "$ ", "ESCDELAY": "25"}
        environ.update(env or {})
        self.environ = environ
        self._tmux("-f", "/dev/null", "new-session", "-d", "-x", str(width), "-y",
                   str(height), "env", "-i", *[f"{k}={v}" for k, v in environ.items()],
                   "bash", "--norc", "--noprofile")
        self._tmux("set-option", "-g", "status", "off")
        self._tmux("set-option", "-g", "set-clipboard", "on")
        self.wait(lambda s: "$" in s)

    def _tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=check, timeout=30)

    def send(self, *keys):
        """Keys in tmux send-keys syntax: literal text, or names like Enter, Escape, C-c."""
        for k in keys:
            self._tmux("send-keys", "-t", "0", k)

    def type(self, text):
        self._tmux("send-keys", "-t", "0", "-l", text)

    def run(self, command):
        self.type(command)
        self.send("Enter")

    def screen(self, ansi=False):
        args = ["capture-pane", "-p", "-t", "0"] + (["-e"] if ansi else [])
        return self._tmux(*args).stdout

    def wait(self, predicate, timeout=15.0):
        """The screen once `predicate` holds for it and it has stopped changing.

        A capture can land in the middle of a redraw (the title of a new view
        already there, its rows not yet), so a screen that satisfies the
        predicate is taken only when a second capture shortly after is the
        same.
        """
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                settled = self._settled(screen, predicate)
                if settled is not None:
                    return settled
            time.sleep(0.05)
        raise AssertionError(f"timed out; the screen was:\n{screen}")

    def _settled(self, screen, predicate, tries=20):
        # None: the predicate stopped holding; otherwise the screen once two
        # captures 30 ms apart agree (or the last one, for a screen that keeps
        # ticking, such as a progress bar).
        for _ in range(tries):
            time.sleep(0.03)
            again = self.screen()
            if not predicate(again):
                return None
            if again == screen:
                return screen
            screen = again
        return screen

    def wait_for(self, text, timeout=15.0):
        return self.wait(lambda s: text in s, timeout)

    def foreground(self):
        """The command running in the pane's foreground (bash once the program exits)."""
        return self._tmux("display-message", "-p", "-t", "0",
                          "#{pane_current_command}").stdout.strip()

    def wait_for_shell(self, timeout=15.0):
        """Wait until the program under test has exited and the shell is back.

        Asks tmux for the foreground process rather than looking for a "$"
        prompt: after a resize in the alternate screen, tmux may restore the
        cursor onto an old line, and the new prompt then overwrites the old
        command line instead of starting a fresh one.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.foreground() == "bash":
                return self.screen()
            time.sleep(0.05)
        raise AssertionError(f"the program did not exit (foreground: {self.foreground()}); "
                             f"the screen was:\n{self.screen()}")

    def resize(self, width, height):
        self._tmux("resize-window", "-t", "0", "-x", str(width), "-y", str(height))

    def buffer(self):
        r = self._tmux("show-buffer", check=False)
        return r.stdout if r.returncode == 0 else ""

    def pane_pid(self):
        return int(self._tmux("display-message", "-p", "-t", "0", "#{pane_pid}").stdout)

    def kill(self):
        self._tmux("kill-server", check=False)


@contextlib.contextmanager
def started(width=80, height=24):
    """A Tmux for one test (the test is skipped without tmux), killed after it."""
    try:
        t = Tmux(width=width, height=height)
    except RuntimeError as e:
        pytest.skip(str(e))
    try:
        yield t
    finally:
        t.kill()
