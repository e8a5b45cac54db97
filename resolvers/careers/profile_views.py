"""The profile-view log: every member profile a recruiter is shown through the API is recorded,
and the member reads who viewed them (`viewer.profileViews`), a transparency recruiting sites lack.

Recording. Field resolvers that expose a member to a recruiter (talent search results, a
posting's candidates, applicants, fair attendees) await `record_profile_views(scope, ids, via=...,
company_id=...)`. Calls made in the same tick of one request (the 50 results of a page, each
resolving its own member) are gathered by a per-request DataLoader whose batch function writes
them all in ONE statement, so a page costs one write however many members it shows, and a member
shown twice in a request is written once.

De-duplication. The log keeps at most one view per recruiter, member, source and UTC day: a
recruiter paging back and forth is one view. The statement skips views already logged since
the start of the UTC day; it locks the recruiter's node first (a no-op SET), so two concurrent
requests of the same recruiter are serialised on Neo4j and conflict (then retry, re-reading) on
the embedded engine's MVCC, and the second sees the first's views instead of logging them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Sequence

from strawberry.dataloader import DataLoader

from graph.careers.talent import TalentRepository
from resolvers.community.loaders import page_loader
from resolvers.community.service import _nested
from resolvers.learning.credentials import epoch_millis
from resolvers.pagination import Slice, Window, page_params
from resolvers.scope import RequestScope

SOURCES = ("TALENT_SEARCH", "CANDIDATES", "APPLICATION", "JOB_FAIR", "PROFILE")


@dataclass(frozen=True, slots=True)
class _View:
    member_id: str
    via: str
    company_id: str


class ProfileViews:
    """The request's view recorder (one write per tick) and the viewed member's log."""

    def __init__(self, scope: RequestScope) -> None:
        self.scope = scope
        repo = self.repository = TalentRepository(scope.graph)
        self.recorder: DataLoader[_View, None] = DataLoader(load_fn=self._write)
        self.views_of_member: DataLoader = page_loader(
            lambda ids, win, _: repo.profile_views_of_members(ids, **page_params(win)))

    async def _write(self, keys: Sequence[_View]) -> list[None]:
        viewer = self.scope.viewer
        if viewer is not None:
            by_member_and_source: dict[tuple[str, str], _View] = {}
            for view in keys:
                if view.member_id != viewer.member_id:
                    by_member_and_source.setdefault((view.member_id, view.via), view)
            if by_member_and_source:
                now = datetime.now(timezone.utc)
                day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
                await self.repository.record_profile_views(
                    viewer.member_id,
                    [{"memberId": v.member_id, "companyId": v.company_id, "via": v.via}
                     for v in by_member_and_source.values()],
                    at_ms=epoch_millis(now), day_start_ms=epoch_millis(day_start))
        return [None] * len(keys)


def profile_views(scope: RequestScope) -> ProfileViews:
    return scope.per_request(ProfileViews)


async def record_profile_views(scope: RequestScope, member_ids: list[str], *, via: str, company_id: str) -> None:
    """Log that the viewer (a recruiter acting for `company_id`) was shown these members' profiles.

    Batched per request tick (see the module docstring); the viewer themself and anonymous
    callers are never logged. `via` is one of SOURCES.
    """
    if via not in SOURCES:
        raise ValueError(f"unknown profile view source {via!r}")
    if scope.viewer is None or not member_ids:
        return
    await profile_views(scope).recorder.load_many([_View(member_id, via, company_id) for member_id in member_ids])


async def profile_views_of(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    """Who viewed the viewer's profile, newest first (`viewer.profileViews`); viewer only."""
    viewer_id = scope.require_self(member_id, "profileViews")
    return await _nested(profile_views(scope).views_of_member, viewer_id, win, None)


__all__ = ["SOURCES", "ProfileViews", "profile_views", "profile_views_of", "record_profile_views"]
