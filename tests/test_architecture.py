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
