"""The README's example commands, so tests run them as a reader would paste them."""
from __future__ import annotations

import shlex
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def commands(heading: str, prefix: str) -> list[list[str]]:
    """The argument lists of the lines starting with `prefix` in the code blocks of the README section `heading`
    (a `### ` title), without the program name and with trailing `# comments` removed."""
    text = README.read_text(encoding="utf-8")
    section = text.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]
    found = [shlex.split(line, comments=True) for line in section.splitlines() if line.startswith(prefix)]
    assert found, f"no `{prefix}` line under {heading!r} in README.md"
    return [args[1:] for args in found]
