"""Volumes: several works bound in one book, from a manifest in source/volumes/.

A course reader is a file, not code:

    # source/volumes/reader.yaml
    title: Revolution and Reform
    editor: The editio editors
    profile: course-a4
    works: [deutscher-1957, bln600-3206211949]

Each work keeps its own opening, note on the text, paragraph numbers and
textual notes; its anchors are prefixed with its id, so they stay unique in the
book. The profile's `volume-bibliography` says whether the works share one
merged bibliography (the default) or each has its own.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from editio.base.errors import ProjectError
from editio.base.pandoc_ast import (
    Div,
    Document,
    Header,
    Link,
    Node,
    Para,
    Plain,
    Span,
    attr,
    content,
    copy_doc,
    iter_nodes,
    text,
)
from editio.base.project import Project, check_work_id, load_profile
from editio.base.spans import WORK_KEY, WORK_OPENING
from editio.base.textfile import read_text
from editio.edition.cache import load_or_make_parts
from editio.edition.work import (
    Edition,
    TitleLine,
    TitlePage,
    WorkFacts,
    WorkParts,
    bibliography_blocks,
    bibliography_heading,
    build_epoch,
    colophon,
    edited_by,
    print_edition,
    references,
    resolve_citations,
)

VOLUME_DIR = "volumes"
REQUIRED = ("title", "editor", "works")


@dataclass(frozen=True)
class Manifest:
    volume_id: str
    path: Path
    title: str
    editor: str
    works: tuple[str, ...]
    profile: str
    meta: dict

    @property
    def lang(self) -> str:
        return str(self.meta.get("lang", "en-GB"))


def volume_ids(project: Project) -> list[str]:
    folder = project.source_dir / VOLUME_DIR
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def load_manifest(project: Project, volume_id: str) -> Manifest:
    path = project.source_dir / VOLUME_DIR / f"{volume_id}.yaml"
    check_work_id(volume_id, "volume", path)
    if not path.is_file():
        close = difflib.get_close_matches(volume_id, volume_ids(project), n=3)
        raise ProjectError(f"no volume '{volume_id}' (no {path})",
                           hint=f"did you mean {', '.join(close)}?" if close else
                           f"volumes: {', '.join(volume_ids(project)) or 'none'}")
    text_ = read_text(path)
    try:
        data = yaml.safe_load(text_)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ProjectError(f"manifest is not valid YAML: {getattr(exc, 'problem', exc)}",
                           path=path, line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise ProjectError("a volume manifest must be a YAML mapping", path=path)
    missing = [k for k in REQUIRED if not data.get(k)]
    if missing:
        raise ProjectError(f"manifest lacks {', '.join(missing)}", path=path,
                           hint=f"required: {', '.join(REQUIRED)}")
    works = data["works"]
    if not isinstance(works, list) or not all(isinstance(w, str) for w in works):
        raise ProjectError("'works' must be a list of work ids", path=path)
    known = project.work_ids()
    for work in works:
        if work not in known:
            lines = text_.splitlines()
            line = next((i for i, s in enumerate(lines, 1) if work in s), None)
            close = difflib.get_close_matches(work, known, n=3)
            raise ProjectError(f"the manifest names a missing work '{work}'", path=path,
                               line=line, hint=f"did you mean {', '.join(close)}?" if close
                               else f"works: {', '.join(known)}")
    if len(set(works)) != len(works):
        raise ProjectError("a work is named twice in the manifest", path=path)
    return Manifest(volume_id=volume_id, path=path, title=str(data["title"]),
                    editor=str(data["editor"]), works=tuple(works),
                    profile=str(data.get("profile", "default")), meta=data)


def prefix_ids(blocks: list[Node], prefix: str) -> None:
    """Make a work's anchors unique in the volume: `p-12` becomes `<work>-p-12`."""
    for node in iter_nodes(blocks):
        t, c = node.get("t"), content(node)
        a = c[1] if t == "Header" else c[0] if t in (
            "Span", "Div", "Link", "Image", "Code", "CodeBlock", "Table", "Figure") else None
        if a is not None and a[0]:
            a[0] = f"{prefix}-{a[0]}"
        if t == "Link" and c[2][0].startswith("#"):
            c[2][0] = f"#{prefix}-{c[2][0][1:]}"


def demote(blocks: list[Node]) -> None:
    """A work's parts sit one level below the work in the volume."""
    for node in iter_nodes(blocks):
        if node.get("t") == "Header":
            node["c"][0] = min(node["c"][0] + 1, 6)


def _opening(part: WorkParts) -> list[Node]:
    """The work's opening page: its title as a part heading, then its author and source."""
    return [Header(1, attr("opening", ["unnumbered", WORK_OPENING],
                        {WORK_KEY: part.source.work_id}),
                   text(str(part.source.meta["title"]))),
            Div(attr("opening-meta", ["work-meta"]), part.title_page.blocks(skip=("title",)))]


