"""The `editio` command. The one place where errors become messages and exit codes."""

from __future__ import annotations

import argparse
import functools
import gc
import os
import sys
import textwrap
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from editio import __version__
from editio.base import errors
from editio.base.errors import INTERNAL_ERROR_EXIT, EditioError
from editio.base.project import Project, check_editio_version, find_root

if TYPE_CHECKING:  # imported where used, for a quick start
    from editio.commands.preview import Preview
    from editio.commands.scheduler import Say
    from editio.edition.work import Edition

FORMATS = ("pdf", "epub", "docx", "tei", "jats")
VOLUME_FORMATS = ("pdf", "epub", "docx", "tei")  # JATS is for articles, not books

EPILOG = """\
examples:
  editio init my-reader --title "A Reader"   a new edition project in my-reader/
  editio build                          build every work in source/ to dist/
  editio build deutscher-1957 --to pdf  build one work, one format
  editio check deutscher-1957           collation, OCR suspects, EPUBCheck, DAISY Ace
  editio collate deutscher-1957         only the collation of witness and reading text
  editio collation deutscher-1957       dist/deutscher-1957-collation.html, for readers
  editio build --to tei,jats            dist/<work>.tei.xml and .jats.xml, validated
  editio volume reader --to pdf         a course reader from source/volumes/reader.yaml
  editio preview deutscher-1957         http://127.0.0.1:8018/, rebuilt on every save
  editio new my-text --witness scan.txt --title "A Title"
  editio suspects source/deutscher-1957/witness.md --format tsv

exit codes: 0 ok; 1 suspects found; 3 project, 4 source, 5 witness, 6 bibliography,
7 citation, 8 markup, 9 collation, 10 sandbox, 11 tool, 12 check, 13 invalid XML output;
14 correction refused;
70 internal error;
130 interrupted.
"""


def _works(project: Project, names: list[str]) -> list[str]:
    if names:
        for name in names:
            project.work_dir(name)  # raises with a suggestion when unknown
        return names
    works = project.work_ids()
    if not works:
        from editio.base.errors import ProjectError

        raise ProjectError("no works: source/ has no */text.md")
    for name in works:
        project.work_dir(name)  # a folder made by hand may break the rule for ids
    return works


def _say(args: argparse.Namespace) -> Say:
    from editio.commands.scheduler import Say

    return Say(quiet=args.quiet, verbose=args.verbose)


def _formats(args: argparse.Namespace, known: tuple[str, ...] = FORMATS) -> list[str]:
    formats = args.to.split(",") if args.to else list(known)
    unknown = [f for f in formats if f not in known]
    if unknown:
        from editio.base.errors import ProjectError

        raise ProjectError(f"unknown format {', '.join(unknown)}",
                           hint=f"formats: {', '.join(known)}")
    return formats


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    from editio.commands import depfile
    from editio.commands.scheduler import build
    from editio.edition.cache import load_or_prepare
    from editio.intake.source import load_work

    works = _works(project, args.works)
    build(project, works, functools.partial(load_or_prepare, project), _formats(args),
          lambda: str(load_work(project, works[0]).meta["lang"]), _say(args),
          functools.partial(depfile.record_work, project))
    return 0


def cmd_volume(project: Project, args: argparse.Namespace) -> int:
    from editio.base.errors import ProjectError
    from editio.commands import depfile
    from editio.commands.scheduler import build
    from editio.edition.cache import load_or_prepare
    from editio.edition.volume import load_manifest, prepare_volume, volume_ids

    formats = _formats(args, VOLUME_FORMATS)
    names = args.volumes or volume_ids(project)
    if not names:
        raise ProjectError("no volumes: source/volumes/ has no *.yaml manifest")
    def progress(name: str) -> Callable[[int, int, str], None] | None:
        # long builds say how far they are; only on a terminal, so logs stay short
        if args.quiet or not sys.stderr.isatty():
            return None
        return lambda done, total, work: print(
            f"\r{name}: preparing {done}/{total} {work}\033[K", end="", file=sys.stderr)

    def prepare_one(name: str) -> Edition:
        manifest = load_manifest(project, name)
        inputs = [manifest.path, *(project.source_dir / w for w in manifest.works)]
        edition = load_or_prepare(project, name, functools.partial(
            prepare_volume, report=progress(name)), inputs)
        if progress(name):
            print("\r\033[K", end="", file=sys.stderr)
        return edition

    build(project, names, prepare_one, formats, lambda: load_manifest(project, names[0]).lang,
          _say(args), functools.partial(depfile.record_volume, project))
    return 0


