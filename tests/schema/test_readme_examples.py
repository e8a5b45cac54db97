"""Every GraphQL example in README.md validates against the public schema, so the README cannot
drift from the API it documents."""

import re
from pathlib import Path

from graphql import parse, validate

from schema.subgraphs import build_public_schema

README = Path(__file__).resolve().parents[2] / "README.md"
OPERATION_START = re.compile(r"^(\{|query\b|mutation\b)")


def readme_operations() -> list[str]:
    """The operations of the README's graphql blocks: each starts at column 0 with `{`, `query` or `mutation`."""
    operations: list[str] = []
    for block in re.findall(r"```graphql\n(.*?)```", README.read_text(), re.S):
        for line in block.splitlines():
            if OPERATION_START.match(line):
                operations.append(line)
            elif operations and line.strip() and not line.startswith("#"):
                operations[-1] += "\n" + line
    return operations


def test_every_readme_example_validates_against_the_public_schema():
    schema = build_public_schema()._schema
    operations = readme_operations()
    assert len(operations) > 20
    problems = {op.splitlines()[0][:80]: [e.message for e in validate(schema, parse(op))] for op in operations}
    assert {op: errors for op, errors in problems.items() if errors} == {}
