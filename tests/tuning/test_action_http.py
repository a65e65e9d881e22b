"""Kept-alive connections to the action server: fewer connections, same requests, restarts survived."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

import rasa_tuning
from rasa_tuning import action_http
from tests.servers import free_port, serve_webhook

rasa_tuning.install()


async def _serve(port: int, peers: list) -> web.AppRunner:
    async def webhook(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername"))
        body = await request.json()
        if body.get("fail"):
            return web.json_response({"error": "no"}, status=400)
        return web.json_response({"echo": body, "token": request.query.get("token")})

    return await serve_webhook(port, webhook)


def test_the_patch_is_installed():
    assert EndpointConfig.session is action_http.session


def test_consecutive_calls_share_one_connection_and_send_the_same_request():
    port, peers = free_port(), []

    async def scenario() -> list:
        runner = await _serve(port, peers)
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook", token="t0k")
        replies = [await endpoint.request(json={"n": n}, method="post") for n in range(5)]
        with pytest.raises(ClientResponseError):
            await endpoint.request(json={"fail": True}, method="post")
        await runner.cleanup()
        return replies

    replies = asyncio.run(scenario())
    assert replies == [{"echo": {"n": n}, "token": "t0k"} for n in range(5)]
    assert len(peers) == 6 and len(set(peers)) == 1, "one kept-alive connection for all calls"


def test_a_restarted_server_is_reached_on_a_new_connection():
    port, peers = free_port(), []

    async def scenario() -> dict:
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        runner = await _serve(port, peers)
        await endpoint.request(json={"n": 1}, method="post")
        await runner.cleanup()  # the action server goes away with the connection open
        runner = await _serve(port, peers)
        try:
            return await endpoint.request(json={"n": 2}, method="post")
        finally:
            await runner.cleanup()

    assert asyncio.run(scenario())["echo"] == {"n": 2}
    assert len(set(peers)) == 2


def test_idle_connections_are_dropped_before_the_action_servers_keep_alive_ends():
    assert action_http.IDLE_SECONDS < 5  # Sanic's KEEP_ALIVE_TIMEOUT, which rasa_sdk keeps


def test_the_request_body_is_the_json_rasa_would_send():
    import json
    import math

    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [ActionExecuted("action_listen"),
              UserUttered("anti-HMGCR positive, 70 kg, é/\u2028", {"name": "give_facts", "confidence": 0.1 + 0.2},
                          [{"entity": "weight_kg", "value": 70.0}]),
              SlotSet("weight_kg", 70.0), ActionExecuted("action_respond"), BotUttered("plan [1]")]
    state = DialogueStateTracker.from_events("conv-1", events).current_state()
    payload = {"next_action": "action_respond", "sender_id": "conv-1", "tracker": state, "version": "3.6.21"}
    assert json.loads(action_http._to_json(payload)) == json.loads(json.dumps(payload))
    assert math.isnan(json.loads(action_http._to_json({"confidence": math.nan}))["confidence"])
    odd = {"big": 2**70, "surrogate": "\ud800", "infinite": math.inf}
    assert json.loads(action_http._to_json(odd)) == json.loads(json.dumps(odd))


def test_the_kept_session_is_configured_as_rasas_own_session_would_be():
    """Compared with Rasa's code: the session it would make per call has the same headers, auth and timeout."""
    from rasa_tuning._replace import rasa_original

    rasas = rasa_original(EndpointConfig, "session")
    assert rasas is not EndpointConfig.session  # ours is installed; Rasa's kept for this comparison
    endpoint = EndpointConfig("http://127.0.0.1:1/webhook", headers={"X-IMNM-Actions-Token": "t0k"},
                              basic_auth={"username": "u", "password": "p"})

    async def both():
        own = rasas(endpoint)
        async with endpoint.session() as kept:
            compared = (dict(own.headers) == dict(kept.headers), own.auth == kept.auth,
                        own.timeout.total == kept.timeout.total)
        await own.close()
        await kept.close()
        return compared

    assert asyncio.run(both()) == (True, True, True)
