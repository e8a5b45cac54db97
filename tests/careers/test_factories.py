"""The careers factories write a graph the careers invariant check finds consistent, and the
check notices a broken counter."""

from graph.cypher import Query
from graph.seed.writer import SeedWriter
from tests import factories as f
from tests.careers import factories as cf
from tests.learning import factories as lf


async def test_careers_factories_leave_a_consistent_graph(graph):
    recruiter = await cf.recruiter(graph)
    skill, = await f.skills(graph, 1)
    cert = await lf.certification(graph)
    posting = await cf.job(graph, recruiter["company"], skills=[(skill, 3, 5, "REQUIRED")],
                           certifications=[(cert, "NICE_TO_HAVE")])
    seeker = await f.member(graph)
    await cf.preferences(graph, seeker)
    await cf.application(graph, seeker, posting)
    await cf.saved_search(graph, recruiter, filter={"skills": []})
    await cf.profile_view(graph, recruiter, seeker)
    await cf.outcome(graph, seeker)
    writer = SeedWriter(graph)
    counts = await writer.counts()
    assert {k: counts[k] for k in ("recruiters", "job_postings", "job_skill_requirements",
                                   "job_certification_requirements", "career_preferences", "applications",
                                   "saved_searches", "profile_views", "career_outcomes")} == dict.fromkeys(
        ("recruiters", "job_postings", "job_skill_requirements", "job_certification_requirements",
         "career_preferences", "applications", "saved_searches", "profile_views", "career_outcomes"), 1)
    assert (await writer.counter_mismatches())["careers"] == 0

    await graph.write(Query("break_count", "MATCH (j:JobPosting) SET j.applicationCount = 7 RETURN j.id AS id", "",
                            __file__, 0))
    assert (await writer.counter_mismatches())["careers"] == 1
