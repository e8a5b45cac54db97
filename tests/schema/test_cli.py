"""The `community-api` command: schema, seed (with --reset) and token."""

import jwt

from resolvers.seed.generator import SeedGenerator
from schema.cli import main
from schema.subgraphs import public_sdl, subgraph_sdl

SECRET = "cli-test-secret-that-is-long-enough-0123456789"


def test_schema_prints_the_public_or_a_subgraph_sdl(capsys):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == public_sdl()
    assert main(["schema", "--subgraph", "community"]) == 0
    assert capsys.readouterr().out == subgraph_sdl("community")
    assert main(["schema", "--subgraph", "nope"]) == 2


def test_seed_refuses_a_full_graph_unless_reset_and_token_signs_for_a_handle(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COMMUNITY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COMMUNITY_JWT_SECRET", SECRET)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert main(["seed", "--size", "demo", "--seed", "7"]) == 0
    summary = capsys.readouterr().out
    assert "members" in summary and "500" in summary
    assert main(["seed", "--size", "demo", "--seed", "7"]) == 1
    assert main(["seed", "--size", "demo", "--seed", "7", "--reset"]) == 0
    first = next(SeedGenerator("demo", 7).rows("members"))
    capsys.readouterr()
    assert main(["token", "--member", first["handle"], "--role", "recruiter"]) == 0
    claims = jwt.decode(capsys.readouterr().out.strip(), SECRET, algorithms=["HS256"])
    assert claims["sub"] == first["id"] and claims["roles"] == ["recruiter"]
    assert main(["token", "--member", "nobody-at-all"]) == 1
