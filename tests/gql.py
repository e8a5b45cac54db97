"""Small helpers to call the API the way a client does."""

from __future__ import annotations

from typing import Any

import httpx

from resolvers.ids import to_global_id


async def gql(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None, *,
              headers: dict[str, str] | None = None, path: str = "/graphql") -> dict[str, Any]:
    """POST a GraphQL operation and return the decoded body; the HTTP status must be 200."""
    response = await client.post(path, json={"query": query, "variables": variables or {}}, headers=headers or {})
    assert response.status_code == 200, response.text
    return response.json()


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]


def round_trips(body: dict[str, Any]) -> int:
    return body["extensions"]["graph"]["roundTrips"]


def gid(type_name: str, row: dict[str, Any]) -> str:
    return to_global_id(type_name, row["id"])
