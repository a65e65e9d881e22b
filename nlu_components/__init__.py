"""Custom Rasa NLU components (the only place the extractor meets Rasa)."""