def _contents(parts: list[WorkParts], back_matter: list[tuple[str, str]]) -> Node:
    """The works, each with its author, then the back matter: (title, id) pairs."""
    items = []
    for part in parts:
        meta = part.source.meta
        items.append([Plain([
            Link(attr("", ["toc-entry"]), text(str(meta["title"])),
                 f"#{part.source.work_id}-opening"),
            Span(attr("", ["toc-author"]), text(f" — {meta['author']}"))])])
    for title, identifier in back_matter:
        items.append([Plain([Link(attr("", ["toc-entry", "toc-back"]), text(title),
                                  f"#{identifier}")])])
    return Div(attr("contents", ["contents"]), [
        Header(1, attr("contents-heading", ["unnumbered"]), text("Contents")),
        {"t": "BulletList", "c": items}])


def _title_page(manifest: Manifest) -> TitlePage:
    lines = [TitleLine("title", manifest.title)]
    if manifest.meta.get("subtitle"):
        lines.append(TitleLine("subtitle", str(manifest.meta["subtitle"])))
    lines.append(TitleLine("author", edited_by(manifest.editor)))
    if manifest.meta.get("date"):
        lines.append(TitleLine("date", str(manifest.meta["date"])))
    return TitlePage(tuple(lines), ("title-page", "volume-title-page"))


def prepare_volume(project: Project, volume_id: str,
                   report: Callable[[int, int, str], object] | None = None) -> Edition:
    """The whole book; `report(done, total, work)` hears of each work as it is prepared."""
    manifest = load_manifest(project, volume_id)
    profile = load_profile(project, manifest.profile)
    mode = profile.volume_bibliography
    lang = manifest.lang
    epoch = build_epoch(project, [manifest.path,
                                  *(project.source_dir / w for w in manifest.works)])
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    parts = []
    for index, work in enumerate(manifest.works, 1):
        if report:
            report(index, len(manifest.works), work)
        parts.append(load_or_make_parts(project, work))  # re-parsed only if it changed

    back = ([(bibliography_heading(profile), "bibliography")] if mode == "merged" else []) \
        + [("Colophon", "colophon")]
    title_page = _title_page(manifest)
    blocks: list[Node] = [title_page.div(), _contents(parts, back)]
    cited: list[str] = []  # the bibliographies' keys, a work's after another's (per-work)
    sources: dict[str, str] = {}  # each work's print edition as its bibliography printed it
    for part in parts:
        work_id = part.source.work_id
        body = copy_doc(part.after_title_page())
        demote(body)
        body = _opening(part) + body
        if mode == "per-work":
            body += bibliography_blocks(level=2, title=bibliography_heading(profile))
            doc: Document = {"pandoc-api-version": part.api_version,
                             "meta": dict(part.pandoc_meta), "blocks": body}
            resolved, keys, printed = resolve_citations(project, profile, doc,
                                               [k for k in [part.source.source_key] if k],
                                               lang)
            body = resolved["blocks"]
            cited += keys
            sources.update(printed)
        prefix_ids(body, work_id)
        blocks += body
    if mode == "merged":
        blocks += bibliography_blocks(title=bibliography_heading(profile))
    counts = {k: sum(p.counts[k] for p in parts) for k in parts[0].counts}
    # each work as catalogues and the colophon name it, its own terms with it
    contents = [{"id": p.source.work_id, "title": str(p.source.meta["title"]),
                 "author": str(p.source.meta["author"]), "date": str(p.source.meta["date"]),
                 "rights": " ".join(str(p.source.meta["rights"]).split())} for p in parts]
    meta = {"title": manifest.title, "author": manifest.editor, "editor": manifest.editor,
            "lang": lang, "date": str(manifest.meta.get("date", date)),
            "rights": str(manifest.meta.get("rights", "Each text: see its colophon entry.")),
            "version": str(manifest.meta.get("version", "0.1.0")), "contents": contents}
    if manifest.meta.get("subtitle"):
        meta["subtitle"] = str(manifest.meta["subtitle"])
    blocks += colophon(meta, profile, counts, date)
    blocks[-1]["c"][1].append(Para(text(
        "Works: " + "; ".join(f"{p.source.meta['title']} ({p.source.meta['author']}), "
                              f"{sum(p.counts.values())} emendations" for p in parts) + ".")))
    blocks[-1]["c"][1].append(Para(text(
        "Rights of the works: " + "; ".join(f"{w['title']}: {w['rights']}"
                                            for w in contents))))
    pandoc_meta: dict[str, Node] = {
        "title": {"t": "MetaInlines", "c": text(manifest.title)},
        "author": {"t": "MetaList", "c": [{"t": "MetaInlines", "c": text(manifest.editor)}]},
        "lang": {"t": "MetaString", "c": lang}}
    doc = {"pandoc-api-version": parts[0].api_version, "meta": pandoc_meta, "blocks": blocks}
    if mode == "merged":
        doc, cited, sources = resolve_citations(project, profile, doc,
                                                [p.source.source_key for p in parts
                                                 if p.source.source_key], lang)
    entries = tuple(e for p in parts for e in p.entries)
    return Edition(work_id=volume_id, front_matter=meta, profile=profile, doc=doc,
                   entries=entries, works=manifest.works,
                   counts=counts, build_date=date, epoch=epoch,
                   references=references(project, cited), title_page=title_page,
                   work_facts=tuple(WorkFacts(p.source.work_id, str(p.source.meta["title"]),
                                              print_edition(p.source.source_key, sources))
                                    for p in parts))

