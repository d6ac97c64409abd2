"""What each build read, for make: dist/.deps/<id>.d, as `gcc -MD` writes them.

The Makefile cannot know which profile a work uses, which stylesheets that profile names,
which works a volume binds or which .bib entries a text cites; the build does. So each build
writes, before its outputs, a makefile fragment naming exactly those inputs, and the Makefile
includes it. Citations are tracked through a per-build extract of the .bib
(dist/.deps/<id>.bib: the cited entries only), rewritten only when those entries change: a
new or edited entry that a work does not cite leaves its extract, and so its outputs, alone.
When bib/ changes, make first remakes the .d files (`editio deps`), which refreshes every
extract, and then reads them again with the new timestamps.
"""

from __future__ import annotations

import os
from pathlib import Path

from bibtexparser.library import Library

from editio.base.outputs import atomic_output
from editio.base.project import Profile, Project
from editio.edition.bibliography import BIB_FILE, parsed
from editio.edition.work import Edition

FORMATS = ("pdf", "epub", "docx")
KEYS_LINE = "% keys:"


def deps_dir(project: Project) -> Path:
    return project.dist_dir / ".deps"


def depfile_path(project: Project, build_id: str) -> Path:
    return deps_dir(project) / f"{build_id}.d"


def extract_path(project: Project, build_id: str) -> Path:
    return deps_dir(project) / f"{build_id}.bib"


def load_library(project: Project) -> Library:
    """The .bib as bibtexparser reads it: the build's one parse (it has checked it)."""
    return parsed(project.bib_dir / BIB_FILE)


def bib_extract(library: Library, keys: list[str]) -> str:
    """The entries of the .bib that `keys` name (and its @string macros), in key order."""
    by_key = {e.key: e for e in library.entries}
    wanted = [k for k in keys if k in by_key]
    # a crossref'd entry lends its fields to the entry that names it
    for key in list(wanted):
        parent = by_key[key].fields_dict.get("crossref")
        if parent is not None and str(parent.value) in by_key and \
                str(parent.value) not in wanted:
            wanted.append(str(parent.value))
    lines = [f"% the entries of bib/{BIB_FILE} this build cites (written by editio for make)",
             f"{KEYS_LINE} {' '.join(keys)}"]
    lines += [(s.raw or "").strip() for s in library.strings]  # raw: as the file has it
    lines += [(by_key[k].raw or "").strip() for k in sorted(wanted)]
    return "\n".join(lines) + "\n"


def write_if_changed(path: Path, content: str) -> bool:
    """Write only a changed file, so its timestamp says when its content last changed."""
    try:
        if path.read_text(encoding="utf-8") == content:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as tmp:
        tmp.write_text(content, encoding="utf-8")
    return True


def style_inputs(project: Project, profile: Profile) -> dict[str, list[Path]]:
    """The files in styles/ each format reads under this profile."""
    from editio.formats.pdf.writer import stylesheet_paths, template_paths

    return {"pdf": [*stylesheet_paths(profile), *template_paths(project, profile)],
            "epub": [profile.epub_css],
            # the DOCX takes its page size and margins from the page CSS too
            "docx": [profile.reference_docx, profile.docx_styles, profile.page_css]}


def _files(items: list[Path]) -> list[Path]:
    found: list[Path] = []
    for item in items:
        found += sorted(p for p in item.iterdir() if p.is_file()) if item.is_dir() else [item]
    return found


def _rel(project: Project, path: Path) -> str:
    # editio's own styles (a project without its own) are named by their installed place
    inside = Path(path).resolve().is_relative_to(project.root.resolve())
    rel = os.path.relpath(path, project.root) if inside else str(Path(path).resolve())
    return rel.replace("\\", "/").replace(" ", "\\ ").replace("$", "$$")


def record(project: Project, edition: Edition, sources: list[Path],
           collation: bool) -> Path:
    """Write dist/.deps/<id>.bib (if its entries changed) and dist/.deps/<id>.d.

    `sources` are the files and folders of source/ the build read; `collation` says whether
    the id also has a collation page (works do, volumes do not).
    """
    build_id = edition.work_id
    extract = extract_path(project, build_id)
    write_if_changed(extract, bib_extract(load_library(project), sorted(edition.cited_keys)))
    profile = project.style(f"profiles/{edition.profile.name}.yaml")
    common = [*_files(sources), profile, extract]
    if edition.profile.csl.lower().endswith(".csl"):  # a style file of the project's own
        common.append(Path(edition.profile.csl))
    styles = style_inputs(project, edition.profile)
    outputs = [f"dist/{build_id}.{fmt}" for fmt in FORMATS]
    lines = [f"# what {build_id} was built from (written by editio; make includes it)",
             f"{' '.join(outputs)}: {' '.join(_rel(project, p) for p in common)}"]
    for fmt in FORMATS:
        lines.append(f"dist/{build_id}.{fmt}: "
                     f"{' '.join(_rel(project, p) for p in styles[fmt])}")
    if collation:
        lines.append(f"dist/{build_id}-collation.html: "
                     f"{' '.join(_rel(project, p) for p in common)}")
    # as gcc -MP: a file that is later deleted is not an error, only a reason to rebuild
    inputs = sorted({_rel(project, p) for p in [*common, *(p for s in styles.values()
                                                              for p in s)]})
    lines += [f"{name}:" for name in inputs]
    target = depfile_path(project, build_id)
    with atomic_output(target) as tmp:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def record_work(project: Project, edition: Edition) -> Path:
    return record(project, edition, [project.source_dir / edition.work_id], collation=True)


def record_volume(project: Project, edition: Edition) -> Path:
    """A volume reads its manifest and its own works' folders, nothing else of source/."""
    from editio.edition.volume import load_manifest

    manifest = load_manifest(project, edition.work_id)
    return record(project, edition,
                  [manifest.path, *(project.source_dir / w for w in manifest.works)],
                  collation=False)


def refresh(project: Project) -> list[str]:
    """After a .bib change: rewrite each extract whose entries changed, touch every .d.

    Returns the ids whose extracts changed (their outputs are now out of date).
    """
    changed = []
    library = load_library(project)
    for depfile in sorted(deps_dir(project).glob("*.d")):
        extract = depfile.with_suffix(".bib")
        keys: list[str] = []
        if extract.is_file():
            for line in extract.read_text(encoding="utf-8").splitlines():
                if line.startswith(KEYS_LINE):
                    keys = line[len(KEYS_LINE):].split()
                    break
        if write_if_changed(extract, bib_extract(library, keys)):
            changed.append(depfile.stem)
        depfile.touch()
    return changed
