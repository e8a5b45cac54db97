"""Reputation rules (Stack Overflow-style): what votes and acceptances are worth.

Part of the graph model (graph/MODEL.md): `Member.reputation` is kept equal to these points
summed over the member's answers. Every statement that moves or recomputes it takes its points
from `REPUTATION` as parameters (the vote and acceptance writes, the recomputation, the seed's
recount and consistency check), and the seed generator uses them too: one rule, one place.
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
