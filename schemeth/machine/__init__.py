"""machine stage."""
