"""Language: reading clinicians' and patients' words into the engine's facts (the extractor, its one
lexicon, question words, and facts read in the light of the conversation). Imports the engine only."""
