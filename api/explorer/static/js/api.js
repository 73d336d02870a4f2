// The page's only ways to reach the server: its config document and the public GraphQL API.

let config = null;

export async function loadConfig() {
  const response = await fetch("config.json", { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  config = await response.json();
  config.graphqlEndpoint = new URL(config.graphqlUrl, window.location.href).href;
  config.graphiqlEndpoint = new URL(config.graphiqlUrl, window.location.href).href;
  return config;
}

export function getConfig() {
  return config;
}

export function typeInfo(label) {
  const info = config.types[label];
  if (!info) throw new Error(`unknown type ${label}`);
  return info;
}

export function entityLabels() {
  return Object.keys(config.types).filter((label) => config.types[label].isEntity);
}

/** Milliseconds spent waiting for the API since the last reset (each view reports its own). */
export const apiTiming = { ms: 0, reset() { this.ms = 0; } };

/** POST one GraphQL operation; GraphQL errors become a thrown Error with their messages. */
export async function gql(query, variables = {}) {
  const started = performance.now();
  try {
    return await post(query, variables);
  } finally {
    apiTiming.ms += performance.now() - started;
  }
}

async function post(query, variables) {
  const response = await fetch(config.graphqlEndpoint, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`the API answered ${response.status} without JSON`);
  }
  if (body.errors && body.errors.length) {
    throw new Error(body.errors.map((e) => e.message).join("; "));
  }
  if (!response.ok) throw new Error(`the API answered ${response.status}`);
  return body.data;
}
