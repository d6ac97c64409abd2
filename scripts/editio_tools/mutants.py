"""`make mutants`: mutation testing of the proof's core and the writers' finishing modules.

mutmut (pinned in requirements-tools.txt) changes one line of a module at a time and runs the
tests that reach the changed function; a mutant that no test fails on "survives" and shows a
line whose breaking no test would see. Each module is tried alone, against its own test files
in the fast tier (the slow whole-book tests would cost minutes a mutant), one process at a
time: the machine is shared.

mutmut 3 names a module by its path under ./ or src/, and copies the tests beside it; editio's
package lives in scripts/. So each module runs in a folder of its own, .mutants/<module>/,
where src/ is the package and the tests, source/, bib/ and styles/ are copies (the tests
find the project by their own path). mutmut remembers its results there: a second run retries
only the functions that changed.

    python -m editio_tools.mutants                 every module, one after the other
    python -m editio_tools.mutants proof/collate   one module (or several)
    python -m editio_tools.mutants --survivors proof/collate   list what survived
    python -m editio_tools.mutants --counts        the table so far, without running

    python -m editio_tools.mutants --sample 200 proof/collate   200 of its mutants (seeded)
    python -m editio_tools.mutants --again proof/collate   its survivors again, after new tests

A run can be stopped (Ctrl-C) and started again: mutmut goes on where it stopped ("not run"
counts what is left). Only unit tests run (EDITIO_UNIT_TESTS_ONLY: tests/conftest.py
leaves out those that copy the project or build a book): a mutant costs a fork and a few
small texts through pandoc, not a build. A module too big for the time at hand is
sampled: --sample N tries N of its mutants drawn with a fixed seed (--seed), and the table
counts those alone.

The last lines printed are the table: killed / survived per module (docs/mutants.md keeps
the numbers and the survivors judged equivalent, with why).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / ".mutants"

# module (under scripts/editio, without .py) -> the test files that own it. Unit tests only
# (EDITIO_UNIT_TESTS_ONLY): the golden book's builds cost seconds a mutant and kill nothing a unit
# test cannot.
GOLDEN = "tests/test_golden.py"  # each AST pass over a small text
MODULES: dict[str, list[str]] = {
    "proof/collate": ["tests/proof/test_collate.py", GOLDEN],
    "intake/markup": ["tests/intake/test_markup.py", GOLDEN],
    "intake/source": ["tests/intake/test_source.py"],
    "edition/paragraphs": ["tests/edition/test_paragraphs.py", GOLDEN],
    "edition/apparatus": ["tests/edition/test_apparatus.py", GOLDEN],
    "commands/depfile": ["tests/commands/test_depfile.py"],
    "formats/epub/package": ["tests/formats/test_epub_package.py"],
    "formats/docx/package": ["tests/formats/test_docx_package.py"],
    "suspects/numbers": ["tests/suspects/test_suspects_numbers.py"],
    "suspects/fuzzy": ["tests/suspects/test_suspects_fuzzy.py"],
    "suspects/ranking": ["tests/suspects/test_suspects_ranking.py",
                         "tests/suspects/test_suspects_suggestions.py"],
}

# what the tests read beside themselves (ROOT in tests/conftest.py is the folder above tests/)
PROJECT_FILES = ["source", "bib", "styles", "Makefile", "requirements.txt"]


def _config(module: str) -> str:
    """The project's pyproject.toml (pytest's markers and options) with mutmut's section."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    tests = [t for t in MODULES[module] if (ROOT / t).is_file()]
    section = {
        "source_paths": ["src/editio"],
        "only_mutate": [f"src/editio/{module}.py"],
        "also_copy": PROJECT_FILES,
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-m", "not slow", "-q"],
        "pytest_add_cli_args_test_selection": tests,
        # each mutant's tests run in a process forked from one that has imported them but
        # run nothing: a cache filled by an unmutated run (functools.cache in a test
        # module, the package's own) would otherwise hide the mutant
        "process_isolation": "forkserver",
        # a mutant that loops for ever (collate's _opcodes never advancing) is stopped at six
        # times its tests' measured time and a second, not mutmut's fifteen: each cost a minute
        # and a half; a timeout counts as killed either way
        "timeout_multiplier": 6.0,
    }
    lines = ["", "[tool.mutmut]"] + [f"{k} = {json.dumps(v)}" for k, v in section.items()]
    return text + "\n".join(lines) + "\n"


def _stage(module: str) -> Path:
    here = WORK / module.replace("/", "-")
    here.mkdir(parents=True, exist_ok=True)
    src = here / "src"
    if not src.exists():
        src.symlink_to(ROOT / "scripts", target_is_directory=True)
    tests = here / "tests"
    if not tests.exists():
        tests.symlink_to(ROOT / "tests", target_is_directory=True)
    for name in PROJECT_FILES:
        link = here / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    config = _config(module)
    pyproject = here / "pyproject.toml"
    if not pyproject.is_file() or pyproject.read_text(encoding="utf-8") != config:
        pyproject.write_text(config, encoding="utf-8")
    return here


