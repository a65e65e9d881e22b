"""Rasa input channels customised for this assistant.

Importing this package also applies the Rasa fixes in `rasa_tuning`, keeps message text out of the
logs (`imnm/log_privacy.py`) and starts the process that reads facts beside the server
(`rasa_tuning/read_ahead.py`), so that it is ready when the model is; Rasa imports it when a server starts.
"""

import rasa_tuning
from imnm import log_privacy
from rasa_tuning import read_ahead

rasa_tuning.install()
log_privacy.install()
read_ahead.spawn_for_the_server()
