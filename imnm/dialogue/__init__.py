"""Dialogue: one turn of a conversation (what to ask, answer or plan), follow-up frames and question
answering. Imports the layers below it (language, render, engine), never Rasa."""
