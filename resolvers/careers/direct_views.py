"""Profiles a recruiter opens directly: `member(handle:)` and `node(id:)`/`nodes(ids:)` on a Member.

Careers fields record the members they show a recruiter (talent search, candidates, applicants,
fair attendees); this records the other way a recruiter views a profile, opening it by handle or
ID, as source PROFILE, so `viewer.profileViews` tells a member about every profile view a
recruiter made through the API. A recruiter is who `CareersContext.recruiter_companies` says
(the `recruiter` role and a company they recruit for); the view is logged for their first
company. Other callers cost nothing: the role is checked before any query.
"""

from __future__ import annotations

from resolvers.careers.context import RECRUITER_ROLE, careers
from resolvers.careers.profile_views import record_profile_views
from resolvers.scope import RequestScope


async def record_direct_view(scope: RequestScope, member_id: str) -> None:
    viewer = scope.viewer
    if viewer is None or not viewer.has_role(RECRUITER_ROLE) or viewer.member_id == member_id:
        return
    companies = await careers(scope).recruiter_companies()
    if companies:
        await record_profile_views(scope, [member_id], via="PROFILE", company_id=companies[0])
