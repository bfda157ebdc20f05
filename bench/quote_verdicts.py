"""The quotation verdicts scored on the labelled pairs of tests/compare/fixtures/quote_cases.txt.

Run: python bench/quote_verdicts.py [--wrong]

Prints the confusion table (rows: the verdict a person gave the pair; columns: the engine's;
"(several)" when the engine made more than one entry of one quotation), each verdict's accuracy,
how often the reattributed flag and the speakers came out right; then the same with every pair's
versions swapped (trimmed becomes extended, unquoted quoted, dropped added). With `--wrong`,
every case the engine got wrong in any of these.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests package

from tests.compare.quote_cases import confusion_table, load_cases, mirrored, run_case


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wrong", action="store_true", help="list the cases got wrong")
    args = parser.parse_args(argv)
    cases = load_cases()
    languages = sorted({c.id.split("-")[1] for c in cases})
    print(f"{len(cases)} labelled quotation pairs ({', '.join(languages)})")
    outcomes = [run_case(case) for case in cases]
    print(f"\nas written:\n{confusion_table(outcomes)}")
    swapped = [run_case(mirrored(case)) for case in cases]
    print(f"\nmirrored (the versions swapped):\n{confusion_table(swapped)}")
    outcomes += swapped
    if args.wrong:
        for o in outcomes:
            if o.verdict != o.case.verdict or o.reattributed != o.case.reattributed or (
                not o.speakers_right
            ):
                q = o.quote
                got = f"{o.verdict}, reattributed {o.reattributed}"
                if q is not None:
                    got += f", speakers {q.speaker_left!r} / {q.speaker_right!r}"
                print(f"{o.case.id}: expected {o.case.verdict}, reattributed "
                      f"{o.case.reattributed}, speakers {o.case.speaker_left!r} / "
                      f"{o.case.speaker_right!r}; got {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
