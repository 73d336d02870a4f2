// The Neo4j GraphQL Library over the graph our loader writes, for benchmarks/bench_graphql.py.
// Type definitions mirror ours: same labels, relationship types and directions.
// Env: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, PORT. Prints "ready <port>" when listening.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = /* GraphQL */ `
  type Drug @node {
    id: ID!
    name: String!
    companies: [Company!]! @relationship(type: "DEVELOPS", direction: IN)
    targets: [Target!]! @relationship(type: "TARGETS", direction: OUT)
    diseases: [Disease!]! @relationship(type: "INDICATED_FOR", direction: OUT)
    trials: [Trial!]! @relationship(type: "EVALUATES", direction: IN)
  }
  type Company @node {
    id: ID!
    name: String!
    drugs: [Drug!]! @relationship(type: "DEVELOPS", direction: OUT)
    trials: [Trial!]! @relationship(type: "SPONSORED_BY", direction: IN)
  }
  type Target @node {
    id: ID!
    name: String!
    drugs: [Drug!]! @relationship(type: "TARGETS", direction: IN)
  }
  type Disease @node {
    id: ID!
    name: String!
    drugs: [Drug!]! @relationship(type: "INDICATED_FOR", direction: IN)
  }
  type Trial @node {
    id: ID!
    name: String!
    drugs: [Drug!]! @relationship(type: "EVALUATES", direction: OUT)
    sponsors: [Company!]! @relationship(type: "SPONSORED_BY", direction: OUT)
    sites: [Site!]! @relationship(type: "CONDUCTED_AT", direction: OUT)
  }
  type Site @node {
    id: ID!
    name: String!
    trials: [Trial!]! @relationship(type: "CONDUCTED_AT", direction: IN)
  }
`;

const driver = neo4j.driver(
  process.env.NEO4J_URI,
  neo4j.auth.basic(process.env.NEO4J_USER || "neo4j", process.env.NEO4J_PASSWORD),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const port = Number(process.env.PORT || 4000);
const { url } = await startStandaloneServer(server, { listen: { port, host: "127.0.0.1" } });
console.log(`ready ${port} ${url}`);
