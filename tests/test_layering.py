"""The layers stay apart: web/ never imports Rasa, chatbot/ never imports Flask."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chatbot import LANGUAGES, MAX_MESSAGE_LENGTH, REGIONS

REPO = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module a Python file imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "package, forbidden",
    [("chatbot", {"flask", "werkzeug", "web"}), ("web", {"rasa", "tensorflow"})],
    ids=["chatbot-never-imports-flask", "web-never-imports-rasa"],
)
def test_no_file_imports_the_other_layer(package, forbidden):
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_modules(path) & forbidden)
        for path in (REPO / package).rglob("*.py")
        if imported_modules(path) & forbidden
    }
    assert offenders == {}


def test_web_uses_only_what_chatbot_exports():
    exported = set(__import__("chatbot").__all__)
    for path in (REPO / "web").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "chatbot"
            ):
                assert node.module == "chatbot", f"{path.name} imports {node.module}"
                assert {a.name for a in node.names} <= exported, path.name


def test_importing_web_does_not_import_rasa():
    code = (
        "import sys, web; from web.config import read_config; read_config(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('rasa', 'tensorflow')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_maintainer_tools_are_apart_from_the_message_path():
    message_path = {p.stem for p in (REPO / "chatbot").glob("*.py")}
    assert not message_path & {"cli", "evaluate", "validate", "examples", "report"}
    assert (REPO / "chatbot" / "maintain" / "cli.py").is_file()


def test_no_python_module_is_over_300_lines():
    long = {
        str(p.relative_to(REPO)): n
        for package in ("chatbot", "web")
        for p in (REPO / package).rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert long == {}


def js_constant(source: str, name: str) -> str:
    match = re.search(rf"const {name} = ([^;]+);", source)
    assert match, f"widget.js has no `const {name} = …;`"
    return match.group(1)


def test_widget_constants_match_python():
    source = (REPO / "web" / "static" / "widget.js").read_text(encoding="utf-8")
    assert re.findall(r'"(\w+)"', js_constant(source, "LANGUAGES")) == list(LANGUAGES)
    assert re.findall(r'"(\w+)"', js_constant(source, "REGIONS")) == list(REGIONS)
    assert int(js_constant(source, "MAX_MESSAGE_LENGTH")) == MAX_MESSAGE_LENGTH
