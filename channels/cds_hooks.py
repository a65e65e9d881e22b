"""CDS Hooks 2.0 on the Rasa server: `GET /webhooks/cds/cds-services` (discovery) and
`POST /webhooks/cds/cds-services/imnm-patient-view`. The service's base URL to register with an
EHR is therefore `<server>/webhooks/cds` (README, "Inside the health record").

Configuration (environment only): `IMNM_CDS_CLIENTS`, a JSON file `{"<iss>": {"keys": [JWK...]}}`
of the EHRs allowed to call; `PUBLIC_URL`, this server's public base URL (the JWT audience and the
chat link). Without `IMNM_CDS_CLIENTS` the service answers 503 and the rest of the bot runs as usual.
Prefetched data is never logged: a log line names the hook instance and the outcome only.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from imnm import audit
from imnm.ehr import auth, service
from imnm.engine.knowledge import default_knowledge

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 5_000_000
SERVICE_PATH = f"/cds-services/{service.SERVICE_ID}"


class CdsHooksService(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "cds"

    def __init__(self, clients: auth.TrustedClients | None, public_url: str | None) -> None:
        self.clients = clients
        self.public_url = public_url.rstrip("/") if public_url else None

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        path = os.environ.get("IMNM_CDS_CLIENTS", "")
        clients = None
        if path:
            try:
                clients = auth.TrustedClients.from_file(path)
            except (OSError, ValueError, KeyError, TypeError) as error:
                logger.error("cds.config.invalid file=%s problem=%s: the CDS Hooks service stays off", path,
                             type(error).__name__)
        return cls(clients, os.environ.get("PUBLIC_URL") or None)

    def _audience(self, request: Request, path: str) -> str:
        """The URL the EHR called, as the spec defines the JWT audience (PUBLIC_URL behind a proxy)."""
        base = self.public_url or f"{request.scheme}://{request.host}"
        return f"{base}/webhooks/cds{path}"

    def _refusal(self, request: Request, path: str) -> HTTPResponse | None:
        if self.clients is None:
            return response.json({"error": "the CDS Hooks service is not configured (IMNM_CDS_CLIENTS)"}, status=503)
        try:
            claims = auth.verify(request.headers.get("authorization"), self._audience(request, path), self.clients)
        except auth.Unauthorized as refused:
            logger.info("cds.refused path=%s reason=%s", path, refused)
            return response.json({"error": str(refused)}, status=401)
        request.ctx.cds_claims = claims
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hooks = Blueprint("cds_hooks", "cds")
        knowledge = default_knowledge()
        source_label = f"IMNM assistant (knowledge base {knowledge.version})"

        @hooks.route("/cds-services", methods=["GET"])
        async def discovery(request: Request) -> HTTPResponse:
            # Discovery is public in most EHR sandboxes; it names the service and its prefetch only.
            return response.json(service.DISCOVERY)

        @hooks.route(SERVICE_PATH, methods=["POST"])
        async def patient_view(request: Request) -> HTTPResponse:
            refused = self._refusal(request, SERVICE_PATH)
            if refused is not None:
                return refused
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.json({"error": f"request larger than {MAX_BODY_BYTES} bytes"}, status=413)
            now = datetime.now(timezone.utc)
            try:
                result = service.answer(request.body, now.date(), source_label, self.public_url)
            except service.BadRequest as problem:
                logger.info("cds.bad_request reason=%s", problem)
                return response.json({"error": str(problem)}, status=400)
            except service.PreconditionFailed as problem:
                return response.json({"error": str(problem)}, status=412)
            except Exception:  # never a traceback with patient data: a 500 with no detail, logged by type
                logger.error("cds.failure", exc_info=False)
                return response.json({"error": "the service failed; nothing was recommended"}, status=500)
            claims = request.ctx.cds_claims
            context = result.request.context
            # Who asked (the EHR and its user) and which call, as the conversation id of the audit row.
            await audit.record_async(result.recommendation,
                                     f"cds-hooks:{claims.get('iss')}:{context.userId}:{result.request.hookInstance}",
                                     json.dumps(result.response, sort_keys=True), now)
            logger.info("cds.answered hook_instance=%s cards=%d", result.request.hookInstance,
                        len(result.response["cards"]))
            return response.json(result.response)

        return hooks
