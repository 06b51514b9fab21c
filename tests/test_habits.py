"""House habits the linters do not check: no function or method in pipeline/ over 60 lines."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 60


def test_no_function_over_60_lines():
    long = []
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = node.end_lineno - node.lineno + 1
                if size > LIMIT:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}() is {size} lines")
    assert not long, "split these functions:\n" + "\n".join(long)
