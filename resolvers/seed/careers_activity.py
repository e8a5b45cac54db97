"""Recruiting activity: applications, recruiters' saved searches and profile views, job-fair exhibitors.

Applications: per posting, log-normal (sigma 1.1, median `CareersSize.applications_median`),
times min(1, (age in days + 3) / 30) (applications accumulate in a posting's first month), at
most the pool: a few postings draw hundreds, most a handful. Applicants are members of the
posting's role, 55% from its country when it is not remote, else from anywhere, 10% from any
role (career changers); each weighted 1, x6 when open to work, x3 when their profile says "Open
to Work"; never the company's own recruiters, one application per member and posting. Applied
1 hour to ~3 weeks (exponential, mean 7 days) after posting, before it closed. Statuses funnel:
on an open posting an application is still APPLIED with probability exp(-days / 10), otherwise
REJECTED 50%, IN_REVIEW 25%, INTERVIEW 17%, OFFER 6%, HIRED 2%; a closed posting hired one
applicant with probability applicants / 12 (at most 0.8: the rest hired elsewhere; two for 10% of
those with 10+ applicants), rejected 88% of the others and never answered the rest (APPLIED).
About 3% of applications end HIRED, with `hiredAt` 1-8 weeks after applying, by the close. 40%
carry a cover note. `applicationCount` is counted from these very rows.

Saved searches: 60% of recruiters (the first always, so every data set has some) keep 1-3,
created in the last 6 months after they started recruiting and last run since; each is a talent
search for one of their company's open postings: its required skills as MUST (their minLevel),
its first certification (ANY, active only), within 50 km of its city, or for a remote posting
open to remote (in its country, when it names one). The stored text is the API's own canonical
form (`TalentFilter.to_json`, resolvers/careers/talent_filter.py), as `saveSearch` writes it.

Profile views (a log: a recruiter may view a member twice): per recruiter log-normal (median
`CareersSize.views_median`, sigma 1.0) views of members who opted in, in the last 6 months, after
both the recruiter started and the member opted in, preferring members of the roles and countries
their company hires for (x3 each); via TALENT_SEARCH 55%, CANDIDATES 20%, PROFILE 15%, JOB_FAIR 10%.
Besides, recruiters view 10% of their company's applicants (via APPLICATION, after the
application; applicants chose to be seen by that company whatever their opt-in).

Job fairs: every JOB_FAIR event gets exhibitors among the hiring companies, 2-12 (log-normal,
median 4, at most the hiring companies), preferring companies with open postings in the fair's
country (x4) and bigger posting counts (square root); `since` between the event's announcement
and its start (or `now`, if it starts later).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterator

from resolvers.careers.talent_filter import ANY, MUST, Near, SkillCriterion, TalentFilter
from resolvers.seed import careers_data as cd
from resolvers.seed.careers_people import member_role, weighted_sample
from resolvers.seed.draw import DAY, HOUR, pick, weighted

if TYPE_CHECKING:
    from resolvers.seed.careers import CareersSize
    from resolvers.seed.careers_jobs import JobBuilder
    from resolvers.seed.careers_people import PeopleBuilder
    from resolvers.seed.generator import SeedGenerator

MAX_APPLICATIONS = 400
OPEN_STATUSES = (("REJECTED", 50), ("IN_REVIEW", 25), ("INTERVIEW", 17), ("OFFER", 6), ("HIRED", 2))
# A closed posting filled through the community: with probability applicants / 12, at most 0.8
# (others hired elsewhere); one hire, two for 10% of those with 10+ applicants.
HIRED_PER, HIRED_AT_MOST = 12.0, 0.8
VIEW_VIA = (("TALENT_SEARCH", 55), ("CANDIDATES", 20), ("PROFILE", 15), ("JOB_FAIR", 10))
VIEW_SPAN = 182 * DAY
SEARCH_RADIUS_KM = 50.0


class ActivityBuilder:
    """Applications, saved searches, profile views and fair exhibitors for one `SeedGenerator`."""

    def __init__(self, gen: "SeedGenerator", size: "CareersSize", people: "PeopleBuilder", jobs: "JobBuilder") -> None:
        self.gen = gen
        self.size = size
        self.people = people
        self.jobs = jobs

    def build(self) -> None:
        self._applications()
        self._saved_searches()
        self._profile_views()
        self._exhibitors()

    # ------------------------------------------------------------------ applications

    def _pools(self) -> None:
        """Applicant pools with cumulative weights: per role, per (role, country), and everyone."""
        gen, people = self.gen, self.people
        weight = [1.0] * len(gen.members)
        for m, member in enumerate(gen.members):
            if people.open_to_work(m):
                weight[m] *= 6.0
            if member["company"] == "Open to Work":
                weight[m] *= 3.0
        by_role: dict[str, list[int]] = {}
        by_place: dict[tuple[str, str], list[int]] = {}
        for m, member in enumerate(gen.members):
            role = member_role(gen, m)
            by_role.setdefault(role, []).append(m)
            by_place.setdefault((role, member["country"]), []).append(m)

        def cumulative(ms: list[int]) -> tuple[list[int], list[float]]:
            return ms, list(itertools.accumulate(weight[m] for m in ms))

        self.role_pool = {k: cumulative(v) for k, v in by_role.items()}
        self.place_pool = {k: cumulative(v) for k, v in by_place.items()}
        self.any_pool = cumulative(list(range(len(gen.members))))

    def _applications(self) -> None:
        gen, rng, jobs = self.gen, self.gen._rng("careers-applications"), self.jobs
        self._pools()
        self.applications: list[dict[str, Any]] = []
        self.applicants_of: list[list[int]] = []  # per posting, applicant member indexes
        mu = math.log(self.size.applications_median)
        for j, job in enumerate(jobs.postings):
            age_days = job["_age"] / DAY
            wanted = int(rng.lognormvariate(mu, 1.1) * min(1.0, (age_days + 3) / 30))
            role = job["_role"]
            recruiters = set(jobs.recruiters_of.get(job["_company"], ()))
            local = self.place_pool.get((role, job["country"])) if job["workplace"] != "REMOTE" else None
            applicants: dict[int, None] = {}
            wanted = min(wanted, MAX_APPLICATIONS, len(self.role_pool[role][0]) // 2)
            for _ in range(wanted * 3):
                if len(applicants) >= wanted:
                    break
                r = rng.random()
                ms, cum = (local if local and r < 0.55 else self.any_pool if r > 0.9 else self.role_pool[role])
                m = ms[pick(rng, cum)]
                if m not in recruiters and gen.joined_ago[m] > job["_age"]:
                    applicants.setdefault(m, None)
            self.applicants_of.append(list(applicants))
            self._statuses(rng, j, list(applicants))
            job["applicationCount"] = len(applicants)

    def _statuses(self, rng, j: int, applicants: list[int]) -> None:
        gen = self.gen
        job = self.jobs.postings[j]
        age, closed_ago = job["_age"], job["_closed_ago"]
        end = closed_ago if closed_ago is not None else 0  # nothing happens after the close
        hired: set[int] = set()
        if closed_ago is not None and applicants and rng.random() < min(HIRED_AT_MOST, len(applicants) / HIRED_PER):
            hired = set(rng.sample(range(len(applicants)), 2 if len(applicants) >= 10 and rng.random() < 0.1 else 1))
        skills = self.jobs.skill_requirements[j]
        company = gen.learning.companies.companies[job["_company"]]["name"]
        for i, m in enumerate(applicants):
            applied = age - min(age - end, HOUR + int(rng.expovariate(1 / (7 * DAY))))
            days = (applied - end) / DAY
            if closed_ago is not None:
                status = "HIRED" if i in hired else "REJECTED" if rng.random() < 0.88 else "APPLIED"
            elif rng.random() < math.exp(-days / 10):
                status = "APPLIED"
            else:
                status = weighted(rng, OPEN_STATUSES)
            hired_ago = None
            if status == "HIRED":
                hired_ago = max(end, applied - rng.randint(7, 56) * DAY)
                updated = hired_ago
            elif status == "APPLIED":
                updated = applied
            else:
                updated = applied - int(rng.random() * (applied - end))
            note = None
            if rng.random() < 0.4:
                note = rng.choice(cd.COVER_NOTES).format(
                    skill=gen.skills[skills[0][0]]["name"] if skills else "the platform", company=company)
            self.applications.append({
                "id": gen._uuid(rng), "memberId": gen.members[m]["id"], "jobId": job["id"], "status": status,
                "coverNote": note, "appliedAt": gen.at(applied), "updatedAt": gen.at(updated),
                "hiredAt": gen.at(hired_ago) if hired_ago is not None else None, "_member": m, "_job": j,
                "_applied": applied,
            })

    # ------------------------------------------------------------------ saved searches

    def _saved_searches(self) -> None:
        gen, rng, jobs = self.gen, self.gen._rng("careers-searches"), self.jobs
        certs = gen.learning.catalog.certifications
        open_by_company: dict[int, list[int]] = {}
        for j, job in enumerate(jobs.postings):
            if job["status"] == "OPEN":
                open_by_company.setdefault(job["_company"], []).append(j)
        self.saved_searches: list[dict[str, Any]] = []
        for r, (m, c, since) in enumerate(jobs.recruiters):
            postings = open_by_company.get(c)
            if not postings or (r > 0 and rng.random() >= 0.6):
                continue
            since_ago = gen.ago(since)
            for _ in range(rng.randint(1, 3)):
                j = rng.choice(postings)
                job = jobs.postings[j]
                required = [(s, level) for s, level, _, necessity in jobs.skill_requirements[j]
                            if necessity == "REQUIRED"]
                first_cert = jobs.cert_requirements[j][:1]
                near = (Near(job["latitude"], job["longitude"], SEARCH_RADIUS_KM) if job["latitude"] is not None
                        else None)
                filter_ = TalentFilter(
                    skills=tuple(SkillCriterion(gen.skills[s]["id"], level, MUST) for s, level in required),
                    certification_ids=tuple(certs[c]["id"] for c, _ in first_cert), certification_match=ANY,
                    near=near, country=None if near else job["country"], open_to_remote=near is None)
                created = HOUR + int(rng.random() * (min(since_ago, 182 * DAY) - HOUR))
                last_run = int(created * rng.random())
                skill_names = [gen.skills[s]["name"] for s, _ in required] or ["Salesforce"]
                name = rng.choice(cd.SAVED_SEARCH_NAMES).format(
                    skill=skill_names[0], skill2=skill_names[-1], city=job["city"] or "anywhere",
                    country=job["country"] or "anywhere", role=job["_role"].title())
                self.saved_searches.append({
                    "id": gen._uuid(rng), "memberId": gen.members[m]["id"], "companyId": job["companyId"],
                    "name": name, "filter": filter_.to_json(), "createdAt": gen.at(created),
                    "lastRunAt": gen.at(last_run),
                })

    # ------------------------------------------------------------------ profile views

    def _profile_views(self) -> None:
        gen, rng, jobs, people = self.gen, self.gen._rng("careers-views"), self.jobs, self.people
        searchable = people.searchable_members()
        hires: dict[int, tuple[set[str], set[str]]] = {}  # company -> (roles, countries) it posts for
        for job in jobs.postings:
            roles, countries = hires.setdefault(job["_company"], (set(), set()))
            roles.add(job["_role"])
            if job["country"]:
                countries.add(job["country"])
        applications_of: dict[int, list[dict[str, Any]]] = {}
        for a in self.applications:
            applications_of.setdefault(jobs.postings[a["_job"]]["_company"], []).append(a)
        role_of = [member_role(gen, x) for x in searchable]
        country_of = [gen.members[x]["country"] for x in searchable]
        self.views: list[dict[str, Any]] = []
        mu = math.log(self.size.views_median)
        for m, c, since in jobs.recruiters:
            company_id = gen.learning.companies.companies[c]["id"]
            since_ago = gen.ago(since)
            roles, countries = hires.get(c, (set(), set()))
            count = min(len(searchable) - 1, int(rng.lognormvariate(mu, 1.0)))
            chosen: dict[int, None] = {}
            for _ in range(50 * count):  # weighted draws by rejection: accepted with weight / 9
                if len(chosen) >= count:
                    break
                i = rng.randrange(len(searchable))
                weight = (3 if role_of[i] in roles else 1) * (3 if country_of[i] in countries else 1)
                if searchable[i] != m and rng.random() * 9 < weight:
                    chosen.setdefault(searchable[i], None)
            viewed = list(chosen)
            viewed += [rng.choice(viewed) for _ in range(len(viewed) // 10)] if viewed else []
            for x in viewed:
                window = min(since_ago, people.opted_in_ago[x], VIEW_SPAN)
                at = int(rng.random() * window)
                self.views.append({"recruiterId": gen.members[m]["id"], "memberId": gen.members[x]["id"],
                                   "companyId": company_id, "via": weighted(rng, VIEW_VIA), "at": gen.at(at)})
            for a in applications_of.get(c, ()):
                if a["_member"] != m and rng.random() < 0.1 / len(jobs.recruiters_of[c]):
                    window = min(a["_applied"], since_ago)
                    self.views.append({"recruiterId": gen.members[m]["id"], "memberId": a["memberId"],
                                       "companyId": company_id, "via": "APPLICATION",
                                       "at": gen.at(int(rng.random() * window))})

    # ------------------------------------------------------------------ job fairs

    def _exhibitors(self) -> None:
        gen, rng, jobs = self.gen, self.gen._rng("careers-fairs"), self.jobs
        companies = gen.learning.companies.companies
        open_in: dict[int, Counter[str]] = {c: Counter() for c in jobs.hiring}
        for job in jobs.postings:
            if job["status"] == "OPEN":
                open_in[job["_company"]][job["country"] or ""] += 1
        self.exhibitors: list[dict[str, Any]] = []
        for event in gen.event_builder.events:
            if event["kind"] != "JOB_FAIR":
                continue
            weights = [math.sqrt(jobs.posting_counts[c]) * (4.0 if open_in[c][event["country"] or ""] else 1.0)
                       for c in jobs.hiring]
            count = max(2, min(12, len(jobs.hiring), round(rng.lognormvariate(math.log(4), 0.6))))
            created_ago = gen.ago(event["createdAt"])
            start_ago = max(0, gen.ago(event["startsAt"]))
            for i in weighted_sample(rng, weights, count):
                ago = start_ago + int(rng.random() * max(HOUR, created_ago - start_ago))
                self.exhibitors.append({"companyId": companies[jobs.hiring[i]]["id"], "eventId": event["id"],
                                        "since": gen.at(min(ago, created_ago))})

    # ------------------------------------------------------------------ rows

    def application_rows(self) -> Iterator[dict[str, Any]]:
        for row in self.applications:
            yield {k: v for k, v in row.items() if not k.startswith("_")}

    def saved_search_rows(self) -> Iterator[dict[str, Any]]:
        yield from (dict(s) for s in self.saved_searches)

    def profile_view_rows(self) -> Iterator[dict[str, Any]]:
        yield from (dict(v) for v in self.views)

    def exhibitor_rows(self) -> Iterator[dict[str, Any]]:
        yield from (dict(e) for e in self.exhibitors)


__all__ = ["ActivityBuilder"]
