#!/usr/bin/env node
// Compose Apollo Federation v2 subgraph SDLs offline, the way a router's build
// step would, and derive the client-facing API schema from the supergraph.
//
// Usage:
//   node tools/compose-subgraphs.mjs --subgraph NAME=path/to/subgraph.graphql [--subgraph ...]
//        [--api-schema-out path] [--check-api-schema path]
//
// Subgraph SDL is what `strawberry export-schema` or `_service { sdl }` prints
// (with `extend schema @link(url: "https://specs.apollo.dev/federation/v2.x", ...)`).
// Exit 0 when composition succeeds (and the check matches), 1 on composition
// errors or a schema mismatch, 2 on bad usage or unreadable input.

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { composeServices } from '@apollo/composition';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { InputError, readSubgraphs, UsageError } from './subgraph-files.mjs';

const USAGE =
  'usage: node tools/compose-subgraphs.mjs --subgraph NAME=path [--subgraph ...] ' +
  '[--api-schema-out path] [--check-api-schema path]';

// One canonical text for a schema: sorted types/fields/args, graphql-js printing.
// Descriptions stay in (they are part of the contract); whitespace and order do not matter.
const canonical = (schema) => printSchema(lexicographicSortSchema(schema));

// Small LCS line diff with 2 lines of context, enough to show what differs
// between two printed schemas (they are small; O(n*m) is fine).
function diffLines(a, b, context = 2) {
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { ops.push(` ${a[i]}`); i++; j++; }
    else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push(`-${a[i++]}`);
    else ops.push(`+${b[j++]}`);
  }
  const changed = ops.map((op, k) => (op[0] !== ' ' ? k : -1)).filter((k) => k >= 0);
  const near = (k) => changed.some((c) => Math.abs(c - k) <= context);
  const out = [];
  ops.forEach((op, k) => {
    if (!near(k)) return;
    if (out.length && !near(k - 1)) out.push('@@');
    out.push(op);
  });
  return out;
}

function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      subgraph: { type: 'string', multiple: true },
      'api-schema-out': { type: 'string' },
      'check-api-schema': { type: 'string' },
    },
  });
  if (!values.subgraph?.length) throw new UsageError('at least one --subgraph is required');
  // The URL only ends up in the supergraph's join__graph; any stable value will do.
  const services = readSubgraphs(values.subgraph, (name) => `http://localhost/subgraphs/${name}/graphql`);

  const result = composeServices(services);
  if (result.errors) {
    for (const error of result.errors) {
      const code = error.extensions?.code ? `[${error.extensions.code}] ` : '';
      console.log(`error: ${code}${error.message}`);
    }
    console.log(`composition failed: ${result.errors.length} errors`);
    return 1;
  }
  // Hints are advice (e.g. a field declared differently in two subgraphs), not failures.
  for (const hint of result.hints ?? []) console.error(`hint: [${hint.definition.code}] ${hint.message}`);
  console.log(`composition ok: ${services.length} subgraphs`);

  // The API schema is what a router serves to clients: the supergraph without
  // join/link/federation machinery and without @inaccessible elements.
  // Schema.toAPISchema() from @apollo/federation-internals is what the
  // router/gateway use for that; toGraphQLJSSchema() hands it to graphql-js.
  const apiSdl = canonical(result.schema.toAPISchema().toGraphQLJSSchema());

  if (values['api-schema-out']) {
    writeFileSync(values['api-schema-out'], `${apiSdl}\n`);
    console.log(`api schema written: ${values['api-schema-out']}`);
  }

  const checkPath = values['check-api-schema'];
  if (checkPath) {
    let expected;
    try {
      expected = canonical(buildSchema(readFileSync(checkPath, 'utf8')));
    } catch (err) {
      throw new InputError(`${checkPath}: ${err.message}`);
    }
    if (expected !== apiSdl) {
      console.log(`--- ${checkPath}\n+++ composed api schema`);
      for (const line of diffLines(expected.split('\n'), apiSdl.split('\n'))) console.log(line);
      console.log(`api schema mismatch: ${checkPath} differs from the composed api schema`);
      return 1;
    }
    console.log(`api schema matches: ${checkPath}`);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  // parseArgs throws TypeError with code ERR_PARSE_ARGS_* on unknown options.
  if (err instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${err.message}\n${USAGE}`);
    process.exitCode = 2;
  } else if (err instanceof InputError) {
    console.error(err.message);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
