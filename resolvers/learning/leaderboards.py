"""Leaderboard rules: who is ranked, in which order, and at which position.

- Ranked: members with at least one point whose profile is not PRIVATE (a PRIVATE profile opts
  out of public rankings, the viewer's own included). MEMBERS-only profiles are ranked; whether
  a caller may see who they are is decided when the entry is rendered, never here, so positions
  are the same for every caller.
- Order: points desc, then badges desc, then member id asc (arbitrary but stable, so pages never
  overlap or skip).
- Position: standard competition ranking ("1224"): members with the same points AND badges share
  the position of the first of them, the next one is 1 + the number of members ahead of it.
  A viewer's `leaderboardPosition` is computed by the same rule, so it always equals the
  `position` of their entry in the list.
- Scopes: GLOBAL takes no `scopeId`; COUNTRY an ISO 3166-1 alpha-2 code (any case); GROUP and
  COMPANY a global ID of that type. A missing, malformed or wrongly typed `scopeId` is
  BAD_USER_INPUT; an unknown group or company simply ranks nobody (like an unknown filter value
  in the other lists), so the answer does not depend on whether an id exists.
"""

from __future__ import annotations

from typing import Any

from graph.community.repository import Row
from graph.learning.leaderboards import Board, LeaderboardRepository
from resolvers.community.validation import ISO_COUNTRIES
from resolvers.errors import BadUserInput
from resolvers.ids import id_argument
from resolvers.learning.catalog import RankLadder, catalog
from resolvers.pagination import Slice, Window, paginate
from resolvers.scope import RequestScope

SCOPES = ("GLOBAL", "COUNTRY", "GROUP", "COMPANY")
_ID_TYPES = {"GROUP": "Group", "COMPANY": "Company"}


class LeaderboardContext:
    """The leaderboard repository of one request: `scope.per_request(LeaderboardContext)`."""

    def __init__(self, scope: RequestScope) -> None:
        self.repository = LeaderboardRepository(scope.graph)
        self._scope = scope

    async def ranks(self) -> RankLadder:
        """The rank ladder (read once per request by the catalog)."""
        return await catalog(self._scope).ranks()


def leaderboards(scope: RequestScope) -> LeaderboardContext:
    return scope.per_request(LeaderboardContext)


def _country(value: str) -> str:
    code = value.strip().upper()
    if code not in ISO_COUNTRIES:
        raise BadUserInput("`scopeId` must be an ISO 3166-1 alpha-2 country code, such as DE, for COUNTRY",
                           field="scopeId")
    return code


def _scope_key(scope_name: str, scope_id: str | None, *, required: bool) -> str | None:
    """The validated key of a scope: a country code or a group or company id (None for GLOBAL)."""
    if scope_name not in SCOPES:
        raise BadUserInput(f"`scope` must be one of {', '.join(SCOPES)}", field="scope")
    if scope_name == "GLOBAL":
        if scope_id is not None:
            raise BadUserInput("the GLOBAL leaderboard takes no `scopeId`", field="scopeId")
        return None
    if scope_id is None:
        if required:
            raise BadUserInput(f"`scopeId` is required for the {scope_name} leaderboard", field="scopeId")
        return None
    if scope_name == "COUNTRY":
        return _country(scope_id)
    return id_argument(scope_id, expect=_ID_TYPES[scope_name], argument="scopeId")


def board_of(scope_name: str, scope_id: str | None) -> Board:
    return Board(scope_name, _scope_key(scope_name, scope_id, required=True))


def _standing(row: Row) -> tuple[int, int]:
    return int(row.get("points") or 0), int(row.get("badgeCount") or 0)


def _is_ranked(row: Row | None) -> bool:
    return row is not None and row.get("visibility") != "PRIVATE" and _standing(row)[0] > 0


async def leaderboard(scope: RequestScope, *, scope_name: str, scope_id: str | None, win: Window) -> Slice:
    """A page of a leaderboard: rows `{position, member}` (the Member row, not yet privacy-checked)."""
    board = board_of(scope_name, scope_id)
    repository = leaderboards(scope).repository

    async def page(skip: int, limit: int) -> list[dict[str, Any]]:
        # One row before the window tells whether the window starts inside a tie.
        lead = 1 if skip > 0 else 0
        members = await repository.page(board, skip=skip - lead, limit=limit + lead)
        scope.loaders.prime_members(members)
        return await _positioned(repository, board, members, skip=skip, lead=lead)

    return await paginate(win, page, lambda: repository.count(board))


async def _positioned(repository: LeaderboardRepository, board: Board, members: list[Row], *, skip: int,
                      lead: int) -> list[dict[str, Any]]:
    before = _standing(members[0]) if lead and members else None
    entries: list[dict[str, Any]] = []
    for offset, member in enumerate(members[lead:], start=skip):
        standing = _standing(member)
        if entries and standing == _standing(entries[-1]["member"]):
            position = entries[-1]["position"]
        elif not entries and standing == before:
            # The tie began on an earlier page: its place is 1 + the members ahead of it.
            position = 1 + await repository.ahead(board, points=standing[0], badges=standing[1])
        else:
            position = offset + 1
        entries.append({"position": position, "member": member})
    return entries


async def leaderboard_position(scope: RequestScope, *, member_id: str, scope_name: str,
                               scope_id: str | None) -> int | None:
    """The viewer's position on a leaderboard, or None when they are not ranked on it.

    COUNTRY and COMPANY default to the viewer's own country and employer; GROUP needs `scopeId`.
    """
    viewer_id = scope.require_self(member_id, "leaderboardPosition")
    key = _scope_key(scope_name, scope_id, required=scope_name == "GROUP")
    repository = leaderboards(scope).repository
    if scope_name == "GROUP":
        assert key is not None
        return await repository.group_position(viewer_id, key)
    if scope_name == "COMPANY":
        return await repository.company_position(viewer_id, key)
    viewer = await scope.loaders.member_by_id.load(viewer_id)
    if not _is_ranked(viewer):
        return None
    assert viewer is not None
    if scope_name == "COUNTRY":
        key = key or viewer.get("country")
        if key is None or viewer.get("country") != key:
            return None
    points, badges = _standing(viewer)
    return 1 + await repository.ahead(Board(scope_name, key), points=points, badges=badges)
