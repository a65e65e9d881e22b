"""Rasa input channels customised for this assistant."""
