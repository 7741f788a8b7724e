"""reactor stage."""
