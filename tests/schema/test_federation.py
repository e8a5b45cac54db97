"""Federation: committed SDL matches the code, the subgraphs compose, `_service` answers."""

import subprocess
from pathlib import Path

from schema.subgraphs import SUBGRAPHS, public_sdl, subgraph_sdl
from tests.gql import gql

ROOT = Path(__file__).resolve().parents[2]
SDL_DIR = ROOT / "schema" / "sdl"


def test_committed_sdl_matches_the_code():
    for name in SUBGRAPHS:
        assert (SDL_DIR / f"{name}.graphql").read_text() == subgraph_sdl(name), (
            f"schema/sdl/{name}.graphql is stale: run scripts/export-sdl")
    assert (SDL_DIR / "public.graphql").read_text() == public_sdl(), "schema/sdl/public.graphql is stale"


def test_subgraphs_compose_and_the_public_schema_equals_the_router_api_schema():
    assert (ROOT / "tools" / "node_modules").is_dir(), "run `npm ci --prefix tools` first (scripts/test does)"
    args = ["node", str(ROOT / "tools" / "compose-subgraphs.mjs")]
    for name in SUBGRAPHS:
        args += ["--subgraph", f"{name}={SDL_DIR / f'{name}.graphql'}"]
    args += ["--check-api-schema", str(SDL_DIR / "public.graphql")]
    result = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "composition ok" in result.stdout


async def test_service_sdl_is_served_by_each_subgraph(client):
    for name in SUBGRAPHS:
        body = await gql(client, "{ _service { sdl } }", path=f"/subgraphs/{name}/graphql")
        assert "@key" in body["data"]["_service"]["sdl"]
        assert body["data"]["_service"]["sdl"].strip() == subgraph_sdl(name).strip()


async def test_the_public_endpoint_hides_federation_fields(client):
    body = await gql(client, "{ _service { sdl } }")
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
