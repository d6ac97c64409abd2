"""`editio preview WORK`: the edition as HTML on 127.0.0.1, rebuilt on save, reloaded.

The page is the same Edition every format is made from (prepared in this process, so
pandoc and the bibliography are warm for the next save; the first page takes the Edition
the last build cached, if the sources are unchanged since), written to HTML by pandoc and
put in styles/preview/page.html.j2. watchfiles reports saved files; the server tells the
open pages over Server-Sent Events (/events) that a new build or error is ready, and
their script reloads them. A build error is shown in the page with its file and line;
the next good save brings the edition back. Nothing in dist/ is written.

/correct is the correction desk (desk/session.py): the finder's flags of the reading text,
each acted on from the keyboard, every action written into source/ by the desk's writer.
A server that writes files obeys its own page only: every request must name this server as
its Host (a page elsewhere cannot reach it through a name it controls, DNS rebinding), and
every request of the desk's must carry the token its page was served with and no other
Origin (a page elsewhere cannot read the token, so it cannot forge an action).
"""

from __future__ import annotations

import contextlib
import copy
import http.server
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import markupsafe

from editio.base import pandoc
from editio.base.errors import EditioError
from editio.base.pandoc_ast import Document, copy_doc, iter_nodes
from editio.base.project import Project
from editio.base.spans import emendation_number
from editio.edition import cache
from editio.edition.work import Edition, prepare

if TYPE_CHECKING:
    from editio.desk.session import Desk, DeskState

TEMPLATE_DIR = "preview"
TEMPLATE = "page.html.j2"
DESK_TEMPLATE = "desk.html.j2"
TOKEN_HEADER = "X-Editio-Token"
MAX_REQUEST = 1_000_000  # bytes of an action's JSON, at most
EXCERPT_LINES = 3  # lines shown either side of an error's line
KEEPALIVE_S = 15.0
DESK_QUIET_S = 0.4  # the edition is rebuilt once the desk has had no action for this long


@dataclass(frozen=True)
class BuildError:
    """What the page shows instead of the edition."""

    label: str
    message: str
    path: str | None
    line: int | None
    hint: str | None
    excerpt: tuple[tuple[int, str], ...]


def _mark_witness_readings(doc: Document, edition: Edition) -> None:
    """Give each emendation's span the witness's reading, for its tooltip and deletions."""
    sic = {e.emendation.number: e.emendation.witness_reading for e in edition.entries}
    for node in iter_nodes(doc["blocks"]):
        number = emendation_number(node)  # the span's own, never read from its id
        if number in sic:
            reading = sic[number]
            node["c"][0][2] = [*node["c"][0][2], ["data-sic", reading],
                               ["title", f"W: {reading}" if reading else "W: om."]]


def preview_doc(edition: Edition) -> Document:
    """The edition's document as the page shows it (its emendations marked)."""
    doc = copy_doc(edition.doc)
    _mark_witness_readings(doc, edition)
    return doc


def _holds_note(block: dict) -> bool:
    return any(node.get("t") == "Note" for node in iter_nodes([block]))


class BlockHtml:
    """The HTML of each top-level block as pandoc last wrote it, for the next save.

    A save changes a paragraph or two of a hundred blocks, and most of pandoc's time goes to
    reading the whole document's JSON: only blocks not written before are sent. A block
    holding a note is sent every time, all of them in order, so the notes keep the numbers
    pandoc gives them over the whole page, and their list, which pandoc writes after the
    last block, stays the page's end. Each block sent is preceded by a marked comment, by
    which pandoc's HTML is cut back into blocks.
    """

    def __init__(self) -> None:
        self.kept: dict[str, str] = {}  # a block's JSON -> its HTML

    def html(self, doc: Document) -> str:
        blocks = doc["blocks"]
        keys = [json.dumps(block) for block in blocks]
        send = [i for i, (block, key) in enumerate(zip(blocks, keys, strict=True))
                if key not in self.kept or _holds_note(block)]
        sent = [part for i in send for part in (_cut(i), blocks[i])] + [_cut(len(blocks))]
        written = pandoc.write({**doc, "blocks": sent}, "html5", None, ["--wrap=none"])
        pieces = dict(_pieces(written))
        fresh = {keys[i]: pieces[i] for i in send}
        self.kept = {key: fresh[key] if key in fresh else self.kept[key] for key in keys}
        return "".join(self.kept[key] for key in keys) + pieces[len(blocks)]


