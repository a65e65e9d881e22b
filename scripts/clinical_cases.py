"""The reviewed clinical case table: check it against the engine, print what changed, write the doc.

    python -m scripts.clinical_cases            # which profiles' regimens differ from the table
    python -m scripts.clinical_cases --record   # take the engine's regimens into the table (then review!)
    python -m scripts.clinical_cases --doc      # write docs/clinical-cases.md from the table

When the knowledge-base version changes, the first command is the diff a clinical reviewer signs
off; `--record` then writes the new regimens and the new version, and the reviewer's name and date
go in `reviewed`. The test suite fails while the table and the engine disagree.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from imnm import build_facts, default_knowledge, recommend
from imnm.engine.summary import summarise
from imnm.render import render

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tests" / "clinical" / "cases.yml"
DOC = ROOT / "docs" / "clinical-cases.md"
FIELDS = ("urgent", "steroid", "start", "alternatives", "options", "warnings")


def load() -> dict:
    return yaml.safe_load(TABLE.read_text(encoding="utf-8"))


def engine_regimen(facts: dict) -> dict[str, list[str]]:
    return summarise(recommend(build_facts(**facts))).as_dict()


def absent_problems(case: dict) -> list[str]:
    """Entries or phrases the reviewer said must not be in this patient's plan."""
    recommendation = recommend(build_facts(**case["facts"]))
    text = render(recommendation)
    ids = {item.entry_id for item in recommendation.items}
    problems = []
    for thing in case.get("absent", ()):
        if thing in ids or (" " in thing and thing in text):
            problems.append(f"{case['id']}: '{thing}' must be absent")
    return problems


def differences(table: dict) -> list[str]:
    lines = []
    for case in table["cases"]:
        now = engine_regimen(case["facts"])
        for field in FIELDS:
            was = case["expect"].get(field, [])
            if now[field] != was:
                lines.append(f"{case['id']} {field}:\n    table:  {was}\n    engine: {now[field]}")
        lines.extend(absent_problems(case))
    return lines


def record(table: dict) -> None:
    for case in table["cases"]:
        case["expect"] = engine_regimen(case["facts"])
    table["kb_version"] = default_knowledge().version
    TABLE.write_text(yaml.safe_dump(table, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")


def _facts_text(facts: dict) -> str:
    parts = []
    for key, value in facts.items():
        if isinstance(value, list):
            value = ", ".join(value)
        parts.append(f"{key.replace('_', ' ')}: {value}")
    return "; ".join(parts)


def _cell(values: list[str]) -> str:
    return "<br>".join(v.replace("|", "/") for v in values) or "-"


def doc(table: dict) -> str:
    out = [
        "# Clinical case table",
        "",
        "Every profile below is run through the engine by `tests/clinical/test_cases.py`; the test fails",
        "when a regimen differs from this table. Regenerate with `python -m scripts.clinical_cases --doc`",
        "after `--record`; never edit by hand.",
        "",
        f"- Knowledge base: **{table['kb_version']}**",
        f"- Review: {table['reviewed']}",
        "",
        "Columns: *urgent* actions come first in the reply; *steroid* is the one corticosteroid course;",
        "*start* the agents to start (steroid-sparing choice, antibody- or pathway-specific add-ons, the",
        "lead refractory option); *sparing or* the alternatives to the steroid-sparing choice; *options or*",
        "the alternatives to an add-on or refractory option (added to first-line therapy, one at a time);",
        "*warnings* are shown above the plan. *Must be absent* lists what the reviewer ruled out.",
        "",
        "| id | patient | urgent | steroid | start | sparing or | options or | warnings | must be absent |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for case in table["cases"]:
        expect = case["expect"]
        out.append(
            f"| {case['id']} | **{case['label']}**<br>{_facts_text(case['facts'])} | {_cell(expect['urgent'])} | "
            f"{_cell(expect['steroid'])} | {_cell(expect['start'])} | {_cell(expect['alternatives'])} | "
            f"{_cell(expect['options'])} | "
            f"{_cell(expect['warnings'])} | {_cell(case.get('absent', []))} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--doc", action="store_true")
    args = parser.parse_args(argv)
    table = load()
    if args.record:
        record(table)
        table = load()
    if args.doc or args.record:
        DOC.write_text(doc(table), encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}")
    lines = differences(table)
    if table["kb_version"] != default_knowledge().version:
        lines.insert(0, f"table reviewed for {table['kb_version']}, engine runs {default_knowledge().version}")
    print("\n".join(lines) if lines else f"all {len(table['cases'])} profiles match the table")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
