"""A normal install: a wheel built from the repository, installed into a fresh venv, builds the sample elsewhere.

Only ``pip install -e .`` used to work: the templates lived beside the package, not in it.
They are edited in the top-level ``templates/`` folder and shipped as ``reportgen.templates``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

from conftest import ROOT, SAMPLE_2019
from docxread import read

from reportgen.render import pdf


def test_every_package_is_listed_in_pyproject() -> None:
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "reportgen").rglob("__init__.py")
    }
    assert set(listed) == on_disk | {"reportgen.templates"}


def _tracked_copy(dest: Path) -> Path:
    """The working tree as git sees it (tracked and new files, not ignored ones) copied to ``dest``."""
    files = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"], capture_output=True, check=False
    )
    if files.returncode == 0 and files.stdout:
        for name in files.stdout.decode("utf-8").split("\0"):
            if name and (ROOT / name).is_file():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, dest / name)
    else:
        shutil.copytree(
            ROOT, dest, dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "__pycache__", "outputs"),
        )
    return dest


def test_a_wheel_installed_in_a_fresh_venv_builds_the_sample_from_another_folder(tmp_path: Path) -> None:
    source = _tracked_copy(tmp_path / "source")
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
        check=True, capture_output=True,
    )
    (wheel,) = wheels.glob("reportgen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("2019.docx", "2019.docx.jinja", "2021.docx", "2021.docx.jinja", "report.html.j2", "fonts.conf"):
        assert f"reportgen/templates/{shipped}" in names

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([bindir / "python", "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)

    elsewhere = tmp_path / "县统计局"
    elsewhere.mkdir()
    shutil.copy(SAMPLE_2019, elsewhere / "2019.toml")
    to = "docx,html,pdf" if pdf.soffice() else "docx,html"
    done = subprocess.run(
        [bindir / "reportgen", "build", "2019.toml", "--to", to],
        cwd=elsewhere, capture_output=True, text=True, env={"PATH": f"{bindir}:/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("已生成 outputs/2019.")
    body = read(elsewhere / "outputs" / "2019.docx")
    assert "鄞州区统计局" in body.paragraphs()[0]
    assert "<title>" in (elsewhere / "outputs" / "2019.html").read_text(encoding="utf-8")
    where = subprocess.run(
        [bindir / "python", "-c", "import reportgen.templates as t; print(t.FOLDER)"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(env_dir)  # the installed copy, not this checkout
