"""Reputation rules (Stack Overflow-style): what votes and acceptances are worth.

The writes that move votes and acceptances and the statement that recomputes reputation from
the graph both take their points from `REPUTATION`, so the stored and the recomputed totals
follow one rule.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReputationRules:
    """Points an answer's author earns (or loses) for what happens to the answer."""

    upvote: int = 10  # per up vote received
    downvote: int = -2  # per down vote received
    accepted: int = 15  # per accepted answer on someone else's question (self-accepts earn nothing)

    def params(self) -> dict[str, int]:
        """The statement parameters that carry these rules."""
        return {"upvotePoints": self.upvote, "downvotePoints": self.downvote, "acceptedPoints": self.accepted}


REPUTATION = ReputationRules()
