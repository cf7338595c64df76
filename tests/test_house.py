"""Promises about the shape of the package: the product stands apart from the machinery beside
it (issue 13)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from kraftsamling import paths

ENTRIES = [
    paths.REPO / "app.py",
    paths.REPO / "dashboard.py",
    *sorted((paths.REPO / "pages").glob("*.py")),
]
DEVTOOLS = "kraftsamling.devtools"


def _module_file(name: str) -> Path | None:
    """The file of module `name` in this repository (a package's __init__.py), or None."""
    base = paths.REPO.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported(path: Path) -> set[str]:
    """Every kraftsamling module `path` imports, anywhere in the file (inside functions too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # `from kraftsamling import ui`: ui is a module of its own
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    found = set()
    for name in names:
        if name.split(".")[0] != "kraftsamling":
            continue
        parts = name.split(".")
        # a module and the packages it sits in are all imported
        found |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return {name for name in found if _module_file(name)}


def app_modules() -> dict[str, list[str]]:
    """Every kraftsamling module the app runs, found statically from its entry files, with the
    chain of imports that reaches it."""
    reached: dict[str, list[str]] = {}
    todo = [(path, [str(path.relative_to(paths.REPO))]) for path in ENTRIES]
    while todo:
        path, chain = todo.pop()
        for name in sorted(_imported(path)):
            if name not in reached:
                reached[name] = [*chain, name]
                todo.append((_module_file(name), reached[name]))
    return reached


def test_nothing_the_app_runs_imports_the_devtools():
    reached = app_modules()
    assert "kraftsamling.ui" in reached and "kraftsamling.warmup" in reached  # the walk works
    offenders = {
        name: " → ".join(chain) for name, chain in reached.items() if name.startswith(DEVTOOLS)
    }
    assert not offenders, f"the app imports the devtools: {offenders}"


def test_the_walk_would_see_a_devtools_import_hidden_in_a_function(tmp_path):
    """The check above can fail: a lazy import inside a function counts."""
    module = tmp_path / "page.py"
    module.write_text("def f():\n    from kraftsamling.devtools import bench\n    return bench\n")
    assert "kraftsamling.devtools.bench" in _imported(module)


def test_loading_the_app_leaves_no_devtools_module_in_the_process():
    """The same, the other way round: import app.py (and so dashboard's package modules) in a
    fresh process and read sys.modules."""
    code = (
        "import runpy, sys; runpy.run_path('app.py'); "
        "import kraftsamling.ui, kraftsamling.auth; "
        f"print(sorted(m for m in sys.modules if m.startswith({DEVTOOLS!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=paths.REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
