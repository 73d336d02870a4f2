"""Settings: the bottom layer. Imports nothing of the project, so every layer may import it."""
