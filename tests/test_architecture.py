"""Rules about the shape of the code itself: checked on the source, so they cannot drift."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = [path for package in ("bot", "cogs") for path in sorted((ROOT / package).rglob("*.py"))]


def _calls(tree: ast.AST) -> Iterator[tuple[ast.Call, ast.AST]]:
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            if isinstance(child, ast.Call):
                yield child, parent


def test_every_task_is_kept_by_reference() -> None:
    """asyncio keeps only a weak reference to a task: one created and dropped may be collected mid-run."""
    dropped = []
    for path in PRODUCT:
        for call, parent in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            func = call.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in {"create_task", "ensure_future"} and isinstance(parent, ast.Expr):
                dropped.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert dropped == []


async def test_a_spawned_task_survives_a_collection_until_it_is_done() -> None:
    import asyncio
    import gc

    from bot.shell.tasks import TaskSet

    tasks = TaskSet()
    release = asyncio.Event()
    finished: list[bool] = []

    async def work() -> None:
        await release.wait()
        finished.append(True)

    tasks.spawn(work())
    gc.collect()
    assert len(tasks) == 1
    release.set()
    for _ in range(3):
        await asyncio.sleep(0)  # let the loop run the task (no time passes)
    assert finished == [True] and len(tasks) == 0


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_imports(path: Path, *, with_types: bool = False) -> set[str]:
    """Modules ``path`` imports when it runs (``with_types``: also those under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test) and not with_types:
            node.body = []
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PRODUCT}
    return {
        name: {target for target in _runtime_imports(path) if target in modules} - {name}
        for name, path in modules.items()
    }


def test_no_import_cycle_among_product_modules() -> None:
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert cycles == []


def test_the_core_never_imports_discord() -> None:
    core = [
        path
        for path in PRODUCT
        if path.relative_to(ROOT).parts[:2] in {("bot", "catalog"), ("bot", "trivia"), ("bot", "storage")}
    ]
    core += [ROOT / "bot" / "settings.py", ROOT / "bot" / "guild_config.py", ROOT / "bot" / "errors.py"]
    assert len(core) > 20
    offenders = {
        str(path.relative_to(ROOT)): sorted(name for name in _runtime_imports(path) if name.split(".")[0] == "discord")
        for path in core
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_no_cog_is_looked_up_by_name_and_the_bot_is_typed() -> None:
    sources = {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in PRODUCT}
    assert [name for name, text in sources.items() if "get_cog(" in text] == []
    ignored = sum(text.count("type: ignore[attr-defined") for text in sources.values())
    assert ignored <= 2


def test_no_product_file_is_over_500_lines_without_a_reason() -> None:
    # One job that needs the lines: the schema declares every section and field of data/ with its rules;
    # the question generator holds one builder per kind of generated question (owned by the data work).
    allowed = {"bot/catalog/schema.py", "bot/trivia/generator.py"}
    long = {
        str(path.relative_to(ROOT)): count
        for path in PRODUCT
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert set(long) <= allowed, long


def test_trivia_imports_run_one_way_even_for_types() -> None:
    """cog -> games -> session -> views: nothing below imports what is above it, not even for a type hint."""
    layers = ["cog", "games", "session", "views"]
    trivia = ROOT / "cogs" / "trivia"
    upward = {
        layer: sorted(
            f"cogs.trivia.{above}"
            for above in layers[: layers.index(layer)]
            if f"cogs.trivia.{above}" in _runtime_imports(trivia / f"{layer}.py", with_types=True)
        )
        for layer in layers
    }
    assert upward == {layer: [] for layer in layers}
