"""The labelled quotation pairs of `fixtures/quote_cases.txt`, and the engine's score on them.

Shared by the test that holds the engine to its accuracy (test_quote_cases.py) and the bench
script that prints the confusion table (bench/quote_verdicts.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reader.compare import Quote, compare
from reader.compare.quotes import Speaker

CASES_FILE = Path(__file__).parent / "fixtures" / "quote_cases.txt"
SEVERAL = "(several)"  # the engine made more than one entry of a case's quotation
NONE = "(none)"


@dataclass(frozen=True)
class Case:
    id: str
    verdict: str
    reattributed: bool
    speaker_left: str | None  # None: no speaker; "?": not scored
    speaker_right: str | None
    left: str
    right: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    verdict: str  # the engine's verdict, or SEVERAL / NONE
    reattributed: bool
    speakers_right: bool  # both sides' speakers as the case says (where it says)
    quote: Quote | None


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    cases: list[Case] = []
    head: list[str] | None = None
    left: list[str] = []
    right: list[str] = []

    def close() -> None:
        if head is not None:
            cid, verdict, reattributed, sl, sr = head
            cases.append(Case(cid, verdict, reattributed == "yes", _speaker(sl), _speaker(sr),
                              "\n\n".join(left), "\n\n".join(right)))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("== "):
            close()
            head = [field.strip() for field in line[3:].split("|")]
            if len(head) != 5:
                raise ValueError(f"{path.name}: bad case header: {line}")
            left, right = [], []
        elif line.startswith("L: "):
            left.append(line[3:])
        elif line.startswith("R: "):
            right.append(line[3:])
    close()
    return cases


def _speaker(field: str) -> str | None:
    return None if field == "-" else field


# What a verdict becomes when the two versions are swapped.
MIRRORED = {"trimmed": "extended", "extended": "trimmed", "unquoted": "quoted",
            "quoted": "unquoted", "dropped": "added", "added": "dropped"}


def mirrored(case: Case) -> Case:
    """The case with its versions swapped: every pair is labelled both ways round."""
    return Case(case.id, MIRRORED.get(case.verdict, case.verdict), case.reattributed,
                case.speaker_right, case.speaker_left, case.right, case.left)


def run_case(case: Case) -> Outcome:
    quotes = compare(case.left, case.right).quotes
    if len(quotes) != 1:
        return Outcome(case, SEVERAL if quotes else NONE, False, False, None)
    (q,) = quotes
    speakers = _speaker_matches(case.speaker_left, q.speaker_left) and _speaker_matches(
        case.speaker_right, q.speaker_right
    )
    return Outcome(case, q.verdict, q.reattributed, speakers, q)


def _speaker_matches(expected: str | None, found: str | None) -> bool:
    if expected == "?":
        return True
    if expected is None or found is None:
        return expected is found
    return Speaker(expected).same_as(Speaker(found)) is True


def verdict_accuracy(outcomes: list[Outcome]) -> dict[str, float]:
    """Per expected verdict: the share of its cases the engine got right (recall)."""
    total = Counter(o.case.verdict for o in outcomes)
    right = Counter(o.case.verdict for o in outcomes if o.verdict == o.case.verdict)
    return {v: right[v] / n for v, n in total.items()}


def confusion_table(outcomes: list[Outcome]) -> str:
    """Rows: the expected verdict; columns: the engine's; then reattribution and speakers."""
    expected = sorted({o.case.verdict for o in outcomes}, key=_order)
    found = sorted({o.verdict for o in outcomes} | set(expected), key=_order)
    cells = Counter((o.case.verdict, o.verdict) for o in outcomes)
    width = max(len(v) for v in found) + 1
    lines = ["expected \\ engine".ljust(18) + "".join(v.rjust(width) for v in found) + "  accuracy"]
    accuracy = verdict_accuracy(outcomes)
    for e in expected:
        row = "".join(str(cells[e, f] or ".").rjust(width) for f in found)
        lines.append(f"{e:<18}{row}  {accuracy[e]:.2f}")
    flagged = [o for o in outcomes if o.case.reattributed]
    kept = [o for o in outcomes if not o.case.reattributed]
    lines.append(
        f"reattributed: {sum(o.reattributed for o in flagged)}/{len(flagged)} flagged, "
        f"{sum(o.reattributed for o in kept)}/{len(kept)} flagged wrongly; "
        f"speakers right in {sum(o.speakers_right for o in outcomes)}/{len(outcomes)} cases"
    )
    return "\n".join(lines)


_ORDER = ("verbatim", "trimmed", "extended", "altered", "unquoted", "quoted", "dropped", "added")


def _order(verdict: str) -> int:
    return _ORDER.index(verdict) if verdict in _ORDER else len(_ORDER)
