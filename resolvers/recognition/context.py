"""What every recognition area shares in a request (`recognition(scope)`): who is a current MVP.

A current MVP serves an `MvpTerm` whose one-year span covers now (graph/MODEL.md,
"Recognition"). MVPs review nominations (with admins) and host OFFICE_HOURS events.
"""

from __future__ import annotations

from datetime import datetime, timezone

from strawberry.dataloader import DataLoader

from graph.recognition.core import RecognitionRepository
from resolvers.community.loaders import keyed_loader
from resolvers.learning.credentials import epoch_millis
from resolvers.scope import RequestScope

ADMIN = "admin"


class RecognitionContext:
    """The shared recognition repository and loaders of one request."""

    def __init__(self, scope: RequestScope) -> None:
        self.scope = scope
        repo = self.repository = RecognitionRepository(scope.graph)
        self.now = datetime.now(timezone.utc)
        now_ms = epoch_millis(self.now)

        async def current(ids: list[str]) -> dict[str, bool]:
            return await repo.current_mvps(ids, now_ms=now_ms)

        self.is_current_mvp: DataLoader[str, bool] = keyed_loader(current, default=False)

    def is_admin(self) -> bool:
        viewer = self.scope.viewer
        return viewer is not None and viewer.has_role(ADMIN)

    async def viewer_is_current_mvp(self) -> bool:
        viewer = self.scope.viewer
        return viewer is not None and await self.is_current_mvp.load(viewer.member_id)


def recognition(scope: RequestScope) -> RecognitionContext:
    """The request's RecognitionContext."""
    return scope.per_request(RecognitionContext)


__all__ = ["ADMIN", "RecognitionContext", "recognition"]
