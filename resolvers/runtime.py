"""What the app layer needs from the graph layer, named once so `schema/` imports only `resolvers/`."""

from graph.connection import open_graph
from graph.database import Graph
from graph.errors import GraphError
from graph.migrations import apply_migrations
from graph.settings import DatabaseSettings
from graph.stats import begin_round_trips, current_round_trips

__all__ = [
    "DatabaseSettings",
    "Graph",
    "GraphError",
    "apply_migrations",
    "begin_round_trips",
    "current_round_trips",
    "open_graph",
]
