"""The analysts' explorer page at /explore: static files plus the model it builds queries from."""

from api.explorer.router import explorer_router

__all__ = ["explorer_router"]