def cmd_preview(project: Project, args: argparse.Namespace) -> int:
    from editio.commands.preview import serve

    project.work_dir(args.work)  # an unknown work is refused before anything starts

    def announce(url: str | None, preview: Preview) -> None:
        state = preview.status()
        if not state["ok"]:  # the error itself, as a build prints it; the page shows it too
            print(f"editio: {preview.failure}\n{args.work}: build failed; the page shows the "
                  "error with the lines around it", file=sys.stderr, flush=True)
        elif not url and not args.quiet:
            print(f"{args.work}: rebuilt in {state['seconds']:.2f} s", file=sys.stderr,
                  flush=True)
        if url:  # last: what waits for this line finds the first page's news said
            print(f"{args.work}: preview at {url} (the correction desk: {url}correct; Ctrl-C "
                  "stops it)", flush=True)

    try:
        serve(project, args.work, args.port, announce)
    except KeyboardInterrupt:
        pass  # how a preview is meant to end
    except OSError as exc:
        from editio.base.errors import ProjectError

        raise ProjectError(f"cannot serve the preview on port {args.port}: {exc.strerror}",
                           hint="choose another with --port (0: any free port)") from None
    return 0


def cmd_deps(project: Project, args: argparse.Namespace) -> int:
    from editio.commands import depfile
    from editio.edition import bibliography

    bibliography.load(project.bib_dir)  # a broken .bib is reported by file and line
    changed = depfile.refresh(project)
    if changed and not args.quiet:
        print(f"bibliography: the entries cited by {', '.join(changed)} changed",
              file=sys.stderr)
    return 0


def cmd_new(project: Project, args: argparse.Namespace) -> int:
    from editio.intake.scaffold import new_work

    made = new_work(project, args.work, Path(args.witness), title=args.title,
                    author=args.author, date=args.date, source=args.source)
    text = made.text_path.relative_to(project.root)
    print(f"{args.work}: wrote {text} ({made.paragraphs} paragraphs) and the witness beside "
          "it; it builds now (make)" + (", as a draft: no source yet" if made.draft else ""))
    print(f"next: correct the text at the desk: editio preview {args.work}, then 'correct the "
          "text' (or by hand in " + str(text) + " with [reading]{.corr sic=\"witness "
          "reading\"} spans); set title, author, date and rights in its front matter"
          + ("; add the copy-text to bib/references.bib and its key as 'source:'"
             if made.draft else "") + "; optionally write note.md beside it; editio check "
          "--release says what is left before a release")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from editio.intake.project_init import init_project

    made = init_project(Path(args.folder), title=args.title)
    print(f"made the editio project {made.root}: "
          + ", ".join(p.relative_to(made.root).as_posix() for p in made.written))
    print(f"next: cd {made.root}; editio new my-text --witness scan.txt; make")
    return 0


def cmd_styles(project: Project, args: argparse.Namespace) -> int:
    from editio.base.errors import ProjectError
    from editio.base.project import DEFAULT_STYLES, default_style_files

    defaults = default_style_files()
    if args.copy:
        for rel in args.copy:
            rel = rel.removeprefix("styles/")
            if rel not in defaults:
                raise ProjectError(f"editio has no default style file {rel}",
                                   hint="'editio styles' lists them")
            target = project.styles_dir / rel
            if target.exists():
                raise ProjectError("exists already: delete it to copy the default again",
                                   path=target)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(defaults[rel].read_bytes())
            print(f"copied editio's {rel} to {target.relative_to(project.root)}: edit it there")
        return 0
    print(f"editio's default styles: {DEFAULT_STYLES.resolve()}")
    for rel in defaults:
        own = (project.styles_dir / rel).is_file() and \
            project.styles_dir.resolve() != DEFAULT_STYLES.resolve()
        print(f"  {rel}" + ("   (replaced by this project's styles/" + rel + ")" if own else ""))
    return 0


