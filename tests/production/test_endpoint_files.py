"""The shipped production endpoint files take every setting from the environment, as documented."""

from __future__ import annotations

import pytest
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import read_endpoint_config
from servers import ROOT

SETTINGS = {
    "ACTION_ENDPOINT_URL": "http://actions.internal:5055/webhook",
    "TRACKER_DB_HOST": "db.internal", "TRACKER_DB_PORT": "6543", "TRACKER_DB_NAME": "imnm_ward",
    "TRACKER_DB_USER": "imnm", "TRACKER_DB_PASSWORD": "s3cret:with#odd@chars",
    "REDIS_HOST": "redis.internal", "REDIS_PORT": "6380", "IMNM_ACTIONS_TOKEN": "shared-secret",
}


@pytest.mark.parametrize("name", ["endpoints.postgres.yml", "endpoints.cluster.yml"])
def test_database_and_action_settings_come_from_the_environment(name, monkeypatch):
    for key, value in SETTINGS.items():
        monkeypatch.setenv(key, value)
    tracker = read_endpoint_config(str(ROOT / name), "tracker_store")
    assert tracker.url == "db.internal"
    named = {key: tracker.kwargs[key] for key in ("dialect", "db", "username", "password")}
    assert named == {"dialect": "postgresql", "db": "imnm_ward", "username": "imnm",
                     "password": "s3cret:with#odd@chars"}
    assert int(tracker.kwargs["port"]) == 6543
    actions = read_endpoint_config(str(ROOT / name), "action_endpoint")
    assert actions.url == SETTINGS["ACTION_ENDPOINT_URL"]
    assert actions.headers == {"X-IMNM-Actions-Token": "shared-secret"}  # only this Rasa server may call it


def test_cluster_file_uses_the_atomic_redis_lock_store(monkeypatch):
    for key, value in SETTINGS.items():
        monkeypatch.setenv(key, value)
    lock = read_endpoint_config(str(ROOT / "endpoints.cluster.yml"), "lock_store")
    assert lock.type == "lock_stores.atomic_redis.AtomicRedisLockStore"
    assert (lock.url, int(lock.kwargs["port"])) == ("redis.internal", 6380)


def test_a_missing_setting_is_named_instead_of_used_literally(monkeypatch):
    for key, value in SETTINGS.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("TRACKER_DB_NAME")
    with pytest.raises(RasaException, match="TRACKER_DB_NAME"):
        read_endpoint_config(str(ROOT / "endpoints.postgres.yml"), "tracker_store")