CUT = "editio-preview-block"


def _cut(number: int) -> dict:
    return {"t": "RawBlock", "c": ["html", f"<!--{CUT} {number}-->"]}


def _pieces(written: str) -> Iterator[tuple[int, str]]:
    parts = re.split(rf"<!--{CUT} (\d+)-->\n?", written)
    for number, html in zip(parts[1::2], parts[2::2], strict=True):
        yield int(number), html


def edition_html(edition: Edition) -> str:
    """The page's body in one pandoc run (what BlockHtml's pieces add up to)."""
    return pandoc.write(preview_doc(edition), "html5", None, ["--wrap=none"])


def _excerpt(root: Path, exc: EditioError) -> tuple[tuple[int, str], ...]:
    if exc.path is None or not exc.line:
        return ()
    path = Path(exc.path)
    path = path if path.is_absolute() else root / path
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ()
    first = max(1, exc.line - EXCERPT_LINES)
    last = min(len(lines), exc.line + EXCERPT_LINES)
    return tuple((n, lines[n - 1]) for n in range(first, last + 1))


def build_error(project: Project, exc: EditioError) -> BuildError:
    path = None
    if exc.path is not None:
        where = Path(exc.path)
        path = str(where.relative_to(project.root)) if where.is_relative_to(project.root) \
            else str(where)
    return BuildError(label=exc.label, message=exc.message, path=path, line=exc.line,
                      hint=exc.hint, excerpt=_excerpt(project.root, exc))


