"""Rasa lock stores customised for this assistant."""
