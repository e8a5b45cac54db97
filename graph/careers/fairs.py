"""FairRepository: job fairs (graph/careers/fairs.cypher): exhibitors, the fair's jobs, its
opted-in attendees, and the exhibitor writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.careers import QUERIES
from graph.community.repository import Page, Row
from graph.database import Graph, Transaction

# An exhibitor write a crowd of recruiters may send at once is run again when it loses a race
# (the retry re-reads and finds the relationship the winner wrote).
CONTENDED_ATTEMPTS = 5


@dataclass(frozen=True)
class FairState:
    """What an exhibitor write depends on, read in its transaction."""

    event_exists: bool
    job_fair: bool
    ended: bool
    company_exists: bool
    recruits: bool
    exhibits: bool


@dataclass(frozen=True)
class FairWrite:
    """An exhibitor write: `done` when it happened, else the state that stopped it."""

    done: bool
    state: FairState | None = None


@dataclass(frozen=True)
class FairJobs:
    """A fair's jobs (posting rows with companyId, companyName), and whether the company asked
    about exhibits there (always true when none was)."""

    exhibits: bool
    jobs: list[Row]


def _job(item: Row) -> Row:
    return {**item["job"], "companyId": item["companyId"], "companyName": item["companyName"]}


class FairRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- reads ----------------------------------------------------------------------------

    async def exhibitors_of_events(self, event_ids: list[str], **window: Any) -> dict[str, Page]:
        """A page of each fair's exhibitors; rows are `{company, since}`."""
        rows = await self.graph.read(QUERIES["fairs_exhibitors_of_events"], ids=event_ids, **window)
        return {row["id"]: Page(row["total"], row["page"]) for row in rows}

    async def jobs_of_events(self, event_ids: list[str], **window: Any) -> dict[str, Page]:
        """A page of each fair's jobs; rows are posting rows with companyId and companyName."""
        rows = await self.graph.read(QUERIES["fairs_jobs_of_events"], ids=event_ids, **window)
        return {row["id"]: Page(row["total"], [_job(item) for item in row["page"]]) for row in rows}

    async def open_jobs(self, event_id: str, *, company_id: str | None, limit: int) -> FairJobs:
        """Every job of the fair (only the company's, when given), by id, at most `limit`."""
        rows = await self.graph.read(QUERIES["fairs_open_jobs"], eventId=event_id, companyId=company_id, limit=limit)
        if not rows:
            return FairJobs(False, [])
        return FairJobs(bool(rows[0]["exhibits"]), [_job(item) for item in rows[0]["jobs"]])

    async def opted_in_attendees(self, event_id: str, *, limit: int) -> list[Row]:
        """`{id, status}` of the fair's opted-in attendees (GOING, WAITLISTED or INTERESTED), by id."""
        return await self.graph.read(QUERIES["fairs_opted_in_attendees"], eventId=event_id, limit=limit)

    # -- writes: one transaction each ----------------------------------------------------------

    async def _write(self, name: str, event_id: str, company_id: str, recruiter_id: str) -> FairWrite:
        params = {"eventId": event_id, "companyId": company_id, "recruiterId": recruiter_id}

        async def work(tx: Transaction) -> FairWrite:
            if await tx.rows(QUERIES[name], **params):
                return FairWrite(True)
            state = await tx.one(QUERIES["fairs_state"], **params)
            assert state is not None  # OPTIONAL MATCHes always give a row
            return FairWrite(False, FairState(
                event_exists=state["eventExists"], job_fair=state["jobFair"], ended=state["ended"],
                company_exists=state["companyExists"], recruits=state["recruits"], exhibits=state["exhibits"]))

        return await self.graph.write_tx(work, attempts=CONTENDED_ATTEMPTS)

    async def exhibit(self, event_id: str, company_id: str, *, recruiter_id: str) -> FairWrite:
        return await self._write("fairs_exhibit", event_id, company_id, recruiter_id)

    async def withdraw(self, event_id: str, company_id: str, *, recruiter_id: str) -> FairWrite:
        return await self._write("fairs_withdraw", event_id, company_id, recruiter_id)
