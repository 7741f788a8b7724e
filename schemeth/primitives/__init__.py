"""primitives stage."""