def _mutmut(here: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run([str(Path(sys.executable).with_name("mutmut")), *args], cwd=here,
                          env=env, text=True, capture_output=True)


# mutmut's exit codes (mutmut.stats.status_by_exit_code): 0 survived, 33 and 5 no test
# reaches the mutant, None not yet run; any other code is a kill (a failure, a timeout, a
# crash)
SURVIVED, NO_TESTS = {0}, {5, 33}


def _results(here: Path) -> dict[str, int | None]:
    """Every mutant of the module and its exit code (None: not run)."""
    found: dict[str, int | None] = {}
    for meta in (here / "mutants").rglob("*.meta"):
        found.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return found


def _sample_file(here: Path) -> Path:
    return here / "sample.json"


def _counts(here: Path) -> dict[str, int]:
    """killed, survived, no_tests, not_run over the mutants tried (a sample, if one was
    drawn), and total: the module's mutants."""
    results = _results(here)
    names = set(results)
    sample = _sample_file(here)
    if sample.is_file():
        names &= set(json.loads(sample.read_text(encoding="utf-8")))
    codes = [results[n] for n in names]
    return {"killed": sum(c is not None and c not in SURVIVED | NO_TESTS for c in codes),
            "survived": sum(c in SURVIVED for c in codes),
            "no_tests": sum(c in NO_TESTS for c in codes),
            "not_run": sum(c is None for c in codes),
            "total": len(results)}


def survivors(module: str) -> list[str]:
    done = _mutmut(WORK / module.replace("/", "-"), "results")
    return [line.strip() for line in done.stdout.splitlines() if line.strip().endswith(
        ": survived")]


def _run_mutmut(here: Path, names: list[str], check: bool = True) -> None:
    done = subprocess.run([str(Path(sys.executable).with_name("mutmut")), "run",
                           "--max-children", "1", *names], cwd=here, text=True,
                          env={**{k: v for k, v in os.environ.items()
                                  if k != "PYTHONDONTWRITEBYTECODE"},
                               "EDITIO_UNIT_TESTS_ONLY": "1"},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if done.returncode != 0 and check:
        print(done.stdout[-4000:])
        raise SystemExit(f"mutmut failed in {here}")


def run(module: str, sample: int | None = None, seed: int = 1,
        again: bool = False) -> dict[str, int]:
    here = _stage(module)
    print(f"== {module} ({', '.join(MODULES[module])})", flush=True)
    before = _results(here) if (here / "mutants").is_dir() else {}
    names: list[str] = []
    if again:  # the survivors tried again, against the tests as they are now
        sampled = set(json.loads(_sample_file(here).read_text(encoding="utf-8"))) \
            if _sample_file(here).is_file() else set(before)
        names = [n for n in sorted(sampled) if before[n] in SURVIVED | NO_TESTS]
        if not names:
            return _counts(here)
        before = {**before, **dict.fromkeys(names)}
    elif sample is not None:
        if not before:  # mutmut makes the mutants (and times the tests) at its first run;
            # asked for a mutant it has not, it then stops
            _run_mutmut(here, ["no-such-mutant"], check=False)
            before = _results(here)
            if not before:
                raise SystemExit(f"mutmut made no mutants in {here}")
        chosen = sorted(random.Random(seed).sample(sorted(before), min(sample, len(before))))
        _sample_file(here).write_text(json.dumps(chosen, indent=0), encoding="utf-8")
        names = [n for n in chosen if before[n] is None]
        if not names:
            return _counts(here)
    else:
        _sample_file(here).unlink(missing_ok=True)
    start = time.monotonic()
    _run_mutmut(here, names)
    minutes = (time.monotonic() - start) / 60
    after = _results(here)
    tried = sum(1 for n, c in after.items() if c is not None and before.get(n) is None)
    print(f"   {tried} mutants in {minutes:.1f} min"
          + (f": {tried / minutes:.1f} a minute" if tried and minutes else ""), flush=True)
    return _counts(here)


def _row(module: str, c: dict[str, int]) -> tuple[str, int, int, int, int, float]:
    """killed (timeouts too), survived, no tests, not yet run (an interrupted run: mutmut
    goes on where it stopped), and the share killed of those run; a mutant no test
    reaches counts as surviving: nothing would see it."""
    tried = c["killed"] + c["survived"] + c["no_tests"]
    share = 100 * c["killed"] / tried if tried else 100.0
    return module, c["killed"], c["survived"], c["no_tests"], c["not_run"], share


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", choices=[[], *MODULES], metavar="MODULE",
                        help=f"any of: {', '.join(MODULES)} (default: all)")
    parser.add_argument("--survivors", action="store_true",
                        help="list the surviving mutants of the modules already run")
    parser.add_argument("--counts", action="store_true",
                        help="the table of the modules already run (or partly run), no run")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="try N of each module's mutants, drawn with --seed, not all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--again", action="store_true",
                        help="try the survivors again (after new tests), nothing else")
    args = parser.parse_args(argv)
    modules = args.modules or list(MODULES)
    if args.survivors:
        for module in modules:
            print(f"== {module}")
            print("\n".join(survivors(module)) or "(none)")
        return 0
    if args.counts:
        for module in modules:
            here = WORK / module.replace("/", "-")
            if (here / "mutants").is_dir():
                c = _counts(here)
                print("{} killed {} survived {} no tests {} not run {} ({:.1f} % killed)".format(
                    *_row(module, c)), f"of {c['total']} mutants")
        return 0
    rows = []
    for module in modules:
        c = run(module, args.sample, args.seed, args.again)
        rows.append(_row(module, c))
        print(f"   killed {rows[-1][1]}, survived {rows[-1][2]}, no tests {rows[-1][3]}: "
              f"{rows[-1][5]:.1f} % killed", flush=True)
    print(f"\n{'module':<24} {'killed':>7} {'survived':>9} {'no tests':>9} {'not run':>8} "
          f"{'killed %':>9}")
    for module, killed, survived, no_tests, not_run, share in rows:
        print(f"{module:<24} {killed:>7} {survived:>9} {no_tests:>9} {not_run:>8} "
              f"{share:>8.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
