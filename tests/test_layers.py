"""The import graph of app/ and county_server/: no cycles, no upward imports, no private names
across modules, and the county server built on the device's lower layers only.

Every import counts, including those inside functions: a deferred import still ties two modules
together, and hiding a cycle inside a function is how cycles grow unnoticed.
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "county_server")

# Lower numbers sit lower; a module may import its own layer or below, never above.
LAYERS = {
    "app.core": 0, "app.log": 0,
    "app.storage": 1, "app.sync": 1,
    "app.services": 2, "app.reports": 2, "app.ledger": 2, "app.demo": 2, "app.faults": 2,
    "app.cli": 3, "app.ui": 3, "app.__main__": 3,
    "county_server": 3,
}
COUNTY_MAY_USE = ("app.core", "app.storage", "app.sync", "app.log")


def _modules() -> dict[str, Path]:
    found = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The module of ours that an imported dotted name lives in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path):
    """(imported module, names imported from it, line) for every import in the file."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            names = tuple(a.name for a in node.names)
            submodules = [n for n in names if f"{base}.{n}" in MODULES]
            for sub in submodules:
                yield f"{base}.{sub}", (), node.lineno
            yield base, tuple(n for n in names if n not in submodules), node.lineno


def _graph():
    edges = defaultdict(set)
    private, lines = [], {}
    for module, path in MODULES.items():
        for target, names, line in _imports(module, path):
            owner = _owner(target)
            if owner is None or owner == module:
                continue
            edges[module].add(owner)
            lines.setdefault((module, owner), line)
            private += [f"{module}:{line} imports {owner}.{n}" for n in names
                        if n.startswith("_") and not n.startswith("__")]
        private += _private_attributes(module, path)
    return edges, private, lines


def _private_attributes(module: str, path: Path) -> list[str]:
    """`other_module._name`: a private name reached through a module imported by name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name in MODULES:
                    bound[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if f"{node.module}.{alias.name}" in MODULES:
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return [f"{module}:{node.lineno} uses {bound[node.value.id]}.{node.attr}" for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id in bound and bound[node.value.id] != module
            and node.attr.startswith("_") and not node.attr.startswith("__")]


EDGES, PRIVATE, LINES = _graph()


def _layer(module: str) -> int | None:
    best = None
    for prefix, rank in LAYERS.items():
        if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, rank)
    return best[1] if best else None


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = 0
    for start in MODULES:
        if start in index:
            continue
        work = [(start, iter(sorted(EDGES[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(EDGES[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_walk_sees_the_whole_tree():
    assert {"app.core.canonical", "app.storage.store", "county_server"} <= set(MODULES)
    assert EDGES["app.storage.store"], "the store imports nothing? the walk is broken"


def test_no_import_cycles():
    assert _cycles() == []


def test_every_module_has_a_layer():
    assert [m for m in MODULES if m != "app" and _layer(m) is None] == []


def test_no_upward_imports():
    upward = [f"{a}:{LINES[(a, b)]} imports {b}" for a, targets in EDGES.items() for b in targets
              if b != "app" and _layer(a) is not None and _layer(b) is not None
              and _layer(b) > _layer(a) and not a.startswith("county_server")]
    assert upward == []


def test_county_server_uses_the_devices_lower_layers_only():
    wrong = [f"{a}:{LINES[(a, b)]} imports {b}" for a, targets in EDGES.items() if a.startswith("county_server")
             for b in targets if b.startswith("app") and b != "app"
             and not any(b == p or b.startswith(p + ".") for p in COUNTY_MAY_USE)]
    assert wrong == []


def test_no_private_names_across_modules():
    assert PRIVATE == []


def test_a_planted_cycle_is_found(monkeypatch):
    monkeypatch.setitem(EDGES, "app.core.clock", EDGES["app.core.clock"] | {"app.ui"})
    monkeypatch.setitem(EDGES, "app.ui", EDGES["app.ui"] | {"app.core.clock"})
    assert ["app.core.clock", "app.ui"] in _cycles()