class Preview:
    """The current page of one work, and the waiting room for pages that want the next."""

    def __init__(self, project: Project, work_id: str):
        self.project = project
        self.work_id = work_id
        self.version = 0
        self.page = ""
        self.seconds = 0.0
        self.ok = False
        self.changed = threading.Condition()
        self.blocks = BlockHtml()
        self.from_cache = False  # whether the last page came from the build's cache
        self.failure = ""  # the last build's error, as the terminal shows it
        self.token = secrets.token_urlsafe(24)  # the desk's page carries it; nothing else can
        self._desk: Desk | None = None
        self._desk_lock = threading.Lock()
        folders = [styles / TEMPLATE_DIR for styles in project.style_dirs]
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders), autoescape=True,
                                      undefined=jinja2.StrictUndefined)
        self.env.globals["asset"] = lambda name: markupsafe.Markup(
            project.style(f"{TEMPLATE_DIR}/{name}").read_text(encoding="utf-8"))

    def rebuild(self, *, from_cache: bool = False) -> None:
        """Prepare the edition again and publish its page (or the error) as a new version.

        from_cache: take the Edition the last build left in dist/.cache if the sources are
        unchanged since (the first page comes quicker than a whole preparation)."""
        start = time.monotonic()
        error, body, title, lang = None, "", self.work_id, "en"
        try:
            edition = cache.cached(self.project, self.work_id) if from_cache else None
            self.from_cache = edition is not None
            edition = edition or prepare(self.project, self.work_id)
            body, title = self.blocks.html(preview_doc(edition)), edition.title
            lang = str(edition.front_matter["lang"])
        except EditioError as exc:
            error = build_error(self.project, exc)
            self.failure = self._relative(exc)
        seconds = time.monotonic() - start
        try:
            page = self.env.get_template(TEMPLATE).render(
                version=self.version + 1, work_id=self.work_id, title=title, lang=lang,
                body=markupsafe.Markup(body), error=error, seconds=seconds)
        except (jinja2.TemplateError, OSError) as exc:  # the template itself is being edited
            page = f"<!DOCTYPE html><title>preview template</title><pre>styles/{TEMPLATE_DIR}" \
                   f"/{TEMPLATE}: {markupsafe.escape(str(exc))}</pre>" \
                   "<script>new EventSource('/events').onmessage=()=>location.reload()</script>"
        with self.changed:
            self.version += 1
            self.page, self.seconds, self.ok = page, seconds, error is None
            self.changed.notify_all()

    def _relative(self, exc: EditioError) -> str:
        """The error as the terminal shows it: its file named from the project's folder."""
        shown = copy.copy(exc)
        if shown.path is not None and Path(shown.path).is_relative_to(self.project.root):
            shown.path = Path(shown.path).relative_to(self.project.root)
        return str(shown)

    @property
    def desk(self) -> Desk:
        """The correction desk, made when it is first opened (it loads the finder)."""
        from editio.desk.session import Desk

        with self._desk_lock:
            if self._desk is None:
                self._desk = Desk(self.project, self.work_id)
            return self._desk

    def desk_idle(self) -> None:
        """Wait until the desk (if open) has answered the action it is doing and had none
        for DESK_QUIET_S: the editor waits for each answer, and a rebuild beside it would
        take half the CPU; while the editor accepts flag after flag, the edition waits."""
        desk = self._desk
        while desk is not None:
            with desk.lock:
                left = desk.acted + DESK_QUIET_S - time.monotonic()
            if left <= 0:
                return
            time.sleep(left)

    def desk_page(self) -> str:
        return self.env.get_template(DESK_TEMPLATE).render(work_id=self.work_id,
                                                           token=self.token)

    def status(self) -> dict:
        with self.changed:
            return {"version": self.version, "ok": self.ok, "seconds": round(self.seconds, 3)}

    def wait_for_change(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version


def _warm_up(project: Project, work_id: str) -> None:
    with contextlib.suppress(EditioError):  # the page shows it at the next save
        prepare(project, work_id)


def watched_paths(project: Project, work_id: str) -> list[Path]:
    """Everything a work's edition is made from: its folder, the .bib, the styles."""
    # a project without styles/ of its own watches none (editio's defaults do not change)
    return [project.work_dir(work_id), project.bib_dir,
            *([project.styles_dir] if project.styles_dir.is_dir() else [])]


class Handler(http.server.BaseHTTPRequestHandler):
    """The preview's and the desk's requests; bound to one Preview by _handler."""

    preview: Preview
    stopping: threading.Event
    server: http.server.HTTPServer  # serve()'s, on a TCP address (the base says any server)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass  # a request log would bury the build messages

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _host_ok(self) -> bool:
        """Only requests that name this server (not a name a stranger's page controls)."""
        port = self.server.server_address[1]
        ours = {f"127.0.0.1:{port}", f"localhost:{port}"}
        origin = self.headers.get("Origin")
        if self.headers.get("Host") not in ours or (
                origin is not None and origin not in {f"http://{h}" for h in ours}):
            self.send_error(403, "not this server's page")
            return False
        return True

    def _desk_ok(self) -> bool:
        if not secrets.compare_digest(self.headers.get(TOKEN_HEADER, ""), self.preview.token):
            self.send_error(403, "the desk's page only")
            return False
        return True

    def _json(self, data: Mapping[str, object], status: int = 200) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if not self._host_ok():
            return
        path = self.path.split("?", 1)[0]
        if path == "/":
            with self.preview.changed:
                page = self.preview.page
            self._send(page.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/status":
            self._send(json.dumps(self.preview.status()).encode(), "application/json")
        elif path == "/events":
            self._events()
        elif path == "/correct":
            try:
                page = self.preview.desk_page()
            except (jinja2.TemplateError, OSError) as exc:
                self.send_error(500, f"styles/{TEMPLATE_DIR}/{DESK_TEMPLATE}: {exc}")
                return
            self._send(page.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/desk/state":
            if self._desk_ok():
                self._desk_call(lambda: self.preview.desk.state())
        elif path.startswith("/desk/page/"):
            # an <img> sends no header: its address carries the token
            query = self.path.partition("?")[2]
            if secrets.compare_digest(query, f"t={self.preview.token}"):
                self._page_image(path.removeprefix("/desk/page/"))
            else:
                self.send_error(403, "the desk's page only")
        else:
            self.send_error(404)

    def do_POST(self) -> None:  # noqa: N802 - the base class's name
        if not self._host_ok() or not self._desk_ok():
            return
        if self.path != "/desk/act" or not self.headers.get(
                "Content-Type", "").startswith("application/json"):
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST:
            self.send_error(413)
            return
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            self.send_error(400, "not JSON")
            return
        if not isinstance(request, dict):
            self.send_error(400, "not an action")
            return
        self._desk_call(lambda: self.preview.desk.act(request))

    def _desk_call(self, call: Callable[[], DeskState]) -> None:
        from editio.base.errors import CorrectionError

        started, cpu = time.monotonic(), _cpu()
        try:
            state = call()
        except CorrectionError as exc:
            desk = self.preview.desk
            refused: dict[str, object] = {"error": str(exc.message), "hint": exc.hint or "",
                                          "conflict": "changed on disk" in exc.message}
            with contextlib.suppress(EditioError):
                refused["state"] = desk.state()
            self._json(refused, 409)
            return
        except EditioError as exc:
            self._json({"error": str(exc), "hint": exc.hint or ""}, 422)
            return
        self._json({**state, "seconds": round(time.monotonic() - started, 3),
                    # with pandoc's, on a busy machine
                    "cpu_seconds": round(_cpu() - cpu, 3)})

    def _page_image(self, number: str) -> None:
        from editio.desk.pages import IMAGE_TYPES

        image = self.preview.desk.page_image(number) if re.fullmatch(r"[\w.-]+", number) \
            else None
        if image is None:
            self.send_error(404)
            return
        self._send(image.read_bytes(), IMAGE_TYPES[image.suffix.lower()])

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1  # a new listener hears the current version at once
        try:
            while not self.stopping.is_set():
                version = self.preview.wait_for_change(seen, KEEPALIVE_S)
                message = f"data: {version}\n\n" if version != seen else ": alive\n\n"
                seen = version
                self.wfile.write(message.encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


def _cpu() -> float:
    """CPU seconds of this process and its finished children (pandoc) so far."""
    import os

    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _handler(preview: Preview, stopping: threading.Event) -> type[Handler]:
    return type("BoundHandler", (Handler,), {"preview": preview, "stopping": stopping})


def serve(project: Project, work_id: str, port: int,
          announce: Callable[[str | None, Preview], None]) -> None:
    """Build, serve on 127.0.0.1:`port` (0: any free port) and rebuild on every save.

    `announce(url, preview)` is called once the first page is ready. Returns on Ctrl-C.
    """
    import watchfiles

    paths = watched_paths(project, work_id)
    preview = Preview(project, work_id)
    preview.rebuild(from_cache=True)
    if preview.from_cache:
        # a first page from the cache parsed nothing: parse now, while the editor reads, so
        # the first save finds the witness and the note parsed already (pandoc.py keeps them)
        threading.Thread(target=_warm_up, args=(project, work_id), name="preview-warm-up",
                         daemon=True).start()
    stopping = threading.Event()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(preview, stopping))
    server.daemon_threads = True
    serving = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    serving.start()
    announce(f"http://127.0.0.1:{server.server_address[1]}/", preview)
    try:
        # step: how long a burst of saves is gathered before one rebuild (milliseconds)
        for _changes in watchfiles.watch(*paths, step=30, stop_event=stopping,
                                         raise_interrupt=True):
            preview.desk_idle()
            preview.rebuild()
            announce(None, preview)
    finally:
        stopping.set()
        with preview.changed:
            preview.changed.notify_all()
        server.shutdown()
        server.server_close()
