"""`rasa_tuning.save_first` is Rasa's `handle_message` with one change (the user message saved before
the actions run), and the fixes install only on the Rasa version they were written for."""

from __future__ import annotations

import inspect
import re

import pytest
from rasa.core.processor import MessageProcessor

import rasa_tuning
from rasa_tuning import save_first
from rasa_tuning._replace import rasa_original

rasa_tuning.install()

CALLS = re.compile(r"(?:await\s+)?self\.(\w+)\(")


def test_the_replacement_makes_rasas_calls_in_rasas_order_with_the_message_saved_first():
    ours = inspect.getsource(save_first.handle_message)
    rasas = inspect.getsource(rasa_original(MessageProcessor, "handle_message"))
    assert MessageProcessor.handle_message is save_first.handle_message
    assert CALLS.findall(ours) == CALLS.findall(rasas)
    assert "self.log_message(message, should_save_tracker=False)" in rasas
    assert "self.log_message(message, should_save_tracker=True)" in ours


def test_the_fixes_refuse_a_rasa_version_they_were_not_written_for():
    with pytest.raises(rasa_tuning.UnsupportedRasa, match="written for Rasa 3.6.21.*Rasa 3.7.0 is installed"):
        rasa_tuning.install(version="3.7.0")
    rasa_tuning.install(version="3.6.21")  # idempotent on the right one
