"""man/tfgraph.1 renders without warnings and is installed by cmake --install."""
import os
import pathlib
import shutil
import subprocess

import pytest

SOURCE = pathlib.Path(os.environ.get("TFGRAPH_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
MAN = SOURCE / "man" / "tfgraph.1"


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, **kw)


def test_groff_has_no_warnings():
    if not shutil.which("groff"):
        pytest.skip("groff is not installed (scripts/install-deps.sh installs groff-base)")
    r = run(["groff", "-man", "-ww", "-z", str(MAN)])
    assert r.returncode == 0, r.stderr
    assert r.stderr == "", r.stderr


def test_mandoc_lint_is_clean():
    if not shutil.which("mandoc"):
        pytest.skip("mandoc is not installed (scripts/install-deps.sh installs it)")
    r = run(["mandoc", "-T", "lint", "-W", "warning", str(MAN)])
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout + r.stderr == ""


def test_man_l_renders_every_section():
    if not shutil.which("man"):
        pytest.skip("man is not installed (scripts/install-deps.sh installs man-db)")
    env = dict(os.environ, MANWIDTH="80", LANG="C.UTF-8")
    r = run(["man", "--warnings", "-l", str(MAN)], env=env)
    assert r.returncode == 0, r.stderr
    assert r.stderr == "", r.stderr
    text = r.stdout
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "WORKFLOW", "COMMANDS", "OPTIONS",
                    "KEYS", "HEADLESS MODE", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES"]:
        assert f"\n{section}\n" in text, f"no {section} section"
    for command in ["info", "nodes", "node", "sigs", "vars", "tensor", "freeze", "export",
                    "unfreeze", "pick"]:
        assert f"\n       {command} " in text, f"command {command} is not documented"
    for var in ["NO_COLOR", "TFGRAPH_SCRIPT"]:
        assert var in text
    # Every exit code of TEAM.md.
    for code in range(7):
        assert f"\n       {code}      " in text or f"\n       {code}\n" in text, code


def test_cmake_install_installs_the_page(tmp_path):
    binary = os.environ.get("TFGRAPH_BIN")
    if not binary or not shutil.which("cmake"):
        pytest.skip("TFGRAPH_BIN (the build tree) or cmake is not available")
    build = pathlib.Path(binary).parent
    r = run(["cmake", "--install", str(build), "--prefix", str(tmp_path)])
    assert r.returncode == 0, r.stdout + r.stderr
    installed = list(tmp_path.glob("**/man1/tfgraph.1"))
    assert installed, "man page not installed"
    assert installed[0].read_bytes() == MAN.read_bytes()
    # As a package build does it: the configured prefix under DESTDIR.
    stage = tmp_path / "stage"
    r = subprocess.run(["cmake", "--install", str(build), "--prefix", "/usr/local"],
                       capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, DESTDIR=str(stage)))
    assert r.returncode == 0, r.stdout + r.stderr
    page = stage / "usr" / "local" / "share" / "man" / "man1" / "tfgraph.1"
    assert page.read_bytes() == MAN.read_bytes()
    assert (stage / "usr" / "local" / "bin" / "tfgraph").exists()
    r = run(["man", "-l", str(page)])
    assert r.returncode == 0 and "KEYS" in r.stdout, r.stderr


def test_every_command_of_the_binary_is_documented():
    binary = os.environ.get("TFGRAPH_BIN")
    if not binary or not os.path.exists(binary):
        pytest.skip("TFGRAPH_BIN is not set")
    if not shutil.which("man"):
        pytest.skip("man is not installed")
    out = run([binary, "help"]).stdout
    names = []
    in_commands = False
    for line in out.splitlines():
        if line.startswith("commands:"):
            in_commands = True
            continue
        if in_commands:
            if not line.startswith("  "):
                break
            names.append(line.split()[0])
    assert "info" in names and "pick" in names, out
    text = run(["man", "-l", str(MAN)], env=dict(os.environ, MANWIDTH="80")).stdout
    for name in names:
        assert f"\n       {name} " in text or f"\n       {name}\n" in text, name
