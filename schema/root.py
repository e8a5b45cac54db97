"""The root types: every domain's query and mutation fields, mixed in.

Each subgraph serves the root fields its packages define (`schema/subgraphs.py`); the public
schema serves them all.
"""

from __future__ import annotations

import strawberry

from schema.careers.mutations import CareersMutations
from schema.careers.queries import CareersQueries
from schema.community.companies import CompanyQueries
from schema.community.mutations import CommunityMutations
from schema.community.queries import CommunityQueries
from schema.connections.mutations import ConnectionMutations
from schema.connections.queries import ConnectionQueries
from schema.events.mutations import EventMutations
from schema.ideas.mutations import IdeasMutations
from schema.ideas.queries import IdeasQueries
from schema.events.queries import EventQueries
from schema.learning.mutations import LearningMutations
from schema.learning.queries import LearningQueries
from schema.qna.mutations import QnaMutations
from schema.qna.queries import QnaQueries
from schema.recognition.mutations import RecognitionMutations
from schema.recognition.queries import RecognitionQueries


@strawberry.type
class Query(CommunityQueries, CompanyQueries, QnaQueries, EventQueries, ConnectionQueries, LearningQueries,
            CareersQueries, IdeasQueries, RecognitionQueries):
    pass


@strawberry.type
class Mutation(CommunityMutations, QnaMutations, EventMutations, ConnectionMutations, LearningMutations,
               CareersMutations, IdeasMutations, RecognitionMutations):
    pass
