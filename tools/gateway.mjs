#!/usr/bin/env node
// A real Apollo Gateway in front of the running service's subgraphs: composes the subgraph SDLs
// into a supergraph, plans every query across them and sends the subgraph requests over HTTP,
// as a router would in production. Tests use it to prove the subgraphs work together.
//
// Usage:
//   node tools/gateway.mjs --service-url http://127.0.0.1:8000 --subgraph NAME=path [--subgraph ...] [--port N]
//
// Prints `gateway ready: <url>` once it listens (port 0 picks a free one). The Authorization
// header of each client request is forwarded to the subgraphs.

import { parseArgs } from 'node:util';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { InputError, readSubgraphs, UsageError } from './subgraph-files.mjs';

const USAGE = 'usage: node tools/gateway.mjs --service-url URL --subgraph NAME=path [--subgraph ...] [--port N]';

class ForwardingDataSource extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    if (context.authorization) request.http.headers.set('authorization', context.authorization);
  }
}

async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      'service-url': { type: 'string' },
      subgraph: { type: 'string', multiple: true },
      port: { type: 'string', default: '0' },
    },
  });
  if (!values['service-url'] || !values.subgraph?.length) throw new UsageError('--service-url and --subgraph are required');
  const base = values['service-url'].replace(/\/+$/, '');
  const services = readSubgraphs(values.subgraph, (name) => `${base}/subgraphs/${name}/graphql`);
  const composed = composeServices(services);
  if (composed.errors) {
    for (const error of composed.errors) console.error(`error: ${error.message}`);
    return 1;
  }
  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    buildService: ({ url }) => new ForwardingDataSource({ url }),
  });
  const server = new ApolloServer({ gateway, introspection: true });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(values.port), host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  console.log(`gateway ready: ${url}`);
  return 0;
}

main(process.argv.slice(2)).then((code) => {
  if (code) process.exit(code);
}).catch((err) => {
  if (err instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(err instanceof InputError ? err.message : err.stack);
  process.exit(err instanceof InputError ? 2 : 1);
});
