"""Rasa input channels customised for this assistant.

Importing this package also applies the Rasa fixes in `rasa_tuning` and keeps message text out of the
logs (`imnm/log_privacy.py`); Rasa imports it at start-up.
"""

import rasa_tuning
from imnm import log_privacy

rasa_tuning.install()
log_privacy.install()
