"""Every module of the runtime package imports on a Python without fcntl, as Windows' own has
none (the tooling, scripts/editio_tools, needs extra packages and runs on no user's machine)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import editio
from conftest import ROOT

# Run apart: the modules must import from nothing, as a fresh Windows process would.
CODE = """
import importlib, sys
sys.modules["fcntl"] = None  # `import fcntl` now raises ImportError, as on Windows
failed = []
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except ImportError as exc:
        failed.append(f"{name}: {exc}")
print("\\n".join(failed))
"""


def modules() -> list[str]:
    return ["editio", *(m.name for m in pkgutil.walk_packages(editio.__path__, "editio."))]


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_every_module_imports_without_fcntl():
    names = modules()
    assert "editio.edition.cache" in names and len(names) > 50
    done = subprocess.run([sys.executable, "-c", CODE, *names], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", done.stdout
