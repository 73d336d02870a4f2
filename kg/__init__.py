"""The `kg` command line and the service's settings."""
