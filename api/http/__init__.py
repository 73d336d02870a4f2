"""ASGI middleware of the API: request ids and the request body limit."""
