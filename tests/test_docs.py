"""Docs stay true: every setting, endpoint and widget option is documented."""

import re
from pathlib import Path

from flask import Flask

from web.config import read_config

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
WIDGET_DOC = (REPO / "docs" / "widget.md").read_text(encoding="utf-8")
WIDGET_JS = (REPO / "web" / "static" / "widget.js").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    nuri_keys = set(read_config()) - set(Flask.default_config) - {"TESTING"}
    documented = set(re.findall(r"`NURI_([A-Z_]+)`", README))
    assert nuri_keys and nuri_keys <= documented, nuri_keys - documented
    assert "MAX_CONTENT_LENGTH" in documented


def test_every_endpoint_is_in_the_readme(app):
    rules = {r.rule for r in app.url_map.iter_rules() if r.endpoint != "static"}
    missing = [rule for rule in rules if not re.search(rf"(GET|POST) {rule}\b", README)]
    assert missing == []


def test_every_widget_attribute_is_documented():
    attributes = re.search(r"const ATTRS\s*=\s*\[([^\]]*)\]", WIDGET_JS).group(1)
    names = re.findall(r"['\"]([a-z-]+)['\"]", attributes)
    assert names
    for name in names:
        assert f"data-{name}" in WIDGET_DOC or f"`{name}`" in WIDGET_DOC, name


def test_readme_has_the_two_commands_and_ci_runs_the_test_one():
    assert "make run" in README and "make test" in README
    assert "exec make lint test" in (REPO / ".ci" / "run").read_text()
