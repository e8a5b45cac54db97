"""`community-api`: serve, seed, token, schema."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys

from resolvers.auth import ROLES, AuthSettings, issue_token
from resolvers.runtime import DatabaseSettings, apply_migrations, open_graph

SIZES = ("demo", "small", "medium")


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    if args.demo:
        os.environ["COMMUNITY_DEMO"] = "1"
    # Workers are separate processes; on the embedded engine they all attach to the same one.
    uvicorn.run("schema.app:app_from_env", factory=True, host=args.host, port=args.port,
                workers=args.workers, log_level="info")
    return 0


class ProgressBar:
    """A one-line progress bar per kind of record, on stderr."""

    def __init__(self, stream=sys.stderr, width: int = 30) -> None:
        self.stream, self.width, self.kind = stream, width, None

    def __call__(self, kind: str, done: int, total: int) -> None:
        if kind != self.kind and self.kind is not None:
            self.stream.write("\n")
        self.kind = kind
        filled = int(self.width * done / total) if total else self.width
        self.stream.write(f"\r{kind:<16} [{'#' * filled}{'.' * (self.width - filled)}] {done:>9,}/{total:,}")
        self.stream.flush()

    def close(self) -> None:
        if self.kind is not None:
            self.stream.write("\n")


async def _seed_async(args: argparse.Namespace) -> int:
    from resolvers.seed.loader import graph_is_empty, load_seed, reset_graph

    async with open_graph(DatabaseSettings.from_env()) as graph:
        await apply_migrations(graph)
        if args.reset:
            print(f"reset: deleted {await reset_graph(graph):,} nodes", file=sys.stderr)
        elif not await graph_is_empty(graph):
            print("the graph already holds data; pass --reset to replace it", file=sys.stderr)
            return 1
        bar = ProgressBar()
        summary = await load_seed(graph, size=args.size, seed=args.seed, progress=bar)
        bar.close()
    print(f"seeded {args.size} data set (seed {args.seed}):")
    for kind, count in summary.items():
        print(f"  {kind:<16} {count:>10,}")
    return 0


async def _token_async(args: argparse.Namespace) -> int:
    from resolvers.scope import RequestScope

    async with open_graph(DatabaseSettings.from_env()) as graph:
        # A development tool: it finds the member whatever their profile's visibility.
        scope = RequestScope(graph=graph, viewer=None)
        row = await scope.community.member_by_handle(args.member.strip().lower())
    if row is None:
        print(f"no member with handle {args.member!r}", file=sys.stderr)
        return 1
    print(issue_token(AuthSettings.from_env(), member_id=row["id"], roles=args.role or ["member"],
                      ttl_seconds=args.ttl))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from schema.subgraphs import SUBGRAPHS, public_sdl, subgraph_sdl

    if args.subgraph is None:
        sys.stdout.write(public_sdl())
    elif args.subgraph not in SUBGRAPHS:
        print(f"unknown subgraph {args.subgraph!r}; known: {', '.join(SUBGRAPHS)}", file=sys.stderr)
        return 2
    else:
        sys.stdout.write(subgraph_sdl(args.subgraph))
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="community-api", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="apply migrations and serve HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--demo", action="store_true", help="load the demo data set into an empty graph")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (they share one embedded engine)")
    serve.set_defaults(run=_serve)

    seed = commands.add_parser("seed", help="load a generated data set")
    seed.add_argument("--size", choices=SIZES, default="demo")
    seed.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    seed.add_argument("--reset", action="store_true", help="delete everything but migrations first")
    seed.set_defaults(run=lambda a: asyncio.run(_seed_async(a)))

    token = commands.add_parser("token", help="print a signed development token for a member")
    token.add_argument("--member", required=True, metavar="HANDLE")
    token.add_argument("--role", action="append", choices=ROLES, help="repeat for several roles")
    token.add_argument("--ttl", type=int, default=12 * 3600, help="lifetime in seconds")
    token.set_defaults(run=lambda a: asyncio.run(_token_async(a)))

    schema = commands.add_parser("schema", help="print SDL: the public schema, or one subgraph's")
    schema.add_argument("--subgraph", metavar="NAME")
    schema.set_defaults(run=_schema)
    return root


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
