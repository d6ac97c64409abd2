"""`editio init`: a project folder of the editor's own, built by the installed editio with
its packaged styles, and overriding them file by file."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, run_editio
from editio import __version__
from editio.base.project import DEFAULT_STYLES, PROJECT_FILE, Project, find_root, load_profile

WITNESS = ("The subject of this Essay is not the so-called Liberty of the Will, so unfortunately "
           "opposed to the misnamed doctrine of Philosophical Necessity; but Civil, or Social "
           "Liberty: the nature and limits of the power which can be legitimately exercised by "
           "society over the individual.\n\nA question seldom stated, and hardly ever "
           "discussed, in general terms, but which profoundly influences the practical "
           "controversies of the age by its latent presence.\n")
FORMATS = ("pdf", "epub", "docx", "tei.xml", "jats.xml")


def _init(tmp_path: Path, *extra: str) -> Path:
    root = tmp_path / "reader"
    assert run_editio(tmp_path, "init", str(root), *extra) == 0
    return root


def _new(root: Path, tmp_path: Path, work: str = "on-liberty") -> None:
    scan = tmp_path / "scan.txt"
    scan.write_text(WITNESS, encoding="utf-8")
    assert run_editio(root, "new", work, "--witness", str(scan), "--title", "Introductory",
                      "--author", "John Stuart Mill", "--date", "1859") == 0


def _tree(root: Path) -> dict[str, str]:
    """Every file of the project outside dist/, by its sha256."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "dist" not in p.parts}


