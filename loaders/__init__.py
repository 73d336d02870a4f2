"""Document sources -> extraction -> graph writes."""
