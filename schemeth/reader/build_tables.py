"""Build tool: scheme.lark -> tables.py, using lark's LALR(1) analysis.

Run `python -m schemeth.reader.build_tables` after editing scheme.lark.  tables.py records the
grammar's SHA-256 so a test can tell when the tables are stale.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

GRAMMAR_PATH = Path(__file__).with_name("scheme.lark")
TABLES_PATH = Path(__file__).with_name("tables.py")
# Tried first by the lexer's alternation: the most frequent tokens.
FREQUENT_TERMINALS = ("WHITESPACE", "LPAREN", "RPAREN", "ATOM")


def grammar_digest() -> str:
    """SHA-256 of scheme.lark, recorded in tables.py to detect stale tables."""
    return hashlib.sha256(GRAMMAR_PATH.read_bytes()).hexdigest()


def generate() -> None:
    """Analyse scheme.lark with lark and write tables.py."""
    from lark import Lark
    from lark.parsers.lalr_analysis import Shift

    lark = Lark(GRAMMAR_PATH.read_text(), parser="lalr", start=["start", "one"])
    table = lark.parser.parser.parser.parse_table
    rules = {rule: i for i, rule in enumerate(lark.rules)}
    number = _canonical_numbering(table, Shift)
    actions: list[dict] = [{} for _ in number]
    accessing = [""] * len(number)
    for state, row in table.states.items():
        for symbol, (action, arg) in row.items():
            if action is Shift:
                actions[number[state]][str(symbol)] = number[arg]
                accessing[number[arg]] = str(symbol)
            else:
                actions[number[state]][str(symbol)] = ~rules[arg]
    starts = {name: number[s] for name, s in table.start_states.items()}
    accepts = {name: number[s] for name, s in table.end_states.items()}
    _write_tables(lark, actions, accessing, starts, accepts)


def _canonical_numbering(table: object, shift: type) -> dict[int, int]:
    """Renumber states breadth-first from the start states, so the output does not depend on hash order."""
    number: dict[int, int] = {}
    queue = [table.start_states[name] for name in sorted(table.start_states)]
    while queue:
        state = queue.pop(0)
        if state in number:
            continue
        number[state] = len(number)
        row = table.states.get(state, {})
        queue += [arg for symbol, (action, arg) in sorted(row.items(), key=lambda item: str(item[0]))
                  if action is shift]
    return number


def _write_tables(lark: object, actions: list[dict], accessing: list[str], starts: dict,
                  accepts: dict) -> None:
    """Render the analysed grammar as the Python module tables.py."""
    terminals = sorted(lark.terminals, key=lambda t: t.name not in FREQUENT_TERMINALS)
    lines = [
        '"""Generated from scheme.lark by `python -m schemeth.reader.build_tables`; do not edit."""',
        f"GRAMMAR_SHA256 = {grammar_digest()!r}",
        "TERMINALS = [",
        *(f"    ({t.name!r}, {t.pattern.to_regexp()!r})," for t in terminals),
        "]",
        f"IGNORED = {sorted(lark.ignore_tokens)!r}",
        "# (callback name, right-hand side length, left-hand side)",
        "RULES = [",
        *(f"    ({str(r.alias or r.origin.name)!r}, {len(r.expansion)}, {str(r.origin.name)!r}),"
          for r in lark.rules),
        "]",
        f"START = {starts!r}",
        f"ACCEPT = {accepts!r}",
        "# per state: symbol -> next state (shift or goto) if >= 0, else ~rule (reduce)",
        "ACTIONS = [",
        *(f"    {dict(sorted(row.items()))!r}," for row in actions),
        "]",
        "# per state: the symbol whose shift enters it",
        f"ACCESSING = {accessing!r}",
    ]
    TABLES_PATH.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    generate()
