// The one place that knows how a relationship's evidence is selected and read.
//
// Today `evidence` is a plain list of { sentence documentId document }. When it becomes a
// paginated field `evidence(first:, after:)`, change the two selection functions below;
// `evidenceItems` already reads a list, a connection's `edges { node }` or its `nodes`.

/** Most evidence items one relationship shows (used once evidence is paginated). */
export const EVIDENCE_PAGE = 20;

const ITEM_FIELDS = "sentence documentId document { id title source publishedAt }";

/** Selection of a relationship's evidence with its documents (the evidence panel). */
export function evidenceSelection() {
  return `evidence { ${ITEM_FIELDS} }`;
}

/** Selection of only the supporting documents' ids (the timeline: which document added what). */
export function evidenceDocIdsSelection() {
  return "evidence { documentId }";
}

/** The evidence items of an edge or path relationship, whatever the selection's shape. */
export function evidenceItems(holder) {
  const evidence = holder && holder.evidence;
  if (!evidence) return [];
  if (Array.isArray(evidence)) return evidence;
  if (Array.isArray(evidence.edges)) return evidence.edges.map((edge) => edge.node);
  if (Array.isArray(evidence.nodes)) return evidence.nodes;
  return [];
}