def cmd_collate(project: Project, args: argparse.Namespace) -> int:
    from editio.commands.check import by_name, run_checks, targets

    run_checks(project, targets(project, _works(project, args.works), []),
               by_name(["collation"]))
    return 0


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    from editio.commands.check import CHECKS, by_name, run_checks, targets
    from editio.edition.volume import volume_ids

    works = _works(project, args.works)
    # with no names, every work and every volume; otherwise the works named
    volumes = [] if args.works else volume_ids(project)
    run_checks(project, targets(project, works, volumes),
               by_name(args.only.split(",")) if args.only else CHECKS, release=args.release)
    return 0


def cmd_collation(project: Project, args: argparse.Namespace) -> int:
    from editio.formats.collation_page import collation_path, write_collation_page

    for work in _works(project, args.works):
        target = write_collation_page(project, work, collation_path(project, work))
        if not args.quiet:
            print(f"{work}: wrote {target.relative_to(project.root)}", file=sys.stderr)
    return 0


def cmd_suspects(args: argparse.Namespace) -> int:
    from editio.desk import flags as desk_flags
    from editio.desk import forms as desk_forms
    from editio.intake.source import read_accepted_words, read_text, split_front_matter
    from editio.suspects.finder import Settings, find_suspects, settings_from_meta

    path = Path(args.file)
    if args.apply:
        return _apply(path, Path(args.apply), args)
    text = read_text(path)
    accepted: frozenset[str] = frozenset()
    accept = Path(args.accept) if args.accept else None
    meta: dict = {}
    body_line = 1
    if text.startswith("---\n"):
        meta, body_line = split_front_matter(text, path)
    work = isinstance(meta.get("witness"), dict)  # a work's text.md: its reading text is read
    if work and accept is None and (path.parent / "accepted-words.txt").is_file():
        accept = path.parent / "accepted-words.txt"  # as make check reads it
    if accept:
        accepted = read_accepted_words(accept)
    # a raw witness is full of errors: --sensitive asks every question; by default the
    # finder calibrates itself to the text's own error rate, as make check needs
    if work:
        if args.period:
            meta = {**meta, "suspects": {"period": args.period}}
        found = desk_flags.reading_suspects(text, body_line, meta, accepted, path,
                                            adapt=not args.sensitive)
    else:
        # a text.md declares its period in its front matter; --period says it for any file
        settings = Settings(args.period) if args.period else settings_from_meta(meta, path)
        found = desk_flags.plain_flags(find_suspects(text, accepted, adapt=not args.sensitive,
                                                     settings=settings), text)
    sys.stdout.write(desk_forms.format_markup(found, str(path)) if args.markup
                     else desk_forms.format_tsv(found) if args.format == "tsv"
                     else desk_forms.format_human(found, str(path)))
    return 1 if found else 0


