"""The rooms of ``docs/ARCHITECTURE.md`` and their direction, checked on every module's imports.

Imports are read from the source (``ast``), those inside functions included: a lazy import is
still a dependency. Imports under ``if TYPE_CHECKING:`` are left out; they never run.
Beside it, ``test_doctor`` checks at run time that the core loads without Qt.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from tests.conftest import REPO

PACKAGES = ("importers", "wallet", "ui")
# Who may import whom: a room may always import itself.
MAY_IMPORT = {
    "importers": set(),  # reads files; knows nothing of the wallet
    "wallet": {"importers"},
    "wallet.analytics": {"wallet", "importers"},
    "wallet.sharing": {"wallet", "importers"},
    "wallet.helpdesk": {"wallet", "importers"},
    "wallet.rights": {"wallet", "wallet.analytics", "importers"},
    # The demo fills a throwaway wallet the way a resident would: imports, shares, a household.
    "wallet.demo": {"wallet", "wallet.analytics", "wallet.sharing", "wallet.rights", "importers"},
    "ui": {
        "wallet",
        "wallet.analytics",
        "wallet.sharing",
        "wallet.helpdesk",
        "wallet.rights",
        "wallet.demo",
        "importers",
    },
}
# The core's entrances, which hand work to the rooms beside them: the command line registers
# their command groups, the operations give them a connection, a new wallet makes its sharing
# keys, and the import step leaves its notes for the help desk.
ENTRANCES = {
    "wallet.cli": {"wallet.sharing", "wallet.helpdesk", "wallet.rights"},
    "wallet.operations": {"wallet.analytics", "wallet.sharing", "wallet.helpdesk"},
    "wallet.vault": {"wallet.sharing", "wallet.rights"},
    "wallet.importing": {"wallet.helpdesk"},
    # A slice reads each shareable dataset's rows, the rights estimates among them.
    "wallet.sharing.slices": {"wallet.rights"},
    # The update check holds a feed to the same rule as a share's address: HTTPS only.
    "wallet.updates": {"wallet.sharing"},
}
# Libraries only the desktop program may load.
UI_ONLY = ("PySide6",)


def room(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "wallet" and len(parts) > 1 and f"wallet.{parts[1]}" in MAY_IMPORT:
        return f"wallet.{parts[1]}"  # a sub-package (its __init__ too)
    return parts[0]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_names(path: Path, module: str) -> set[str]:
    """Every name the module imports at run time, as dotted module paths (and their members)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    class Imports(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if _is_type_checking(node.test):
                for other in node.orelse:
                    self.visit(other)
            else:
                self.generic_visit(node)

        def visit_Import(self, node: ast.Import) -> None:
            found.update(alias.name for alias in node.names)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = parts[: len(parts) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)

    Imports().visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


@cache
def graph() -> dict[str, set[str]]:
    """Our modules and the modules of ours each one imports at run time."""
    paths = {_module_name(p): p for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py")}
    found: dict[str, set[str]] = {}
    for module, path in paths.items():
        names = imported_names(path, module)
        found[module] = {n for n in names if n in paths and n != module}
        found[module] |= {n for n in names if n.split(".")[0] in UI_ONLY}
    return found


def test_the_graph_sees_imports_at_every_depth() -> None:
    """The reader finds a module-level, a lazy and a relative import (else the rules prove
    nothing), and leaves out imports made for the type checker only."""
    edges = graph()
    assert "wallet.db" in edges["wallet.vault"]  # at the top
    assert "wallet.analytics.views" in edges["wallet.operations"]  # inside a method
    assert "wallet.vault" not in edges["wallet.analytics.energy"]  # under TYPE_CHECKING
    assert any(n.startswith("PySide6") for n in edges["ui.session"])


def test_no_import_circle() -> None:
    edges = {m: {n for n in targets if n in graph()} for m, targets in graph().items()}
    circles = _circles(edges)
    assert circles == [], f"modules that import each other: {circles}"


def test_every_import_goes_the_documented_way() -> None:
    wrong = []
    for module, targets in graph().items():
        source = room(module)
        for target in targets:
            if target.split(".")[0] in UI_ONLY:
                if source != "ui":
                    wrong.append(f"{module} imports {target} (only ui/ may load Qt)")
                continue
            goes_to = room(target)
            if target in ("wallet",) or goes_to == source:
                continue
            allowed = MAY_IMPORT[source] | ENTRANCES.get(module, set())
            if goes_to not in allowed:
                wrong.append(f"{module} ({source}) imports {target} ({goes_to})")
    assert wrong == [], "\n".join(sorted(wrong))


def test_a_wrong_way_import_would_be_caught() -> None:
    """The rules themselves refuse what the page says is forbidden."""
    assert "ui" not in MAY_IMPORT["wallet"] and "wallet" not in MAY_IMPORT["importers"]
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or around a loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


# The front ends: the desktop program, and the command line's parser and handlers.
FRONT_ENDS = ("ui",)
COMMAND_LINE = (
    "wallet.cli",
    "wallet.commands",
    "wallet.mapping_cli",
    "wallet.mapping_commands",
    "wallet.sharing.cli",
    "wallet.sharing.commands",
    "wallet.helpdesk.cli",
    "wallet.helpdesk.commands",
)


def test_the_front_ends_never_touch_a_connection() -> None:
    """They call the wallet's operations: no ``.conn``, nothing of ``wallet.store``'s (its
    ``.store.write()`` …), no ``wallet.db``."""
    touching = []
    for module in graph():
        if module.split(".")[0] not in FRONT_ENDS and module not in COMMAND_LINE:
            continue
        path = REPO / Path(*module.split("."))
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and (
                node.attr in ("conn", "bare_writer")
                or (
                    node.attr in ("read", "write", "exclusive", "connection")
                    and isinstance(node.value, ast.Attribute)
                    and node.value.attr == "store"
                )
            ):
                touching.append(f"{module}:{node.lineno} .{node.attr}")
        if "wallet.db" in graph()[module]:
            touching.append(f"{module} imports wallet.db")
    assert touching == [], "\n".join(touching)
