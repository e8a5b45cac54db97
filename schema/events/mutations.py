"""EventMutations: root mutation fields of this domain, each with one input and a payload with userErrors."""

from __future__ import annotations

import strawberry


@strawberry.type
class EventMutations:
    pass
