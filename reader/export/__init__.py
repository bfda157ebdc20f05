"""Writers for an annotated comparison."""
