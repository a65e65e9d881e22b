"""The prepared-statement SQL tracker store is a drop-in replacement for Rasa's own."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from rasa.core.tracker_store import SQLTrackerStore, create_tracker_store
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config
from servers import ROOT

from tracker_stores.fast_sql import FastSQLTrackerStore

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def _conversation(sender: str) -> DialogueStateTracker:
    """Two sessions: the second must be what `retrieve` returns, both what the full retrieve returns."""
    events = [
        ActionExecuted("action_session_start", timestamp=1.0), SessionStarted(timestamp=1.0),
        ActionExecuted("action_listen", timestamp=1.0),
        UserUttered("70 kg, anti-HMGCR positive", {"name": "give_facts", "confidence": 0.9}, timestamp=2.0),
        SlotSet("weight_kg", 70.0, timestamp=2.0), SlotSet("antibody", "HMGCR", timestamp=2.0),
        BotUttered("What is the severity?", timestamp=3.0), ActionExecuted("action_listen", timestamp=3.0),
        ActionExecuted("action_session_start", timestamp=10.0), SessionStarted(timestamp=10.0),
        SlotSet("weight_kg", 70.0, timestamp=10.0), ActionExecuted("action_listen", timestamp=10.0),
        UserUttered("moderate weakness", {"name": "give_facts", "confidence": 0.8}, timestamp=11.0),
    ]
    return DialogueStateTracker.from_events(sender, events, DOMAIN.slots)


def _store(kind: type[SQLTrackerStore], path) -> SQLTrackerStore:
    return kind(domain=DOMAIN, dialect="sqlite", db=str(path))


def _rows(path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        ).fetchall()


def _events(tracker: DialogueStateTracker | None) -> list[dict]:
    assert tracker is not None
    return [event.as_dict() for event in tracker.events]


def test_rows_written_are_the_same_as_rasas_own_store(tmp_path):
    tracker = _conversation("c1")
    asyncio.run(_store(SQLTrackerStore, tmp_path / "rasa.db").save(tracker))
    asyncio.run(_store(FastSQLTrackerStore, tmp_path / "fast.db").save(tracker))
    assert _rows(tmp_path / "fast.db") == _rows(tmp_path / "rasa.db")


@pytest.mark.parametrize("reader", [SQLTrackerStore, FastSQLTrackerStore])
def test_what_one_store_writes_the_other_reads_identically(tmp_path, reader):
    path = tmp_path / "t.db"
    asyncio.run(_store(FastSQLTrackerStore, path).save(_conversation("c2")))
    fast, rasa = _store(FastSQLTrackerStore, path), _store(SQLTrackerStore, path)
    latest = asyncio.run(_store(reader, path).retrieve("c2"))
    assert _events(latest) == _events(asyncio.run(rasa.retrieve("c2")))
    assert _events(latest)[0]["event"] == "action" and len(_events(latest)) == 5, "latest session only"
    assert _events(asyncio.run(fast.retrieve_full_tracker("c2"))) == _events(
        asyncio.run(rasa.retrieve_full_tracker("c2")))
    assert asyncio.run(fast.retrieve("nobody")) is None


@pytest.mark.parametrize("kind", [SQLTrackerStore, FastSQLTrackerStore])
def test_saving_a_retrieved_conversation_adds_only_new_events(tmp_path, kind):
    """Like Rasa's store, a save appends what lies beyond the stored events of the latest session."""
    path = tmp_path / "t.db"
    store = _store(kind, path)
    asyncio.run(store.save(_conversation("c3")))
    stored = len(_rows(path))
    again = asyncio.run(store.retrieve("c3"))
    asyncio.run(store.save(again))
    assert len(_rows(path)) == stored
    again.update(BotUttered("Prednisone 70 mg/day", timestamp=12.0))
    asyncio.run(store.save(again))
    assert len(_rows(path)) == stored + 1
    assert _events(asyncio.run(store.retrieve("c3")))[-1]["text"] == "Prednisone 70 mg/day"


