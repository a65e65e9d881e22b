"""The EHR side: a CDS Hooks service that reads FHIR data into the same typed facts the chat uses.

Layering: imports the engine and `render` only; the HTTP endpoint lives in `channels/cds_hooks.py`.
"""
