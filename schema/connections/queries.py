"""ConnectionQueries: root query fields of this domain."""

from __future__ import annotations

import strawberry


@strawberry.type
class ConnectionQueries:
    pass
