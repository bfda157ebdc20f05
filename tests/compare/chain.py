"""A story edited five times after publication, for tests that follow passages across versions."""

from __future__ import annotations

# A council story edited five times after publication. Each version differs from the one before
# in one way the tests below follow.
CHAIN = [
    # v0: as published
    "The council approved the harbour budget on Monday. Mayor Lina Ortiz called the vote "
    "historic. Fishermen protested outside the hall. The harbour budget rises by 4 percent.",
    # v1: a sentence added at the end
    "The council approved the harbour budget on Monday. Mayor Lina Ortiz called the vote "
    "historic. Fishermen protested outside the hall. The harbour budget rises by 4 percent. "
    "The vote was seven to two.",
    # v2: the mayor's sentence reworded
    "The council approved the harbour budget on Monday. Mayor Lina Ortiz called the vote "
    "a turning point. Fishermen protested outside the hall. The harbour budget rises by "
    "4 percent. The vote was seven to two.",
    # v3: the protest sentence deleted
    "The council approved the harbour budget on Monday. Mayor Lina Ortiz called the vote "
    "a turning point. The harbour budget rises by 4 percent. The vote was seven to two.",
    # v4: sentences moved: the count first
    "The vote was seven to two. The council approved the harbour budget on Monday. "
    "Mayor Lina Ortiz called the vote a turning point. The harbour budget rises by 4 percent.",
    # v5: the protest sentence restored
    "The vote was seven to two. The council approved the harbour budget on Monday. "
    "Mayor Lina Ortiz called the vote a turning point. Fishermen protested outside the hall. "
    "The harbour budget rises by 4 percent.",
]

