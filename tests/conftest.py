"""Shared fixtures (a throw-away copy of the project, one real build of it) and the test tiers."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from editio.cli import main
from editio.formats.fonts import FONTTOOLS_NOTICE

ROOT = Path(__file__).resolve().parent.parent
WORK = "deutscher-1957"

# EPUBCheck and Jing run on Java for seconds each: Java's optimising compiler costs them more
# than it earns (EPUBCheck on the essay: 21 s of CPU with it, 11 s without).
os.environ.setdefault("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1")


# Headless Chromium on a machine with no network: without these, it reaches for Google's hosts
# (refused here) and for updates at every start.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-extensions"]


def missing(tool: str, why: str, package: str) -> None:
    """A system program a test needs is not installed: under `make test`, which installs it
    first (scripts/test-system), and in CI that is a failure; else the test is skipped,
    saying what it needs and how to get it."""
    reason = (f"{tool} is not installed: {why}; `make test` installs it, or: "
              f"sudo apt-get install {package}")
    if os.environ.get("EDITIO_FULL_TEST") or os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def chromium() -> str:
    """Debian's chromium, which the browser tests and DAISY Ace drive."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    missing("Chromium", "this test drives it (a browser, or DAISY Ace)", "chromium")
    raise AssertionError("unreachable")  # missing() skips or fails


def start_preview(project: Path, work: str) -> tuple[subprocess.Popen, str]:
    """`editio preview` as a user starts it in a terminal, on a free port: Ctrl-C reaches it
    even when these tests run where it is ignored (`nohup make test &`, a CI runner), which
    a child would otherwise inherit and the preview outlive its test."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "editio.cli", "--root", str(project), "preview", work,
         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    line = proc.stdout.readline()  # printed once the first page is ready
    if "http://127.0.0.1:" not in line:
        proc.kill()
        pytest.fail(f"no preview URL: {line!r} {proc.stderr.read()[-2000:]}")
    return proc, line.split("preview at ", 1)[1].split()[0]


def stop_preview(proc: subprocess.Popen) -> tuple[int, str]:
    """Ctrl-C, as a user stops it; its exit status and what it said on stderr. Whatever
    happens, no preview is left running."""
    try:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return code, proc.stderr.read()


def copy_project(dest: Path) -> Path:
    for folder in ("source", "bib", "styles"):
        shutil.copytree(ROOT / folder, dest / folder)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of source/, bib/ and styles/ that a test may break."""
    return copy_project(tmp_path / "project")


