"""The lessons in examples/lessons end by themselves and print what docs/tutorial.md shows."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSON_DIR = os.path.join(ROOT, "examples", "lessons")
TUTORIAL = os.path.join(ROOT, "docs", "tutorial.md")
LESSONS = sorted(name for name in os.listdir(LESSON_DIR) if name.endswith(".scm"))
TIMEOUT = 60

FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
OUTPUT_INFO = re.compile(r"output for examples/lessons/(?P<name>\S+)$")
SECTION_FILE = re.compile(r"^File: `examples/lessons/(?P<name>[^`]+)`", re.MULTILINE)


def tutorial_text() -> str:
    """The tutorial, read fresh so a failing test shows the current text."""
    with open(TUTORIAL, encoding="utf-8") as f:
        return f.read()


def output_blocks(markdown: str) -> dict[str, list[str]]:
    """Lesson file name -> the bodies of the ```output for examples/lessons/NAME blocks."""
    blocks: dict[str, list[str]] = {}
    for fence in FENCE.finditer(markdown):
        info = OUTPUT_INFO.match(fence["info"].strip())
        if info:
            blocks.setdefault(info["name"], []).append(fence["body"])
    return blocks


def lesson_sections(markdown: str) -> list[tuple[str, str]]:
    """(lesson file name, section text) for each `## ` section that names its lesson file."""
    sections = []
    for section in re.split(r"^## ", markdown, flags=re.MULTILINE)[1:]:
        named = SECTION_FILE.search(section)
        if named:
            sections.append((named["name"], section))
    return sections


def run_lesson(name: str) -> subprocess.CompletedProcess:
    """Run one lesson as a learner would, failing the test if it does not end by itself."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    command = [sys.executable, "-m", "schemeth", os.path.join("examples", "lessons", name)]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, env=env,
                              cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name} did not finish within {TIMEOUT} s (lessons must stop by themselves)")


def test_lessons_are_numbered_from_one_without_gaps() -> None:
    numbers = [int(name.split("-", 1)[0]) for name in LESSONS]
    assert len(LESSONS) >= 10
    assert numbers == list(range(1, len(LESSONS) + 1)), LESSONS


def test_every_lesson_has_a_section_and_one_output_block_in_order() -> None:
    markdown = tutorial_text()
    blocks = output_blocks(markdown)
    assert [name for name, _ in lesson_sections(markdown)] == LESSONS
    assert sorted(blocks) == LESSONS
    assert all(len(bodies) == 1 for bodies in blocks.values()), blocks.keys()
    for name, section in lesson_sections(markdown):
        assert f"schemeth examples/lessons/{name}" in section, f"no run command for {name}"


def test_code_excerpts_are_copied_from_their_lesson() -> None:
    for name, section in lesson_sections(tutorial_text()):
        with open(os.path.join(LESSON_DIR, name), encoding="utf-8") as f:
            source = f.read()
        for fence in FENCE.finditer(section):
            if fence["info"].strip() == "scheme":
                assert fence["body"] in source, f"excerpt not found in {name}:\n{fence['body']}"


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_prints_what_the_tutorial_shows(name: str) -> None:
    expected = output_blocks(tutorial_text()).get(name)
    assert expected, f"docs/tutorial.md has no ```output for examples/lessons/{name} block"
    result = run_lesson(name)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout == expected[0]
