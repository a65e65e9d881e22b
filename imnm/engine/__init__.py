"""The engine: typed facts in, a typed, coherent, cited recommendation out. Plain Python and data;
imports nothing above it (no Rasa, no spaCy, no language or dialogue layer: `make lint` checks)."""
