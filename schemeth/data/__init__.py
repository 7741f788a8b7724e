"""Scheme values, conditions and the printer."""
