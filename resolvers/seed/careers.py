"""The careers part of a generated community: recruiters, postings, preferences, applications.

`CareersBuilder(gen)` builds, after the community, its activity and learning, every careers kind
of graph/seed/careers_writer.py (`CAREERS_KINDS`, in that write order) and yields their rows,
shaped as graph/seed/careers.cypher reads them (graph/MODEL.md, "Careers"). Companies (with their
`size` band) and who works there come from learning (resolvers/seed/learning_companies.py).

Sizes (`CAREERS_SIZES`: postings, median applications per posting, median profile views per
recruiter), and what they gave (seeds 7, 11 and 1):

| size | postings | recruiters | preferences (opted in) | applications | views | searches | outcomes | exhibitors |
|---|---|---|---|---|---|---|---|---|
| demo (1.5, 4) | 150 | 24 | 100 (69) | 312 | 127 | 30 | 15 | 29 |
| small (4, 10) | 1,500 | 118 | 2,000 (1,394) | 10,042 | 2,789 | 127 | 327 | 255 |
| medium (5, 15) | 11,000 | 451 | 20,000 (14,007) | 86,985 | 19,190 | 555 | 3,323 | 952 |

The shares are the same at every size: 20% of members have career preferences, 70% of those are
findable by recruiters (14% of all members), 3% report an outcome; 30% of postings are CLOSED,
about 3% of applications end HIRED. Postings ask for 3.8 skills and 0.75 certifications on
average. Loading the careers kinds of `medium` takes about 80 s (most of it the applications).

- Who: resolvers/seed/careers_people.py (preferences, more likely for certified members and
  those "Open to Work"; reported promotions and new jobs).
- Hiring companies, recruiters, postings and requirements: resolvers/seed/careers_jobs.py
  (postings ask for skill combinations real members hold, so matches exist at every size).
- Applications, saved searches, profile views, job-fair exhibitors: resolvers/seed/careers_activity.py.

Everything is dated relative to `now` (postings over the last 6 months, preferences over the
last year), from random streams of its own (`careers-...`), so the community and learning rows
are unchanged by it; `applicationCount` is counted from the applications yielded, so
`counter_mismatches()` finds the careers invariants hold once everything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

from graph.seed.careers_writer import CAREERS_KINDS
from resolvers.seed.careers_activity import ActivityBuilder
from resolvers.seed.careers_jobs import JobBuilder
from resolvers.seed.careers_people import PeopleBuilder

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator


@dataclass(frozen=True)
class CareersSize:
    """How much careers data one named seed has."""

    postings: int
    applications_median: float
    views_median: float


CAREERS_SIZES: dict[str, CareersSize] = {
    "demo": CareersSize(postings=150, applications_median=1.5, views_median=4),
    "small": CareersSize(postings=1_500, applications_median=4, views_median=10),
    "medium": CareersSize(postings=11_000, applications_median=5, views_median=15),
}


class CareersBuilder:
    """Builds and emits the careers kinds for one `SeedGenerator` (after its learning is built)."""

    def __init__(self, gen: "SeedGenerator") -> None:
        self.gen = gen
        self.size = CAREERS_SIZES[gen.size]

    def build(self) -> None:
        # Preferences first: postings are modelled on members, half the time ones open to work.
        self.people = PeopleBuilder(self.gen)
        self.people.build()
        self.jobs = JobBuilder(self.gen, self.size, self.people)
        self.jobs.build()
        self.activity = ActivityBuilder(self.gen, self.size, self.people, self.jobs)
        self.activity.build()

    def totals(self) -> dict[str, int]:
        jobs, activity = self.jobs, self.activity
        return {
            "recruiters": len(jobs.recruiters),
            "job_postings": len(jobs.postings),
            "job_skill_requirements": sum(len(r) for r in jobs.skill_requirements),
            "job_certification_requirements": sum(len(r) for r in jobs.cert_requirements),
            "career_preferences": len(self.people.preferences),
            "applications": len(activity.applications),
            "saved_searches": len(activity.saved_searches),
            "profile_views": len(activity.views),
            "career_outcomes": len(self.people.outcomes),
            "job_fair_exhibitors": len(activity.exhibitors),
        }

    def rows(self, kind: str) -> Iterator[dict[str, Any]]:
        emit: dict[str, Callable[[], Iterator[dict[str, Any]]]] = {
            "recruiters": self.jobs.recruiter_rows,
            "job_postings": self.jobs.posting_rows,
            "job_skill_requirements": self.jobs.skill_requirement_rows,
            "job_certification_requirements": self.jobs.cert_requirement_rows,
            "career_preferences": self.people.preference_rows,
            "applications": self.activity.application_rows,
            "saved_searches": self.activity.saved_search_rows,
            "profile_views": self.activity.profile_view_rows,
            "career_outcomes": self.people.outcome_rows,
            "job_fair_exhibitors": self.activity.exhibitor_rows,
        }
        if kind not in CAREERS_KINDS:
            raise ValueError(f"unknown row kind {kind!r}")
        return emit[kind]()


__all__ = ["CAREERS_SIZES", "CareersBuilder", "CareersSize"]