def _message_rounds(store: SQLTrackerStore) -> None:
    """What Rasa does with one conversation: read, a new session starts, save; then save again."""
    asyncio.run(store.save(_conversation("c4")))
    tracker = asyncio.run(store.retrieve("c4"))
    for event in (ActionExecuted("action_session_start", timestamp=20.0), SessionStarted(timestamp=20.0),
                  SlotSet("weight_kg", 70.0, timestamp=20.0), ActionExecuted("action_listen", timestamp=20.0),
                  UserUttered("SRP positive", {"name": "give_facts", "confidence": 0.9}, timestamp=21.0)):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    tracker.update(BotUttered("What does the patient weigh?", timestamp=22.0))
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(asyncio.run(store.retrieve("c4"))))


def test_rows_after_reads_new_sessions_and_repeated_saves_are_rasas(tmp_path):
    """The stored-event count remembered from a read gives the same rows as Rasa's count query."""
    _message_rounds(_store(SQLTrackerStore, tmp_path / "rasa.db"))
    _message_rounds(_store(FastSQLTrackerStore, tmp_path / "fast.db"))
    assert _rows(tmp_path / "fast.db") == _rows(tmp_path / "rasa.db")
    # Rasa's count-based save writes the five events before a second save of a tracker whose new
    # session began in memory again (24 rows, not 19); identical rows mean that quirk is kept too.
    assert len(_rows(tmp_path / "fast.db")) == 24


def test_the_shipped_endpoints_file_creates_this_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # tracker.db is created relative to the working directory
    monkeypatch.setenv("IMNM_ACTIONS_TOKEN", "shared-secret")  # endpoints.yml names it for the action server
    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store")
    assert isinstance(create_tracker_store(config, DOMAIN), FastSQLTrackerStore)



def test_a_sqlite_file_is_pooled_with_write_ahead_logging_and_full_sync(tmp_path):
    store = _store(FastSQLTrackerStore, tmp_path / "t.db")
    assert store.engine.pool.__class__.__name__ == "QueuePool"
    with sqlite3.connect(tmp_path / "t.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL: durable commits


def _one_session(sender: str) -> DialogueStateTracker:
    """What a read of the latest session returns: it begins with the session's start."""
    return DialogueStateTracker.from_events(sender, list(_conversation(sender).events)[9:], DOMAIN.slots)


def _forget_rows(path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM events")


def test_a_remembered_conversation_is_handed_back_once_without_reading_the_table(tmp_path):
    store = FastSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "r.db"), remember=10)
    tracker = _one_session("c1")
    asyncio.run(store.save(tracker))
    _forget_rows(tmp_path / "r.db")  # what comes back now can only come from memory
    again = asyncio.run(store.retrieve("c1"))
    assert again is tracker and _events(again) == _events(_one_session("c1"))
    assert asyncio.run(store.retrieve("c1")) is None  # handed out once: the next read is the table's


def test_a_remembered_conversation_saved_again_stores_only_its_new_events(tmp_path):
    store = FastSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "r.db"), remember=10)
    asyncio.run(store.save(_one_session("c1")))
    tracker = asyncio.run(store.retrieve("c1"))
    tracker.update(BotUttered("Noted."))
    asyncio.run(store.save(tracker))
    assert len(_rows(tmp_path / "r.db")) == len(tracker.events)


@pytest.mark.parametrize("change", ["added after the save", "other sessions before", "not remembering"])
def test_a_conversation_unlike_its_stored_rows_is_read_from_the_table(tmp_path, change):
    store = FastSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "r.db"),
                                remember=0 if change == "not remembering" else 10)
    tracker = _conversation("c1") if change == "other sessions before" else _one_session("c1")
    asyncio.run(store.save(tracker))
    if change == "added after the save":  # a message whose handling failed half-way: never saved
        tracker.update(BotUttered("lost in memory"))
    again = asyncio.run(store.retrieve("c1"))
    rasas_read = asyncio.run(_store(SQLTrackerStore, tmp_path / "r.db").retrieve("c1"))
    assert again is not tracker and _events(again) == _events(rasas_read)


def test_only_the_most_recently_saved_conversations_are_remembered(tmp_path):
    store = FastSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "r.db"), remember=2)
    trackers = {sender: _one_session(sender) for sender in ("a", "b", "c")}
    for tracker in trackers.values():
        asyncio.run(store.save(tracker))
    assert [asyncio.run(store.retrieve(sender)) is trackers[sender] for sender in "abc"] == [False, True, True]
