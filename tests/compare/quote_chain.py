"""Two stories edited five times, in English and Indonesian, whose quotations change: for tests
that follow a quotation through the versions of a story (its history)."""

from __future__ import annotations

_ORTIZ = ('"The harbour budget will protect every fishing family in this town," said Mayor '
          'Lina Ortiz.')
_ORTIZ_ALTERED = ('"The harbour budget will protect every working family in this town," said '
                  'Mayor Lina Ortiz.')
_ORTIZ_TRIMMED = ('"The harbour budget will protect every working family," said Mayor Lina '
                  'Ortiz.')
_REYES = ('"We will not accept a budget written without us," said Tom Reyes, who leads the '
          'fishermen.')
_REYES_REPORTED = ("Tom Reyes, who leads the fishermen, said they will not accept a budget "
                   "written without us.")
_CHEN = 'Councillor Amy Chen said: "The port needs new cranes before the winter storms."'
_DIAZ = '"The vote was rushed through in one evening," said councillor Paul Diaz.'
_LEAD = "The council approved the harbour budget on Monday after a long debate."
_COUNT = "The vote was seven to two."

# Ortiz: kept, altered (v2), trimmed (v3), then kept. Reyes: kept, then unquoted (v3): reported
# speech. Chen: kept, then dropped (v4). Diaz: added in v2, kept to the end.
QUOTE_CHAIN_EN = [
    " ".join([_LEAD, _ORTIZ, _REYES, _CHEN]),
    " ".join([_LEAD, _ORTIZ, _REYES, _CHEN, _COUNT]),
    " ".join([_LEAD, _ORTIZ_ALTERED, _REYES, _DIAZ, _CHEN, _COUNT]),
    " ".join([_LEAD, _ORTIZ_TRIMMED, _REYES_REPORTED, _DIAZ, _CHEN, _COUNT]),
    " ".join([_LEAD, _ORTIZ_TRIMMED, _REYES_REPORTED, _DIAZ, _COUNT]),
    " ".join([_COUNT, _LEAD, _ORTIZ_TRIMMED, _DIAZ]),
]

_RUTTE = ('"Yang jelas, kami harus memastikan Ukraina berada dalam posisi yang kuat untuk '
          'perdamaian yang langgeng," kata Sekjen NATO Mark Rutte.')
_RUTTE_ALTERED = ('"Yang jelas, kami wajib memastikan Ukraina berada dalam posisi yang kuat '
                  'untuk perdamaian yang langgeng," kata Sekjen NATO Mark Rutte.')
_RUTTE_TRIMMED = ('"Kami wajib memastikan Ukraina berada dalam posisi yang kuat," kata Sekjen '
                  'NATO Mark Rutte.')
_UMEROV = '"Kami kuat, kami mampu, dan kami akan bertahan," ujar Menteri Pertahanan Rustem Umerov.'
_UMEROV_REPORTED = ("Menteri Pertahanan Rustem Umerov mengatakan bahwa mereka kuat, mampu, dan "
                    "akan bertahan.")
_BANTUAN = 'Menurut Pete Hegseth, "Amerika Serikat akan terus mengirim bantuan ke Eropa."'
_LEAD_ID = "Para menteri pertahanan NATO bertemu di Brussel pada Kamis (13/2)."
_CLOSE_ID = "Pertemuan berikutnya dijadwalkan pada bulan Juni."

# Rutte: kept, altered (v1), trimmed (v2), kept. Umerov: kept, then unquoted (v3).
# Hegseth: kept, then dropped (v4).
QUOTE_CHAIN_ID = [
    " ".join([_LEAD_ID, _RUTTE, _UMEROV, _BANTUAN]),
    " ".join([_LEAD_ID, _RUTTE_ALTERED, _UMEROV, _BANTUAN]),
    " ".join([_LEAD_ID, _RUTTE_TRIMMED, _UMEROV, _BANTUAN, _CLOSE_ID]),
    " ".join([_LEAD_ID, _RUTTE_TRIMMED, _UMEROV_REPORTED, _BANTUAN, _CLOSE_ID]),
    " ".join([_LEAD_ID, _RUTTE_TRIMMED, _UMEROV_REPORTED, _CLOSE_ID]),
    " ".join([_LEAD_ID, _RUTTE_TRIMMED, _CLOSE_ID]),
]
