"""The graph layer: the model (ontology), the Neo4j driver and server, schema, reads and writes.

Knows nothing of GraphQL or of text.
"""
