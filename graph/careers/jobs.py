"""JobsRepository: the public posting search, companies' postings and recruiters, and the
recruiters' writes (graph/careers/jobs.cypher)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.careers import QUERIES
from graph.community.repository import Page, Row, Visibility
from graph.database import Graph, Transaction


@dataclass(frozen=True, slots=True)
class JobSearch:
    """A checked `jobs` filter as query parameters (None or empty when unused)."""

    open: bool = True
    search: str | None = None
    skill_ids: tuple[str, ...] = ()
    certification_id: str | None = None
    company_id: str | None = None
    country: str | None = None
    city: str | None = None  # lower-cased
    near: tuple[float, float, float] | None = None  # latitude, longitude, radiusKm
    remote: bool | None = None
    seniority: tuple[str, ...] | None = None
    posted_since_ms: int | None = None

    @property
    def anchored(self) -> bool:
        """Whether the search can start from a company, skill or certification node."""
        return bool(self.company_id or self.skill_ids or self.certification_id)

    def params(self, now_ms: int) -> dict[str, Any]:
        near = None
        if self.near is not None:
            near = {"latitude": self.near[0], "longitude": self.near[1], "radiusKm": self.near[2]}
        params: dict[str, Any] = {
            "now": now_ms, "open": self.open, "search": self.search, "country": self.country, "city": self.city,
            "remote": self.remote, "seniority": list(self.seniority) if self.seniority is not None else None,
            "postedSince": self.posted_since_ms, "near": near,
        }
        if self.anchored:
            named = len(self.skill_ids) + bool(self.company_id) + bool(self.certification_id)
            params.update(companyId=self.company_id, skillIds=list(self.skill_ids),
                          certificationId=self.certification_id, checkLinks=named > 1)
        return params


def _job(row: Row) -> Row:
    """A search row as a posting row: the node's properties plus companyId and companyName."""
    return {**row["job"], "companyId": row["company"]["id"], "companyName": row["company"]["name"]}


class JobsRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- reads ---------------------------------------------------------------------------------

    async def search(self, search: JobSearch, *, now_ms: int, skip: int, limit: int) -> list[tuple[Row, Row]]:
        """A page of postings, newest first: (posting row, company row) pairs."""
        name = "jobs_search_anchored_page" if search.anchored else "jobs_search_page"
        rows = await self.graph.read(QUERIES[name], skip=skip, limit=limit, **search.params(now_ms))
        return [(_job(row), row["company"]) for row in rows]

    async def count(self, search: JobSearch, *, now_ms: int) -> int:
        name = "jobs_search_anchored_count" if search.anchored else "jobs_search_count"
        rows = await self.graph.read(QUERIES[name], **search.params(now_ms))
        return int(rows[0]["total"]) if rows else 0

    async def jobs_of_companies(self, ids: list[str], *, open: bool, now_ms: int, **window: Any) -> dict[str, Page]:
        """A page of each company's OPEN (or CLOSED) postings, newest first, with their total; page rows
        are posting rows (properties plus companyId and companyName)."""
        rows = await self.graph.read(QUERIES["jobs_of_companies"], ids=ids, open=open, now=now_ms, **window)
        return {row["id"]: Page(row["total"], [{**job, "companyId": row["id"], "companyName": row["name"]}
                                               for job in row["page"]]) for row in rows}

    async def open_counts(self, ids: list[str], *, now_ms: int) -> dict[str, int]:
        rows = await self.graph.read(QUERIES["jobs_open_counts"], ids=ids, now=now_ms)
        return {row["id"]: int(row["open"]) for row in rows}

    async def recruiters_of_companies(self, ids: list[str], *, visibility: Visibility,
                                      **window: Any) -> dict[str, Page]:
        """A page of each company's visible recruiters by handle; page rows are {member, since}."""
        rows = await self.graph.read(QUERIES["jobs_recruiters_of_companies"], ids=ids, **window,
                                     **visibility.params())
        return {row["id"]: Page(row["total"], row["page"]) for row in rows}

    # -- writes: each one transaction, so a refused write leaves nothing behind ------------------

    async def create(self, *, member_id: str, company_id: str, job_id: str, props: Row, closes_at_ms: int | None,
                     skills: list[Row], certifications: list[Row], now_ms: int) -> Row | None:
        """Post a job with its requirements; None (nothing written) unless the member recruits for the company."""

        async def work(tx: Transaction) -> Row | None:
            created = await tx.one(QUERIES["jobs_create"], memberId=member_id, companyId=company_id, id=job_id,
                                   props=props, closesAt=closes_at_ms, now=now_ms)
            if created is None:
                return None
            await self._replace_requirements(tx, job_id, skills, certifications)
            return created["job"]

        return await self.graph.write_tx(work)

    async def update(self, *, job_id: str, member_id: str, moderator: bool, props: Row, closes_at: tuple[bool, int | None],
                     skills: list[Row] | None, certifications: list[Row] | None, now_ms: int) -> Row | None:
        """Change an OPEN posting and replace the requirement lists given; None (nothing written)
        when it is missing, CLOSED, or the caller may not (see `jobs_update`)."""
        set_closes_at, closes_at_ms = closes_at

        async def work(tx: Transaction) -> Row | None:
            updated = await tx.one(QUERIES["jobs_update"], id=job_id, memberId=member_id, moderator=moderator,
                                   props=props, setClosesAt=set_closes_at, closesAt=closes_at_ms, now=now_ms)
            if updated is None:
                return None
            await self._replace_requirements(tx, job_id, skills, certifications)
            return updated["job"]

        return await self.graph.write_tx(work)

    async def close(self, *, job_id: str, member_id: str, moderator: bool, now_ms: int) -> Row | None:
        row = await self.graph.write_tx(lambda tx: tx.one(
            QUERIES["jobs_close"], id=job_id, memberId=member_id, moderator=moderator, now=now_ms))
        return row["job"] if row else None

    @staticmethod
    async def _replace_requirements(tx: Transaction, job_id: str, skills: list[Row] | None,
                                    certifications: list[Row] | None) -> None:
        if skills is not None:
            await tx.rows(QUERIES["jobs_replace_skill_requirements"], id=job_id, requirements=skills)
        if certifications is not None:
            await tx.rows(QUERIES["jobs_replace_certification_requirements"], id=job_id, requirements=certifications)
