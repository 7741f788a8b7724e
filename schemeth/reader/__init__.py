"""reader stage."""
