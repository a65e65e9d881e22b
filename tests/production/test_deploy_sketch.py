"""The deployment sketch (not run in CI: no Docker engine) keeps secrets and clinical data out of the
image, serves TLS only, keeps tokens out of URLs and logs, and shares what replicas must share."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_image_never_holds_secrets_databases_or_local_environments():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    assert {".env", "*.db", ".venv/", "var/", ".run/", ".git/"} <= ignored


def test_nginx_serves_tls_only_and_logs_no_query_strings():
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "listen 443 ssl;" in nginx and "ssl_certificate " in nginx and "return 301 https://" in nginx
    assert "access_log /var/log/nginx/access.log no_query;" in nginx and "$request " not in nginx
    assert "token=$http_x_rasa_token" in nginx  # the API token arrives in a header, never in the client's URL


def test_replicas_share_the_secrets_they_must_agree_on():
    compose = (ROOT / "deploy" / "docker-compose.yml").read_text()
    for setting in ("IMNM_ACTIONS_TOKEN", "IMNM_SESSION_SECRET", "IMNM_REST_JWT_KEY", "REDIS_HOST", "TLS_DIR"):
        assert setting in compose, setting
