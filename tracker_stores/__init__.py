"""Rasa tracker stores customised for this assistant."""
