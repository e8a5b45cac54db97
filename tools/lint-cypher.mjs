#!/usr/bin/env node
// Lint the named Cypher blocks in *.cypher files with Neo4j's own language
// support (parser + semantic analysis), so a Neo4j-only mistake is caught
// without a Neo4j server.
//
// Usage: node tools/lint-cypher.mjs <dir>...
//
// File format (the same rules as graph/cypher.py's loader):
//   // name: some_name        starts a block (name: [a-z][a-z0-9_]*)
//   // docstring lines        `//` lines directly under the header
//   MATCH ... RETURN ...      the statement: everything up to the next header
// Exit 0 when every block lints clean, 1 on any problem or when no statement
// was found (a wrong path must not pass silently), 2 on bad usage.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  lintCypherQuery,
  parseStatementsStrs,
  testData,
} from '@neo4j-cypher/language-support';

// Same header rule as graph/cypher.py. A `// name:` line that does not match
// it would be read there as a plain comment, so it is reported here.
const HEADER = /^\/\/\s*name:\s*([a-z][a-z0-9_]*)\s*$/;
const HEADER_LIKE = /^\/\/\s*name\s*:/;

// The only notice we ignore: we lint without parameter values.
// Message as built by the package: `Parameter $${name} is not defined.`
const UNDEFINED_PARAM = /^Parameter \$(\w+|`[^`]+`) is not defined\.$/;

// LSP DiagnosticSeverity / DiagnosticTag values used by the package.
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const TAG_DEPRECATED = 2;

// With an empty schema the linter cannot tell an unknown function or
// procedure from a real one. The package ships one registry, testData.mockSchema
// (dumped from a real Neo4j with APOC and GDS). Keep Neo4j's built-ins only:
// we run neither plugin, and ArcadeDB has neither.
function builtInSchema() {
  const plugin = (name) => /^(apoc|gds)\./.test(name);
  const keep = (registry, ok) =>
    Object.fromEntries(
      Object.entries(registry ?? {}).map(([version, entries]) => [
        version,
        Object.fromEntries(Object.entries(entries).filter(([n, e]) => ok(n, e))),
      ]),
    );
  const mock = testData?.mockSchema ?? {};
  const schema = {
    // Neo4j 5.26 (docker-compose.yml) speaks Cypher 5 only.
    defaultLanguage: 'CYPHER 5',
    functions: keep(mock.functions, (n, f) => f.isBuiltIn && !plugin(n)),
    procedures: keep(mock.procedures, (n) => !plugin(n)),
  };
  // Fail loudly if a package upgrade moves the registry: without it unknown
  // functions would silently pass.
  const fns = schema.functions['CYPHER 5'] ?? {};
  if (!fns['point.distance'] || !fns['id'] || !schema.procedures['CYPHER 5']?.['db.labels']) {
    throw new Error('function/procedure registry not found in @neo4j-cypher/language-support testData');
  }
  return schema;
}

function findCypherFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      findCypherFiles(path, out);
    } else if (entry.name.endsWith('.cypher')) {
      out.push(path);
    }
  }
  return out;
}

// Split a file into blocks: { name, line (of header), text, textLine }.
// Problems with the layout itself go to `problems`.
function parseBlocks(file, source, problems) {
  const blocks = [];
  let block = null;
  let inDoc = false;
  const finish = () => {
    if (!block) return;
    const raw = block.body.join('\n');
    const text = raw.trim();
    // Line of the first statement character = body start + newlines trimmed away.
    const lead = raw.slice(0, raw.length - raw.trimStart().length);
    block.textLine = block.bodyLine + (lead.match(/\n/g) ?? []).length;
    block.text = text;
    blocks.push(block);
  };
  source.split(/\r?\n/).forEach((line, i) => {
    const number = i + 1;
    const trimmed = line.trim();
    const header = HEADER.exec(trimmed);
    if (header) {
      finish();
      block = { name: header[1], line: number, body: [], bodyLine: number + 1 };
      inDoc = true;
      return;
    }
    if (HEADER_LIKE.test(trimmed)) {
      problems.push(`${file}:${number}: bad block header '${trimmed}' (want '// name: [a-z][a-z0-9_]*')`);
    }
    if (!block) {
      if (trimmed && !trimmed.startsWith('//')) {
        problems.push(`${file}:${number}: text before the first '// name:' header`);
      }
      return;
    }
    if (inDoc && trimmed.startsWith('//')) {
      block.bodyLine = number + 1;
      return;
    }
    inDoc = false;
    block.body.push(line);
  });
  finish();
  return blocks;
}

function lintBlock(file, block, schema, problems) {
  const where = (offset) => `${file}:${block.textLine + offset}: [${block.name}]`;
  if (!block.text) {
    problems.push(`${file}:${block.line}: [${block.name}] error: block has no statement`);
    return;
  }
  // The driver runs one statement per call; `a; b` would lint clean but fail at run time.
  const count = parseStatementsStrs(block.text).length;
  if (count > 1) {
    problems.push(`${where(0)} error: block holds ${count} statements separated by ';' (one per block)`);
  }
  // consoleCommandsEnabled: false, so a stray `:param` is an error, not a browser command.
  const { diagnostics } = lintCypherQuery(block.text, schema, { consoleCommandsEnabled: false });
  for (const d of diagnostics) {
    if (UNDEFINED_PARAM.test(d.message)) continue;
    const deprecated = d.tags?.includes(TAG_DEPRECATED) || /\bdeprecated\b/i.test(d.message);
    const severity = deprecated ? 'deprecated' : (SEVERITY[d.severity] ?? `severity-${d.severity}`);
    // The package only emits errors and warnings; info/hint, if ever added, are shown but do not fail.
    const line = `${where(d.range.start.line)} ${severity}: ${d.message}`;
    if (deprecated || d.severity <= 2 || !SEVERITY[d.severity]) problems.push(line);
    else console.log(line);
  }
}

function main(dirs) {
  if (dirs.length === 0 || dirs.some((d) => d.startsWith('-'))) {
    console.error('usage: node tools/lint-cypher.mjs <dir>...');
    return 2;
  }
  const schema = builtInSchema();
  const problems = [];
  const seen = new Map(); // block name -> "file:line", across the whole set
  let files = [];
  for (const dir of dirs) {
    let isDir = false;
    try { isDir = statSync(dir).isDirectory(); } catch { /* reported below */ }
    if (!isDir) problems.push(`${dir}: not a directory`);
    else files.push(...findCypherFiles(dir));
  }
  files = [...new Set(files)].sort();

  let statements = 0;
  for (const path of files) {
    const file = relative(process.cwd(), path) || path;
    for (const block of parseBlocks(file, readFileSync(path, 'utf8'), problems)) {
      statements += 1;
      const first = seen.get(block.name);
      if (first) problems.push(`${file}:${block.line}: [${block.name}] error: duplicate block name (first at ${first})`);
      else seen.set(block.name, `${file}:${block.line}`);
      lintBlock(file, block, schema, problems);
    }
  }
  if (statements === 0) problems.push(`no statements found under ${dirs.join(' ')}`);

  for (const p of problems) console.log(p);
  console.log(`cypher lint: ${statements} statements in ${files.length} files, ${problems.length} problems`);
  return problems.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