def _apply(path: Path, table: Path, args: argparse.Namespace) -> int:
    """`editio suspects text.md --apply FILE.tsv`: each row written as an emendation."""
    from editio.base.errors import CorrectionError
    from editio.desk import forms as desk_forms
    from editio.desk.writer import write
    from editio.intake.source import load_work, read_text

    project = Project(Path(args.root).resolve() if args.root else find_root(path.parent))
    work = path.resolve().parent.name
    source = load_work(project, work)
    if source.text_path.resolve() != path.resolve():
        raise CorrectionError("--apply writes a work's text.md", path=path,
                              hint=f"source/{work}/text.md")
    corrections, kept = desk_forms.read_tsv(read_text(table), table)
    try:
        written = write(source, corrections)
    except CorrectionError as exc:
        if exc.path is None:
            exc.path = table
        raise
    shown = path if not path.is_absolute() else source.text_path
    for line, span in written.spans:
        print(f"{shown}:{line}: {span}")
    print(f"{shown}: wrote {len(written.spans)} emendation(s), cert=\"low\" until confirmed; "
          f"the text collates"
          + (f"; {len(kept)} row(s) left as they are (suggestion = token)" if kept else ""),
          file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="editio", description="Build scholarly editions from OCR witnesses: "
        "canonical Markdown to PDF, EPUB, DOCX, TEI and JATS with one apparatus and one "
        "bibliography.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"editio {__version__}")
    p.add_argument("--root", help="the project folder (default: found from here upwards)")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_: str, *examples: str) -> argparse.ArgumentParser:
        """A subcommand whose --help says what it does and shows how it is called."""
        shown = "\n".join(f"  {e}" for e in examples)
        about = textwrap.fill(help_[0].upper() + help_[1:] + ".", 79)
        return sub.add_parser(name, help=help_, description=about,
                              epilog=f"example{'s' if len(examples) > 1 else ''}:\n{shown}",
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    def quiet(parser_: argparse.ArgumentParser) -> None:
        parser_.add_argument("-q", "--quiet", action="store_true",
                             help="say nothing on success, only errors")

    def builder(parser_: argparse.ArgumentParser, what: str, items: str) -> None:
        parser_.add_argument(items, nargs="*", help=f"{what}; default: all")
        parser_.add_argument("--to", metavar="FORMATS",
                             help="comma-separated formats: pdf,epub,docx,tei,jats "
                             "(volumes: no jats; default: all)")
        quiet(parser_)
        parser_.add_argument("-v", "--verbose", action="store_true",
                             help="say how long each output took")

    builder(command("build", "build each work's PDF, EPUB, DOCX, TEI and JATS into dist/",
                    "editio build", "editio build deutscher-1957 --to pdf"),
            "work ids (folders of source/)", "works")

    c = command("check", "run every check (collation, OCR suspects, EPUBCheck, TEI, JATS) on "
                "every work "
                "and volume, listing all findings before failing",
                "editio check deutscher-1957", "editio check --only collation",
                "editio check --release")
    c.add_argument("works", nargs="*", help="work ids; default: every work and every volume")
    c.add_argument("--only", metavar="CHECKS", help="comma-separated checks to run "
                   "(default: all)")
    c.add_argument("--release", action="store_true", help="fail on what keeps a work a draft "
                   "(no source, rights not stated, readings cert=\"low\", pages not validated)"
                   "; without it they are listed")

    k = command("collate", "prove that every change to the witness is recorded: rebuild the "
                "witness from text.md and compare", "editio collate deutscher-1957")
    k.add_argument("works", nargs="*", help="work ids (folders of source/); default: all")

    builder(command("volume", "build volumes (course readers) from the manifests in "
                    "source/volumes/", "editio volume reader --to pdf"),
            "volume ids (manifests in source/volumes/)", "volumes")

    i = command("init", "make a new edition project: editio.yaml, a Makefile, source/, bib/, "
                "styles/ (for the project's own overrides of editio's styles), a README, "
                ".gitignore and .gitattributes",
                "editio init my-reader", 'editio init ~/editions/reader --title "A Reader"')
    i.add_argument("folder", help="the new project's folder (made if missing; must hold no "
                   "project yet)")
    i.add_argument("--title", help="the project's title (default: from the folder's name)")

    y = command("styles", "list editio's default styles and which this project replaces; "
                "--copy one into styles/ to change it there",
                "editio styles", "editio styles --copy pdf/page-a5.css")
    y.add_argument("--copy", nargs="+", metavar="FILE",
                   help="default style files (paths as listed) to copy into styles/")

    n = command("new", "start a new work from an OCR witness: source/ID/ with the witness "
                "byte for byte and a text.md that builds at once (as a draft until its "
                "source is recorded)",
                "editio new my-text --witness scan.txt",
                'editio new lloyds-1865 --witness scan.txt --title "Police Intelligence" '
                '--author Anonymous --date "3 May 1865" --source lloyds1865police')
    n.add_argument("work", help="the new work's id, its folder in source/: lower-case letters, "
                   "digits, '.', '_' and '-'")
    n.add_argument("--witness", required=True, metavar="FILE",
                   help="the OCR file (.md if the OCR wrote Markdown, else plain text), "
                   "copied byte for byte")
    n.add_argument("--title", default="Untitled", help="the work's title (default: Untitled)")
    n.add_argument("--author", default="Anonymous",
                   help="the work's author (default: Anonymous)")
    n.add_argument("--date", default="undated",
                   help="the date of the printing, as the title page shows it")
    n.add_argument("--source", metavar="KEY", help="the copy-text's citation key in "
                   "bib/references.bib (default: none yet, the work is a draft)")

    v = command("collation", "write dist/<work>-collation.html: every emendation in context, "
                "witness against edition", "editio collation deutscher-1957")
    v.add_argument("works", nargs="*", help="work ids (folders of source/); default: all")
    quiet(v)

    w = command("preview", "serve a work as HTML on 127.0.0.1, rebuilt and reloaded whenever "
                "a source, .bib or style file is saved", "editio preview deutscher-1957")
    w.add_argument("work", help="the work id (a folder of source/)")
    w.add_argument("--port", type=int, default=8018, help="default 8018; 0: any free port")
    w.add_argument("-q", "--quiet", action="store_true", help="do not report each rebuild")

    d = command("deps", "after a .bib change, refresh the per-work extracts of cited entries "
                "in dist/.deps (make runs this)", "editio deps -q")
    quiet(d)

    s = command("suspects", "list tokens likely to be OCR errors, ranked, with line, column, "
                "a suggested reading and the reason (exit 1 if any)",
                "editio suspects source/deutscher-1957/witness.md --format tsv",
                "editio suspects source/deutscher-1957/text.md",
                "editio suspects source/my-text/text.md --format tsv",
                "editio suspects source/my-text/text.md --apply fix.tsv")
    s.add_argument("file", help="a text file: a witness, or a work's text.md (its reading "
                   "text is read; lines and columns are text.md's)")
    s.add_argument("--format", choices=("human", "tsv"), default="human",
                   help="human (default) or tsv: one row per token, for tools")
    s.add_argument("--accept", metavar="FILE",
                   help="a file of accepted words, one per line, never flagged")
    s.add_argument("--sensitive", action="store_true",
                   help="ask more (for raw OCR): every question the default asks, and those "
                   "the model asks before it calibrates to the text's error rate")
    s.add_argument("--period", choices=("auto", "modern", "early-modern"),
                   help="the text's period (default: its front matter's suspects: {period: ...})")
    s.add_argument("--apply", metavar="FILE.tsv",
                   help="write each row of a --format tsv table (edited) into the work's "
                   "text.md as an emendation, its suggestion the reading (empty: delete the "
                   "token), cert=\"low\"; collated first, nothing written if a row is wrong")
    s.add_argument("--markup", action="store_true",
                   help='print each flag as the emendation span of its top suggestion, '
                   'cert="low", ready to paste into text.md')
    return p


# the commands the Makefile runs side by side (make -j), which share what they have said
MADE_BY_MAKE = ("build", "volume", "collation", "deps")

COMMANDS = {"styles": cmd_styles,
            "build": cmd_build, "check": cmd_check, "collate": cmd_collate,
            "collation": cmd_collation, "volume": cmd_volume,
            "new": cmd_new, "deps": cmd_deps, "preview": cmd_preview}
# the commands that work outside a project (init makes one; suspects reads any text)
WITHOUT_PROJECT = {"init": cmd_init, "suspects": cmd_suspects}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    errors.share_messages(None, None)  # until the project is known, say everything
    try:
        if not os.environ.get("SOURCE_DATE_EPOCH", "x").strip():
            # set but empty, as a shell or CI template leaves it: unset, for every tool too
            del os.environ["SOURCE_DATE_EPOCH"]
        if args.command in WITHOUT_PROJECT:
            return WITHOUT_PROJECT[args.command](args)
        project = Project(Path(args.root).resolve() if args.root else find_root())
        if args.command in MADE_BY_MAKE:
            errors.share_messages(project.cache_dir / "said.json", os.environ.get("EDITIO_RUN"))
        check_editio_version(project.root)  # editio.yaml may ask for another editio
        return COMMANDS[args.command](project, args)
    except EditioError as exc:
        errors.say(f"editio: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        print("editio: interrupted; dist/ is as it was", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_gone()
    except Exception as exc:  # noqa: BLE001 - the one place internal errors are caught
        if args.debug:
            traceback.print_exc()
        else:
            print(f"editio: internal error: {type(exc).__name__}: {exc}\n"
                  "  (run with --debug for the traceback, and please report it)",
                  file=sys.stderr)
        return INTERNAL_ERROR_EXIT


def _reader_gone() -> int:
    """The reader of our output (head, less) stopped reading: end quietly, as Unix tools do,
    and keep Python from reporting the closed pipe again when it flushes stdout at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, what a shell reports for such a command


def run() -> None:
    """The console script."""
    code = main()
    try:
        sys.stdout.flush()  # what is still buffered for a pipe goes now, inside our care
    except BrokenPipeError:
        code = _reader_gone()
    # Exiting, Python would collect the whole heap once more (a tenth of a second after a
    # build); frozen objects are left to the operating system, which frees them at once.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
