// GraphQL operations of every view, built from config.json (itself derived from the ontology),
// so a relationship added to the model shows up here without editing this file.

import { entityLabels, getConfig, typeInfo } from "./api.js";
import { evidenceDocIdsSelection, evidenceSelection } from "./evidence.js";

const BRIEF = "__typename id name";
const DOCUMENT_BRIEF = "id title source publishedAt";

/** Scalar properties beyond the ones every entity has (id, name, aliases, xrefs). */
export function extraProperties(label) {
  const common = new Set(["id", "name", "aliases", "xrefs"]);
  return typeInfo(label).properties.filter((p) => !common.has(p.name));
}

function edgeProps(rel) {
  return rel.edgeProperties.join(" ");
}

/** One field of `label` that leads to `other` nodes, or undefined. */
export function fieldTo(label, other) {
  return typeInfo(label).relationships.find((rel) => rel.other === other);
}

export function searchQuery() {
  return {
    query: `query Search($q: String!, $first: Int!) {
  search(query: $q, first: $first) { match node { ${BRIEF} aliases } }
}`,
  };
}

/** The entity page: its properties and each relationship's other ends (evidence comes later). */
export function entityQuery(label) {
  const info = typeInfo(label);
  const props = extraProperties(label).map((p) => p.name).join(" ");
  const rels = info.relationships
    .map((rel) => `    ${rel.field}(first: $first) { ${edgeProps(rel)} node { ${BRIEF} } }`)
    .join("\n");
  return `query Entity($id: ID!, $first: Int!) {
  node: ${info.root}(id: $id) {
    ${BRIEF} aliases xrefs ${props}
${rels}
  }
}`;
}

/** The evidence of one relationship: the owner's field, keeping only the other end's edge. */
export function edgeEvidenceQuery(label, field) {
  const info = typeInfo(label);
  return `query EdgeEvidence($id: ID!, $first: Int!) {
  node: ${info.root}(id: $id) {
    ${BRIEF}
    edges: ${field}(first: $first) { node { ${BRIEF} } ${evidenceSelection()} }
  }
}`;
}

/**
 * The timeline: the newest documents that mention the entity (the API orders and cuts them)
 * and which facts each one supports. An edge's evidence is newest first too, so a document
 * among the newest `first` mentions is among the newest `first` evidence items of each fact
 * it supports.
 */
export function timelineQuery(label) {
  const info = typeInfo(label);
  const rels = info.relationships
    .map((rel) => `    ${rel.field}(first: $first) { node { ${BRIEF} } ${evidenceDocIdsSelection()} }`)
    .join("\n");
  return `query Timeline($id: ID!, $first: Int!) {
  node: ${info.root}(id: $id) {
    ${BRIEF}
    mentionedIn(first: $first, orderBy: NEWEST) { count node { ${DOCUMENT_BRIEF} } }
${rels}
  }
}`;
}

/**
 * Target or disease landscape: its drugs with company, highest phase and latest news date.
 * The drug's trials come along: a drug's stage is also the furthest phase of a trial of it.
 */
export function landscapeQuery(label) {
  const info = typeInfo(label);
  const drugs = fieldTo(label, "Drug");
  const companies = fieldTo("Drug", "Company");
  const trials = fieldTo("Drug", "Trial");
  return `query Landscape($id: ID!, $first: Int!) {
  node: ${info.root}(id: $id) {
    ${BRIEF}
    drugs: ${drugs.field}(first: $first) {
      ${edgeProps(drugs)}
      node {
        ${BRIEF} highestPhase
        companies: ${companies.field}(first: $first) { node { ${BRIEF} } }
        trials: ${trials.field}(first: $first) { node { id phase } }
      }
    }
  }
}`;
}

/**
 * The landscape's latest-news dates, asked for after the table is shown: each drug's newest
 * mention only (the API orders a drug's documents and keeps the first inside its query).
 */
export function landscapeNewsQuery(label) {
  const info = typeInfo(label);
  const drugs = fieldTo(label, "Drug");
  return `query LandscapeNews($id: ID!, $first: Int!) {
  node: ${info.root}(id: $id) {
    id
    drugs: ${drugs.field}(first: $first) { node { id latest: mentionedIn(first: 1, orderBy: NEWEST) { node { publishedAt } } } }
  }
}`;
}

/** A company's pipeline: its drugs by highest phase, with their targets and diseases. */
export function pipelineQuery(label) {
  const info = typeInfo(label);
  const drugs = fieldTo(label, "Drug");
  const targets = fieldTo("Drug", "Target");
  const diseases = fieldTo("Drug", "Disease");
  const trials = fieldTo("Drug", "Trial");
  return `query Pipeline($id: ID!, $first: Int!) {
  node: ${info.root}(id: $id) {
    ${BRIEF}
    drugs: ${drugs.field}(first: $first) {
      node {
        ${BRIEF} highestPhase modality
        targets: ${targets.field}(first: $first) { node { ${BRIEF} } }
        diseases: ${diseases.field}(first: $first) { node { ${BRIEF} } }
        trials: ${trials.field}(first: $first) { node { id phase } }
      }
    }
  }
}`;
}

export function pathQuery() {
  return `query Path($from: String!, $to: String!, $maxHops: Int!) {
  path(from: $from, to: $to, maxHops: $maxHops) {
    length
    nodes { ${BRIEF} }
    relationships { type action start { ${BRIEF} } end { ${BRIEF} } ${evidenceSelection()} }
  }
}`;
}

export function documentQuery() {
  return `query Document($id: ID!, $first: Int!) {
  document(id: $id) {
    ${DOCUMENT_BRIEF} doi url pmid journal authors format loadedAt text
    mentions(first: $first) { count node { ${BRIEF} } }
  }
}`;
}

/** Overview: how many of each type there are, and a first few names to start from. */
export function overviewQuery(perType) {
  const config = getConfig();
  const parts = entityLabels().map(
    (label) => `  ${config.types[label].list}(first: ${perType}) { totalCount edges { node { ${BRIEF} } } }`,
  );
  parts.push(
    `  documents(first: ${perType}) { totalCount edges { node { ${DOCUMENT_BRIEF} } } }`,
  );
  return `query Overview {\n${parts.join("\n")}\n}`;
}
