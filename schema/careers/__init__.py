"""The careers subgraph (`/subgraphs/careers/graphql`): postings, talent search, job matching,
applications and job fairs. One module per area; the wiring modules mix them into the root types,
`Member`, `Company` and the node registry."""
