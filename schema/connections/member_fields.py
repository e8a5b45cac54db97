"""ConnectionMemberFields: fields this domain adds to the Member type (mixed into it)."""

from __future__ import annotations

import strawberry


@strawberry.type
class ConnectionMemberFields:
    pass
