"""Serves the web chat pages from the Rasa server itself, so the widget's Socket.IO connection is
same-origin (no CORS to open) and nothing is fetched from a CDN: the rasa-webchat bundle comes from
the npm registry at install time (web/package-lock.json) and is served from web/node_modules.

    /webhooks/web/          clinician page
    /webhooks/web/patient   patient-education page (same bot, patient audience)
    /webhooks/web/timeline/<token>.png   a plan's timeline picture (actions/timeline_files.py)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions import timeline_files

WEB = Path(__file__).resolve().parent.parent / "web"
BUNDLE = WEB / "node_modules" / "rasa-webchat" / "lib" / "index.js"
PAGES = {"": "index.html", "patient": "patient.html"}


class WebChatPages(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "web"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        pages = Blueprint("web_chat_pages", "web")

        @pages.route("/", methods=["GET"])
        async def clinician(_: Request) -> HTTPResponse:
            return await response.file(WEB / PAGES[""], mime_type="text/html")

        @pages.route("/patient", methods=["GET"])
        async def patient(_: Request) -> HTTPResponse:
            return await response.file(WEB / PAGES["patient"], mime_type="text/html")

        @pages.route("/style.css", methods=["GET"])
        async def style(_: Request) -> HTTPResponse:
            return await response.file(WEB / "style.css", mime_type="text/css")

        @pages.route("/timeline/<token:str>", methods=["GET"])
        async def timeline_picture(_: Request, token: str) -> HTTPResponse:
            path = timeline_files.path_for(token.removesuffix(".png"))
            if path is None:
                return response.text("no such timeline (pictures are kept for a day)", status=404)
            return await response.file(path, mime_type="image/png", headers={"Cache-Control": "private, max-age=86400"})

        @pages.route("/webchat.js", methods=["GET"])
        async def bundle(_: Request) -> HTTPResponse:
            if not BUNDLE.exists():
                return response.text("widget bundle missing: run 'make install'", status=404)
            return await response.file(BUNDLE, mime_type="application/javascript",
                                       headers={"Cache-Control": "max-age=3600"})

        return pages
