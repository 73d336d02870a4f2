"""Sub-commands of `kg`; each module exposes `register(app)` (or a Typer `app`)."""