@dataclass(frozen=True)
class Built:
    root: Path

    def out(self, ext: str) -> Path:
        return self.root / "dist" / f"{WORK}.{ext}"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real edition, built once per test session in all three formats."""
    root = copy_project(tmp_path_factory.mktemp("built"))
    assert main(["--root", str(root), "build", WORK, "-q"]) == 0
    return Built(root)


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # fontTools standing in for HarfBuzz's subsetter is the build's one-line hint
        if not record.getMessage().startswith(FONTTOOLS_NOTICE):
            self.messages.append(record.getMessage())


@pytest.fixture(autouse=True)
def no_weasyprint_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    """WeasyPrint logs what it ignores (a CSS rule, an anchor, a font) and goes on: in a
    test that is a failure, never noise. A test that provokes one on purpose says so with
    @pytest.mark.weasyprint_warns (editio's own builds turn them into errors anyway)."""
    handler = _Logged()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.messages and not request.node.get_closest_marker("weasyprint_warns"):
        pytest.fail("WeasyPrint warned:\n  " + "\n  ".join(handler.messages[:10]))


@pytest.fixture(scope="session", autouse=True)
def epubcheck_once_per_book() -> Iterator[None]:
    """EPUBCheck runs once on a book's bytes in a test process, whichever test asks (the
    essay's EPUB is judged by its writer's tests and by `editio check`'s): its JVM costs
    6 s of CPU a run, on a small EPUB as on a large one. A book it passes is passed again
    without a second run; a book it faults (or cannot judge) is judged again each time."""
    from editio.judges import epubcheck

    real = epubcheck.run_epubcheck
    passed: dict[str, epubcheck.EpubReport] = {}

    def once(path: Path) -> epubcheck.EpubReport:
        try:
            key = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            return real(path)
        if key in passed:
            return dataclasses.replace(passed[key], path=path)
        report = real(path)
        if (report.errors, report.warnings, report.messages) == (0, 0, ()):
            passed[key] = report
        return report

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(epubcheck, "run_epubcheck", once)
        yield


# pandoc's JSON answers (a parse of Markdown, citeproc over a document) kept on disk for every
# test process and every later run: a test that edits the essay and collates it has pandoc
# parse text the same each run, and both workers parse the same texts (417 runs of pandoc in
# make test-fast, 12 s of its CPU). The key is everything the answer is made from: the binary
# (path, size, time), editio's pandoc.py that runs it, its arguments, the bytes of the files
# they name, and the input; an answer pandoc refused is never kept, and pandoc's own tests
# (test_pandoc) always run it (pandoc.run.__wrapped__).
PANDOC_KEPT = ROOT / ".pytest-tmp" / "pandoc"
PANDOC_KEPT_DAYS = 7  # an answer not asked for since is deleted at a session's start
_KEPT_FLAGS = {"-f", "-t", "json", "--citeproc", "html", "html5", "--wrap=none"}
_KEPT_FILES = ("--bibliography=", "--csl=")


def _pandoc_key(args: list[str], stdin: str | None, sandbox: bool, runner: bytes) -> str | None:
    """The key of a run whose whole answer is its output text, or None (a file written, an
    argument not known here, no input). runner: the digest of the code that runs pandoc."""
    from editio.base import pandoc

    if stdin is None:
        return None
    digest = hashlib.sha256(runner)
    try:
        binary = Path(pandoc.pandoc_path())
        stat = binary.stat()
        digest.update(f"{binary}\0{stat.st_size}\0{stat.st_mtime_ns}\0{sandbox}\0".encode())
        for arg in args:
            digest.update(arg.encode() + b"\0")
            if arg.startswith(_KEPT_FILES):
                digest.update(hashlib.sha256(Path(arg.split("=", 1)[1]).read_bytes()).digest())
            elif arg not in _KEPT_FLAGS and not arg.startswith(("--metadata=lang:", "markdown")):
                return None
    except OSError:
        return None
    digest.update(stdin.encode())
    return digest.hexdigest()


@pytest.fixture(scope="session", autouse=True)
def pandoc_answers_kept() -> Iterator[None]:
    import zlib

    from editio.base import pandoc

    real = pandoc.run
    runner = hashlib.sha256(Path(pandoc.__file__).read_bytes()).digest()  # edited: asked again

    def run(args: list[str], stdin: str | None = None, **kwargs) -> str:
        key = _pandoc_key(args, stdin, kwargs.get("sandbox", True), runner)
        if key is None:
            return real(args, stdin, **kwargs)
        path = PANDOC_KEPT / f"{key}.json.z"
        try:
            out = zlib.decompress(path.read_bytes()).decode("utf-8")
            os.utime(path)  # asked for: kept another week
            return out
        except (OSError, zlib.error, UnicodeDecodeError):
            pass
        out = real(args, stdin, **kwargs)
        with contextlib.suppress(OSError):  # nowhere to keep it: the next run asks pandoc
            PANDOC_KEPT.mkdir(parents=True, exist_ok=True)
            part = path.with_name(f"{path.name}.{os.getpid()}.part")
            part.write_bytes(zlib.compress(out.encode("utf-8"), 1))
            os.replace(part, path)  # another process keeping the same answer wrote the same
        return out

    run.__wrapped__ = real  # type: ignore[attr-defined]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pandoc, "run", run)
        yield


def pytest_sessionstart() -> None:
    """Answers not asked for in a week are deleted (by the one process that starts the
    session, not by each worker)."""
    if os.environ.get("PYTEST_XDIST_WORKER") or not PANDOC_KEPT.is_dir():
        return
    old = time.time() - PANDOC_KEPT_DAYS * 86400
    for path in PANDOC_KEPT.iterdir():
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < old or path.name.endswith(".part"):
                path.unlink()


def run_editio(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


_PAGE_TEXTS: dict[str, tuple[str, ...]] = {}


def pdf_page_texts(path: Path) -> tuple[str, ...]:
    """Each page's text as pypdf extracts it, extracted once per content in a test process:
    pypdf reads a book's pages in pure Python (2.5 s of CPU for the essay, 3.4 s for the
    reader) and several tests read the same book (the session's build, the module's reader).
    Keyed by the file's bytes, so a file changed or rebuilt is read again."""
    from pypdf import PdfReader

    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()
    if key not in _PAGE_TEXTS:
        _PAGE_TEXTS[key] = tuple(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return _PAGE_TEXTS[key]


@pytest.fixture(scope="session")
def xml_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every work as TEI and JATS, and the course reader as a teiCorpus (no PDF)."""
    root = copy_project(tmp_path_factory.mktemp("xml"))
    assert main(["--root", str(root), "build", "--to", "tei,jats", "-q"]) == 0
    assert main(["--root", str(root), "volume", "reader", "--to", "tei", "-q"]) == 0
    return root


# Fixtures that build whole books (every format, a volume, three styles): a test that uses
# one is slow, so `make test-fast` leaves it out without each test having to say so.
BOOK_FIXTURES = {"built", "xml_built", "styled", "build", "reprint", "reader", "current"}


def first_case_fast(cases) -> list:
    """A family of cases that each collate the whole essay: the first runs in make test-fast,
    every one in make test (the others are marked slow)."""
    cases = list(cases)
    return [cases[0], *(pytest.param(case, marks=pytest.mark.slow) for case in cases[1:])]


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The fast tier does not even import a module whose every test is slow (it says so with
    a top-level `pytestmark = pytest.mark.slow`): the property tests' hypothesis is 0.4 s."""
    if config.getoption("markexpr") != "not slow" or collection_path.suffix != ".py":
        return None
    text = collection_path.read_text(encoding="utf-8")
    return True if "\npytestmark = pytest.mark.slow\n" in text else None


# `make mutants` (scripts/editio_tools/mutants.py) tries each of a module's thousand mutants
# against the tests that reach it: there only unit tests run, not those that copy the project
# (and run editio's command line over a whole work: half a second to a second each).
UNIT_TESTS_ONLY = "EDITIO_UNIT_TESTS_ONLY"
PROJECT_FIXTURES = BOOK_FIXTURES | {"project", "project_copy", "book"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if BOOK_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    if os.environ.get(UNIT_TESTS_ONLY):
        heavy = [item for item in items
                 if PROJECT_FIXTURES & set(getattr(item, "fixturenames", ()))]
        config.hook.pytest_deselected(items=heavy)
        items[:] = [item for item in items if item not in heavy]
    # longest units first (a stable sort: each file's tests keep their order); xdist follows
    # this order when told --no-loadscope-reorder (make test)
    rank = {unit: i for i, unit in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(work_unit(item.nodeid.split("::")[0]), len(rank)))


# Test files that share what is slow to make go to one worker together under `--dist loadfile`
# (make test, make test-fast), so it is made once, not in each worker that runs one of them:
# the essay built in every format (`built`), every work as TEI and JATS (`xml_built`), the
# OCR-suspect finder's dictionaries (5-7 s of CPU to load, pickled or not), which the
# correction desk's flags, sessions and writer use too. (A new file that uses `built`
# belongs in its list.)
SUSPECTS_FILES = "test_suspects"  # every test_suspects*.py, and:
TOGETHER = {
    "built": {"test_ace_run", "test_bibliography", "test_check", "test_citations", "test_docx",
              "test_edition", "test_epub", "test_epub_package", "test_outputs", "test_pdf"},
    "xml_built": {"test_jats", "test_tei"},
    SUSPECTS_FILES: {"test_flags", "test_session", "test_writer"},  # tests/desk/
}

# The units that take longest in make test (CPU measured 2026-12-07 23:28-23:49, a make test
# of 898 tests at a load of 8-10 on two cores, which inflates every figure against an idle
# machine: the whole of its tests 563 s, the two workers 293 s and 269 s), handed out first
# so that the two workers finish together; the rest follow in xdist's order. The wheel's
# clean install (test_project_init) also waits on the disk for a minute: handed out last,
# as before, it ran alone at the end, the other worker idle.
LONGEST_FIRST = ["built",  # 117 s: the essay's build and ten files reading it
                 "test_volume",  # 70 s
                 "test_project_init",  # 49 s
                 SUSPECTS_FILES,  # 49 s
                 "test_fonts", "xml_built", "test_makefile", "test_scheduler",  # 27-31 s
                 "test_preview", "test_desk_browser", "test_profiles", "test_collate",
                 "test_scaffold_property", "test_cache"]  # 14-20 s


def work_unit(path: str) -> str:
    stem = Path(path).stem
    if stem.startswith(SUSPECTS_FILES):
        return SUSPECTS_FILES
    return next((unit for unit, files in TOGETHER.items() if stem in files), stem)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Together(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(super()._split_scope(nodeid))

    return Together(config, log)
