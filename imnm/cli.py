"""Command line: print a recommendation for given facts as text or JSON, or the JSON schemas."""

from __future__ import annotations

import argparse
import json
import sys

from imnm.engine.facts import InvalidFacts, PatientFacts, build_facts
from imnm.engine.recommendation import Recommendation
from imnm.engine.rules import recommend
from imnm.render import render
from imnm.render.markdown import render_missing


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m imnm", description=__doc__)
    p.add_argument("--antibody", default="unknown", help="HMGCR, SRP, seronegative or unknown")
    p.add_argument("--severity", choices=["mild", "moderate", "severe"])
    p.add_argument("--weight-kg", type=float)
    p.add_argument("--age-years", type=float)
    p.add_argument("--age-band", choices=["juvenile", "adult"])
    p.add_argument("--statin", default="unknown", help="current, past, never or unknown")
    p.add_argument("--refractory", action="store_true")
    p.add_argument("--ici", action="store_true", help="checkpoint-inhibitor exposure")
    p.add_argument("--red-flag", action="append", default=[], dest="red_flags")
    p.add_argument("--audience", default="clinician", help="clinician, trainee or patient")
    p.add_argument("--json", action="store_true", help="print the structured recommendation")
    p.add_argument("--schema", action="store_true", help="print the input and output JSON schemas")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.schema:
        schemas = {"input": PatientFacts.model_json_schema(), "output": Recommendation.model_json_schema()}
        print(json.dumps(schemas, indent=2))
        return 0
    try:
        facts = build_facts(
            antibody=args.antibody, severity=args.severity, weight_kg=args.weight_kg,
            age_years=args.age_years, age_band=args.age_band, statin=args.statin,
            refractory=args.refractory, ici_exposure=args.ici, red_flags=frozenset(args.red_flags),
            audience=args.audience,
        )
    except InvalidFacts as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    recommendation = recommend(facts)
    if args.json:
        print(recommendation.model_dump_json(indent=2))
    elif not recommendation.complete:
        print(f"Missing: {render_missing(recommendation)}")
        return 3
    else:
        print(render(recommendation))
    return 0


if __name__ == "__main__":
    sys.exit(main())
