"""The extractor: text in, typed entities and relations out. Knows nothing of Neo4j."""
