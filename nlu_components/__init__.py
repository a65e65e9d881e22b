"""Custom Rasa NLU components (the only place the extractor meets Rasa).

Importing this package also applies the Rasa fixes in `rasa_tuning` (Rasa imports it whenever it
reads `config.yml`).
"""

import rasa_tuning

rasa_tuning.install()
