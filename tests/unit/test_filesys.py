"""File-system procedures (stat, canonicalize-path, directory streams...): results and error shapes
checked on Guile 3.0.8."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from schemeth.data.values import EOF, MString, Symbol
from schemeth.interpreter import Interpreter


@pytest.fixture(scope="module")
def scheme() -> Interpreter:
    return Interpreter()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "f.txt").write_text("12345")
    (tmp_path / "link").symlink_to(tmp_path / "dir" / "f.txt")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    return tmp_path


def written(scheme: Interpreter, source: str) -> str:
    value = scheme.eval(f"(object->string {source})")
    assert type(value) is MString
    return value.s


def test_stat_fields(scheme, tree) -> None:
    f = tree / "dir" / "f.txt"
    st = os.stat(f)
    assert scheme.eval(f'(stat:size (stat "{f}"))') == 5
    assert scheme.eval(f'(stat:type (stat "{f}"))') is Symbol("regular")
    assert scheme.eval(f'(stat:type (stat "{tree / "dir"}"))') is Symbol("directory")
    assert scheme.eval(f'(stat:perms (stat "{f}"))') == st.st_mode & 0o7777
    assert scheme.eval(f'(stat:ino (stat "{f}"))') == st.st_ino
    assert scheme.eval(f'(vector-length (stat "{f}"))') == 18


def test_stat_follows_links_and_lstat_does_not(scheme, tree) -> None:
    assert scheme.eval(f'(stat:type (stat "{tree / "link"}"))') is Symbol("regular")
    assert scheme.eval(f'(stat:type (lstat "{tree / "link"}"))') is Symbol("symlink")


def test_stat_errors_have_guiles_shape(scheme, tree) -> None:
    missing = tree / "missing"
    assert written(scheme, f'(catch #t (lambda () (stat "{missing}")) list)') == \
        f'(system-error "stat" "~A: ~S" ("No such file or directory" "{missing}") (2))'
    assert scheme.eval(f'(stat "{missing}" #f)') is False
    assert written(scheme, f'(catch #t (lambda () (canonicalize-path "{missing}")) list)') == \
        '(system-error "canonicalize-path" "~A" ("No such file or directory") (2))'
    assert written(scheme, f'(catch #t (lambda () (opendir "{missing}")) list)') == \
        '(system-error "opendir" "~A" ("No such file or directory") (2))'


def test_file_exists_and_canonicalize_path(scheme, tree) -> None:
    assert scheme.eval(f'(file-exists? "{tree / "link"}")') is True
    assert scheme.eval(f'(file-exists? "{tree / "dangling"}")') is False
    real = scheme.eval(f'(canonicalize-path "{tree}/dir/../link")')
    assert real.s == str((tree / "dir" / "f.txt").resolve())
    assert scheme.eval(f'(readlink "{tree / "link"}")').s == str(tree / "dir" / "f.txt")
    assert scheme.eval("(getcwd)").s == os.getcwd()


def test_directory_streams(scheme, tree) -> None:
    names = written(scheme, f'''
      (let ((d (opendir "{tree / "dir"}")))
        (let lp ((acc '()))
          (let ((e (readdir d)))
            (if (eof-object? e)
                (begin (closedir d) (sort acc string<?))
                (lp (cons e acc))))))''')
    assert names == '("." ".." "f.txt")'
    assert scheme.eval(f'(directory-stream? (opendir "{tree}"))') is True
    assert written(scheme, f'''(let ((d (opendir "{tree}")))
                                  (closedir d)
                                  (catch #t (lambda () (readdir d))
                                    (lambda (key subr msg args rest) (list key subr msg rest))))''') == \
        '(misc-error "readdir" "Directory ~S is not open." #f)'
    assert scheme.eval(f'(let ((d (opendir "{tree / "dir"}"))) (readdir d) (readdir d) (readdir d) (readdir d))') is EOF
