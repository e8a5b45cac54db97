// Read `NAME=path` subgraph SDL arguments into the service list @apollo/composition takes.

import { readFileSync } from 'node:fs';
import { parse } from 'graphql';

export class UsageError extends Error {} // bad arguments: exit 2 with the usage line
export class InputError extends Error {} // unreadable or unparsable file: exit 2

// `urlFor(name)` is where a router reaches the subgraph (it ends up in the supergraph's join__graph).
export function readSubgraphs(specs, urlFor) {
  const services = specs.map((spec) => {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) throw new UsageError(`bad --subgraph '${spec}' (want NAME=path)`);
    const name = spec.slice(0, eq);
    const path = spec.slice(eq + 1);
    let typeDefs;
    try {
      typeDefs = parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new InputError(`${path}: ${err.message}`);
    }
    return { name, typeDefs, url: urlFor(name) };
  });
  const names = services.map((s) => s.name);
  if (new Set(names).size !== names.length) throw new UsageError(`duplicate subgraph name in ${names.join(', ')}`);
  return services;
}
