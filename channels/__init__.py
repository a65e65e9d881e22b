"""Rasa input channels customised for this assistant.

Importing this package also applies the Rasa fixes in `rasa_tuning` (Rasa imports it at start-up).
"""

import rasa_tuning  # noqa: F401