def test_init_makes_a_project_of_content_and_settings_only(tmp_path, capsys):
    root = _init(tmp_path, "--title", 'Next Term\'s "Reader"')
    assert "editio new" in capsys.readouterr().out
    assert set(_tree(root)) == {"editio.yaml", "Makefile", "README.md", ".gitignore",
                                ".gitattributes", "bib/references.bib", "styles/README.md"}
    assert (root / "source").is_dir()
    assert find_root(root / "source") == root  # editio.yaml marks it
    settings = (root / PROJECT_FILE).read_text(encoding="utf-8")
    assert 'title: "Next Term\'s \\"Reader\\""' in settings
    assert re.search(r'^editio: ">=\d+\.\d+"$', settings, re.M)
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    assert "EDITIO ?= editio" in makefile and ".venv" not in makefile
    for target in ("build", "proof", "check", "preview", "clean"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert "/dist/" in (root / ".gitignore").read_text(encoding="utf-8")
    attributes = (root / ".gitattributes").read_text(encoding="utf-8")
    assert "* text=auto eol=lf" in attributes and "source/*/witness.* -text" in attributes
    for path in root.rglob("*"):  # LF everywhere, whatever the machine writes
        if path.is_file():
            assert b"\r\n" not in path.read_bytes(), path


def test_init_overwrites_nothing(tmp_path, capsys):
    root = _init(tmp_path)
    before = _tree(root)
    assert run_editio(tmp_path, "init", str(root)) == 3
    assert "overwrites nothing" in capsys.readouterr().err
    assert _tree(root) == before


@pytest.mark.slow  # test-fast's budget: 0.6-1.6 s (a build, a work prepared)
def test_a_project_without_styles_builds_with_the_defaults(tmp_path, capsys):
    root = _init(tmp_path)
    shutil.rmtree(root / "styles")
    _new(root, tmp_path)
    assert find_root(root) == root
    project = Project(root)
    profile = load_profile(project, "default")
    assert profile.page_css == (DEFAULT_STYLES / "pdf" / "page-a5.css").resolve()
    assert run_editio(root, "build", "--to", "tei,docx", "-q") == 0, capsys.readouterr().err
    tei = (root / "dist" / "on-liberty.tei.xml").read_text(encoding="utf-8")
    assert f'<application ident="editio" version="{__version__}">' in tei


def _docx_page_width(path: Path) -> int:
    document = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return int(re.search(r'<w:pgSz [^>]*w:w="(\d+)"', document).group(1))


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_a_project_style_replaces_the_default_file_by_file(tmp_path, capsys):
    root = _init(tmp_path)
    _new(root, tmp_path)
    assert run_editio(root, "build", "--to", "docx", "-q") == 0
    a5 = _docx_page_width(root / "dist" / "on-liberty.docx")
    assert run_editio(root, "styles", "--copy", "pdf/page-a5.css") == 0
    own = root / "styles" / "pdf" / "page-a5.css"
    assert own.read_bytes() == (DEFAULT_STYLES / "pdf" / "page-a5.css").read_bytes()
    own.write_text(own.read_text(encoding="utf-8").replace("size: A5", "size: A4"),
                   encoding="utf-8")
    profile = load_profile(Project(root), "default")
    assert profile.page_css == own.resolve()  # the project's own page ...
    assert profile.epub_css == (DEFAULT_STYLES / "epub" / "edition.css").resolve()  # ... only
    capsys.readouterr()
    assert run_editio(root, "styles") == 0
    assert "pdf/page-a5.css   (replaced by this project's" in capsys.readouterr().out
    assert run_editio(root, "build", "--to", "docx", "-q") == 0
    # the DOCX takes its page from the page CSS: A5 is 148 mm wide, A4 210 mm (in twips)
    assert (a5, _docx_page_width(root / "dist" / "on-liberty.docx")) == (8391, 11906)
    assert run_editio(root, "styles", "--copy", "pdf/page-a5.css") == 3  # never overwritten


def test_another_editio_is_refused_clearly(tmp_path, capsys):
    root = _init(tmp_path)
    _new(root, tmp_path)
    settings = root / PROJECT_FILE
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r'^editio: .*$', 'editio: ">=99.0"', text, flags=re.M),
                        encoding="utf-8")
    line = text[:text.index("\neditio:")].count("\n") + 2
    capsys.readouterr()
    assert run_editio(root, "build", "--to", "tei") == 3
    err = capsys.readouterr().err
    assert f"{PROJECT_FILE}:{line}: project error: this project needs editio >=99.0, " \
        f"and this is editio {__version__}" in err, err
    assert not (root / "dist").exists()
    settings.write_text(text.replace('editio: ">=', 'editio: "=>'), encoding="utf-8")
    assert run_editio(root, "build", "--to", "tei") == 3
    assert "is not a version requirement" in capsys.readouterr().err


def test_the_version_is_named(capsys):
    from editio.cli import main

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"editio {__version__}"


