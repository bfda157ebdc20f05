"""Direct quotations: extraction, speakers, pairing across versions, and one verdict each.

`pair_quotations` is the engine's entry point: every quotation of either side lands in
exactly one `Quote` entry (see `matching`), with its speakers (`speakers`) and its verdict
and evidence (`verdicts`). Entries come in reading order, by the row of their first right
part, else of their first left part.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.compare.model import CompareOptions, Quote, Row, Side
from reader.compare.quotes.extraction import Quotation, extract_quotations
from reader.compare.quotes.matching import Pairing
from reader.compare.quotes.speakers import Speaker, SpeakerFinder
from reader.compare.quotes.verdicts import entry_quote, entry_sides, wording

_DEFAULT = CompareOptions()

__all__ = ["Quotation", "Speaker", "extract_quotations", "pair_quotations"]


def pair_quotations(
    left: Side, right: Side, rows: Sequence[Row], options: CompareOptions = _DEFAULT
) -> tuple[Quote, ...]:
    lq = extract_quotations(left)
    rq = extract_quotations(right)
    if not lq and not rq:
        return ()
    lfind = SpeakerFinder(left, [(q.opener, q.closer) for q in lq])
    rfind = SpeakerFinder(right, [(q.opener, q.closer) for q in rq])
    lspeakers = [lfind.of_quotation(q.opener, q.closer) for q in lq]
    rspeakers = [rfind.of_quotation(q.opener, q.closer) for q in rq]
    pairing = Pairing(
        left, right, rows, (lq, rq), (lspeakers, rspeakers)
    )
    quotes: list[Quote] = []
    for entry in pairing.run():
        lefts, rights = entry_sides(entry, lq, rq)
        lspk = [lspeakers[a] for a in entry.lefts]
        rspk = [rspeakers[b] for b in entry.rights]
        if entry.reported_left is not None:
            lspk.append(lfind.of_reported(entry.reported_left.side.start))
        if entry.reported_right is not None:
            rspk.append(rfind.of_reported(entry.reported_right.side.start))
        quotes.append(
            entry_quote(
                wording(lefts, lspk, entry.reported_left is not None),
                wording(rights, rspk, entry.reported_right is not None),
                entry.by_speaker,
                match_case=not options.ignore_case,
            )
        )
    row_of_left, row_of_right = pairing.row_of_left, pairing.row_of_right

    def order(q: Quote) -> tuple[int, int]:
        if q.right is not None:
            return row_of_right.get(q.right.sentence, 0), q.right.start
        assert q.left is not None
        return row_of_left.get(q.left.sentence, 0), q.left.start

    return tuple(sorted(quotes, key=order))
