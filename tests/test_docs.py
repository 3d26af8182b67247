"""The README's and the docs' examples, run as written (the model: sqlite-utils' tests/test_docs.py).

Every `quotetrack …` line of a bash, sh or console block (console: the `$ ` lines) and every python block runs in a
folder holding `db/quotetrack.db` built from the built-in samples (what `quotetrack demo` stores), the files the
examples name (article.html, article.txt, feed.jsonl, gold.jsonl, system.jsonl, my-people.yaml, corpus/,
my-templates/), and `../shared` beside it. A command must exit 0 and print something that is not "No … found.".
A block preceded by `<!-- not run by the tests: REASON -->` is skipped with that reason. `--engine auto` finds no
Stanza models here (examples that want Stanza say so and carry the `stanza` mark).
"""
from __future__ import annotations

import glob
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SHARED
from quotetrack import analysis
from quotetrack.cli import cli

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_SKIP_MARK = re.compile(r"<!--\s*not run by the tests:\s*(.*?)\s*-->\s*$")
NO_STANZA = {"QUOTETRACK_STANZA_DIR": None, "STANZA_RESOURCES_DIR": "/nonexistent/stanza_resources"}


@dataclass(frozen=True)
class Example:
    doc: Path
    line: int
    kind: str  # "command" or "python"
    text: str
    skip: str | None  # the reason it is not run

    @property
    def id(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"


def examples() -> list[Example]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for block in _FENCE.finditer(text):
            language, body = block.group(1), block.group(2)
            first_line = text.count("\n", 0, block.start()) + 2
            before = text[: block.start()].rstrip("\n").rsplit("\n", 1)[-1]
            skip = _SKIP_MARK.search(before)
            reason = skip.group(1) if skip else None
            if language == "python":
                found.append(Example(doc, first_line, "python", body, reason))
            elif language in ("bash", "sh", "console"):
                found.extend(Example(doc, first_line + offset, "command", command, reason)
                             for offset, command in _commands(body, console=language == "console"))
    return found


def _commands(body: str, console: bool):
    """(line offset, command) for each quotetrack command of a shell block, continuation lines joined."""
    lines = body.split("\n")
    offset = 0
    while offset < len(lines):
        start, line = offset, lines[offset]
        while line.endswith("\\") and offset + 1 < len(lines):
            offset += 1
            line = line[:-1] + " " + lines[offset].strip()
        offset += 1
        if console:
            if not line.startswith("$ "):
                continue
            line = line[2:]
        for command in line.split(" && "):  # `pip install -e . && quotetrack demo`: the quotetrack part
            words = shlex.split(command, comments=True)
            if next((w for w in words if "=" not in w), None) == "quotetrack" or "| quotetrack " in command:
                yield start, command.strip()


EXAMPLES = examples()


@pytest.fixture(scope="session")
def sample_workspace(tmp_path_factory) -> Path:
    """A folder as after `quotetrack demo`, with the files the examples name; ../shared beside it."""
    from quotetrack.ingest import sample_paths

    base = tmp_path_factory.mktemp("docs")
    work = base / "work"
    work.mkdir()
    if SHARED.exists():
        (base / "shared").symlink_to(SHARED)
    samples = sample_paths()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(analysis, "_ENGINES", {})  # `--engine auto` chosen under this environment
        demo = CliRunner(env=NO_STANZA).invoke(cli, ["demo", "--db", str(work / "db" / "quotetrack.db")])
    assert demo.exit_code == 0, demo.output
    by_suffix = {p.suffix: p for p in samples}
    shutil.copy(by_suffix[".html"], work / "article.html")
    shutil.copy(by_suffix[".txt"], work / "article.txt")
    shutil.copy(by_suffix[".jsonl"], work / "feed.jsonl")
    shutil.copy(samples[0].parent.parent / "expected.jsonl", work / "gold.jsonl")
    system = CliRunner(env=NO_STANZA).invoke(cli, ["extract", *map(str, samples), "--engine", "builtin"])
    (work / "system.jsonl").write_text(system.stdout, encoding="utf-8")
    shutil.copytree(samples[0].parent, work / "corpus")
    (work / "my-templates").mkdir()
    kb_doc = (ROOT / "docs" / "knowledge-base.md").read_text(encoding="utf-8")
    (work / "my-people.yaml").write_text(re.search(r"```yaml\n(.*?)```", kb_doc, re.DOTALL).group(1))
    return work


@pytest.fixture()
def workspace(sample_workspace, tmp_path, monkeypatch) -> Path:
    """A copy of the sample workspace per example, so no example sees another's changes."""
    work = tmp_path / "work"
    shutil.copytree(sample_workspace, work, symlinks=True)
    if (sample_workspace.parent / "shared").exists():
        (tmp_path / "shared").symlink_to(SHARED)
    monkeypatch.chdir(work)
    # analysers are kept per process: one chosen by `--engine auto` in another test's environment is not this one's
    monkeypatch.setattr(analysis, "_ENGINES", {})
    return work


def _marks(example: Example):
    marks = []
    if example.skip:
        marks.append(pytest.mark.skip(reason=example.skip))
    if "--engine stanza" in example.text:
        marks.append(pytest.mark.stanza)
    if "../shared" in example.text:
        marks.append(pytest.mark.shared)
    return marks


@pytest.mark.parametrize(
    "example", [pytest.param(e, id=e.id, marks=_marks(e)) for e in EXAMPLES]
)
def test_example(example: Example, workspace, request):
    if "../shared" in example.text:
        request.getfixturevalue("shared_dir")  # skips, or fails under QUOTETRACK_REQUIRE_SHARED, without it
    if "--engine stanza" in example.text:
        request.getfixturevalue("stanza_models_dir")
    if example.kind == "python":
        exec(compile(example.text, example.id, "exec"), {"__name__": "docs_example"})
        return
    env, args, stdin = _parse(example.text)
    result = CliRunner(env={**NO_STANZA, **env}).invoke(cli, args, input=stdin)
    assert result.exit_code == 0, f"{example.id}: {example.text}\n{result.output}"
    assert result.stdout.strip() and not re.search(r"^No \w+( \w+)? found\.$", result.output, re.MULTILINE), (
        f"{example.id}: {example.text} printed nothing useful:\n{result.output}"
    )


def _parse(line: str) -> tuple[dict, list[str], bytes | None]:
    """`[VAR=value …] [cat FILE |] quotetrack ARGS [# comment]` → (environment, arguments, standard input)."""
    stdin = None
    if "|" in line.split("#")[0]:
        source, line = line.split("|", 1)
        tokens = shlex.split(source)
        assert tokens[0] == "cat" and len(tokens) == 2, f"only `cat FILE | quotetrack …` is supported: {source}"
        stdin = Path(tokens[1]).read_bytes()
    tokens = shlex.split(line, comments=True)
    env = {}
    while "=" in tokens[0] and not tokens[0].startswith("-"):
        name, value = tokens.pop(0).split("=", 1)
        env[name] = value
    assert tokens[0] == "quotetrack", f"not a quotetrack command: {line}"
    return env, [arg for token in tokens[1:] for arg in _expanded(token)], stdin


def _expanded(token: str) -> list[str]:
    """What the shell makes of a word: `~` expanded, a glob replaced by the sorted names it matches."""
    token = str(Path(token).expanduser()) if token.startswith("~") else token
    return sorted(glob.glob(token)) or [token] if any(c in token for c in "*?[") else [token]


def test_the_examples_were_found():
    """A guard for the collector itself: the README alone holds more than twenty commands."""
    readme = [e for e in EXAMPLES if e.doc.name == "README.md"]
    assert sum(e.kind == "command" for e in readme) > 20 and any(e.kind == "python" for e in readme)
    assert {e.doc.name for e in EXAMPLES} >= {"README.md", "digest.md", "evaluation.md", "knowledge-base.md"}


# -- the quick start: installing needs no torch (issue 16) ----------------------------------------------------------


def test_the_quick_start_installs_no_torch_and_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = re.search(r"## Quick start\n.*?```bash\n(.*?)```", readme, re.DOTALL).group(1)
    commands = [line for line in quick_start.splitlines() if line and not line.startswith("#")]
    assert commands[0] == "pip install -e . && quotetrack demo"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == commands[1]  # .ci/run calls exactly the README's test command
    assert "pip install torch --index-url https://download.pytorch.org/whl/cpu" in readme  # for the Stanza extra
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [d for d in project["dependencies"] if re.match(r"(torch|stanza)\b", d)]


HIDE_TORCH = """
import importlib.machinery, sys

class WithoutTorch(importlib.machinery.PathFinder):
    '''As if torch and stanza were not installed: not found, not importable.'''
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name.partition(".")[0] in ("torch", "stanza"):
            return None
        return super().find_spec(name, path, target)

sys.meta_path[sys.meta_path.index(importlib.machinery.PathFinder)] = WithoutTorch
from quotetrack.cli import cli
cli(["demo"], prog_name="quotetrack", standalone_mode=False)
print("loaded:", sorted({m.partition(".")[0] for m in sys.modules} & {"torch", "stanza"}))
"""


def test_demo_runs_where_torch_and_stanza_are_not_installed(tmp_path):
    done = subprocess.run([sys.executable, "-c", HIDE_TORCH], cwd=tmp_path, capture_output=True, text=True,
                          env={k: v for k, v in __import__("os").environ.items() if k != "QUOTETRACK_DB"})
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("engine: builtin")
    assert "articles: 5 new" in done.stdout and "digest of 2025-W13" in done.stdout
    assert done.stdout.rstrip().endswith("loaded: []")