def _make(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(["make", "-s", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _build_everything(editio: Path, tmp_path: Path, env: dict) -> Path:
    """init, new and make with the editio program `editio`, outside this repository."""
    root = tmp_path / "x"
    run = {"cwd": tmp_path, "env": env, "capture_output": True, "text": True, "timeout": 300}
    done = subprocess.run([str(editio), "init", str(root), "--title", "A Reader"], **run)
    assert done.returncode == 0, done.stderr
    scan = tmp_path / "scan.txt"
    scan.write_text(WITNESS, encoding="utf-8")
    done = subprocess.run([str(editio), "new", "on-liberty", "--witness", str(scan)],
                          **{**run, "cwd": root})
    assert done.returncode == 0, done.stderr
    before = _tree(root)
    _make(root, f"EDITIO={editio}", env=env)
    for ext in FORMATS:
        assert (root / "dist" / f"on-liberty.{ext}").stat().st_size > 1000, ext
    assert (root / "dist" / "on-liberty-collation.html").is_file()
    epub = root / "dist" / "on-liberty.epub"
    colophon = zipfile.ZipFile(epub).read(_colophon(epub))
    assert f"Made with editio {__version__}".encode() in colophon
    assert f"editio {__version__}" in (root / "dist" / "on-liberty.jats.xml").read_text(
        encoding="utf-8")
    assert _tree(root) == before  # a build writes dist/ only
    return root


def _colophon(epub: Path) -> str:
    names = zipfile.ZipFile(epub).namelist()
    found = [n for n in names if n.endswith(".xhtml")
             and b"Made with editio" in zipfile.ZipFile(epub).read(n)]
    assert found, names
    return found[0]


@pytest.fixture
def outside():
    """A folder outside this repository (pytest's --basetemp may lie inside it)."""
    path = Path(tempfile.mkdtemp(prefix="editio-init-")).resolve()
    try:
        assert not path.is_relative_to(ROOT)
        yield path
    finally:
        # deleted in the background (sh starts rm and returns): the wheel's environment is
        # 13,000 files, which a busy disk took 40-50 s to delete while this worker ran no test
        subprocess.run(["sh", "-c", 'rm -rf -- "$1" >/dev/null 2>&1 &', "sh", str(path)],
                       check=True)


@pytest.mark.slow
def test_an_initialised_project_builds_with_the_installed_editio_outside_the_repository(
        outside):
    """This repository's installed editio (its .venv), run from a folder outside it."""
    editio = Path(sys.executable).parent / "editio"
    env = {**os.environ, "PATH": f"{editio.parent}{os.pathsep}{os.environ['PATH']}"}
    root = _build_everything(editio, outside, env)
    # up to date (the first make may leave the collation page older than the .bib extract
    # its build wrote beside it, a race of the two jobs: a second make redoes the page)
    _make(root, f"EDITIO={editio}", env=env)
    assert subprocess.run(["make", "-q", f"EDITIO={editio}"], cwd=root, env=env).returncode == 0
    # a project asking for another editio is refused once, before anything is built
    settings = root / PROJECT_FILE
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'editio: ">=', 'editio: ">=99.0,<100,>='), encoding="utf-8")
    done = subprocess.run(["make", f"EDITIO={editio}"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode != 0
    assert done.stderr.count("this project needs editio >=99.0,<100,>=") == 1, done.stderr


@pytest.mark.slow
def test_the_wheel_installed_in_a_clean_environment_builds_and_checks_a_new_project(outside):
    """`make dist-wheel`'s wheel, in a new venv that has nothing of this repository:
    init, new, make (every format), make check (EPUBCheck, DAISY Ace, TEI, JATS, PDF)."""
    if not shutil.which("java") or not shutil.which("npm"):
        pytest.skip("make check needs Java and npm")
    tmp_path = outside
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--disable-pip-version-check", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(wheels.glob("editio-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "editio/styles/profiles/default.yaml" in names
    assert "editio/data/ace/package-lock.json" in names
    venv = tmp_path / "venv"
    # without a pip of its own (ensurepip: seconds of CPU, and a thousand files more to
    # write and delete): this environment's pip installs into it (--python)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=300)
    # the pinned requirements first, as `make setup` installs them: the same versions;
    # not compiled to bytecode beforehand (7 s of CPU for modules no check imports): what
    # editio imports is compiled as it first runs
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "-q", "--disable-pip-version-check", "--no-compile",
                    "-r", str(ROOT / "requirements.txt"), str(wheel)],
                   check=True, capture_output=True, timeout=900)
    editio = venv / "bin" / "editio"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    location = subprocess.run([str(venv / "bin" / "python"), "-c",
                               "import editio; print(editio.__file__)"], env=env,
                              capture_output=True, text=True, check=True).stdout
    assert Path(location).resolve().is_relative_to(venv.resolve())  # not this checkout
    root = _build_everything(editio, tmp_path, env)
    before = _tree(root)
    done = _make(root, "check", f"EDITIO={editio}", env=env)
    for check in ("collation", "suspects", "epubcheck", "ace", "pdf", "tei", "jats"):
        assert f"{check}: on-liberty ok" in done.stdout, done.stdout
    assert _tree(root) == before
