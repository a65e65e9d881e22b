"""Slack Block Kit for a plan: detail buttons that come back through interactivity, and the
timeline picture as an image block only when Slack can fetch it."""

from __future__ import annotations

from imnm.render.first_screen import DETAILS
from imnm.render.slack import DETAILS_BLOCK, render_slack


def test_a_plan_carries_its_detail_buttons():
    payload = render_slack("**IMNM plan** ...", DETAILS)
    actions = payload["blocks"][-1]
    assert actions["type"] == "actions" and actions["block_id"] == DETAILS_BLOCK
    assert [(b["text"]["text"], b["value"]) for b in actions["elements"]] == [tuple(d) for d in DETAILS]
    assert len({b["action_id"] for b in actions["elements"]}) == len(DETAILS)


def test_the_timeline_is_an_image_block_with_alt_text_only_at_an_address_slack_can_reach():
    alt = "**Timeline** (only timings the plan states). Treatment timeline (weeks from the start)."
    public = render_slack(alt, image="https://imnm.example.org/webhooks/web/timeline/" + "a" * 32 + ".png")
    image = next(block for block in public["blocks"] if block["type"] == "image")
    assert image["image_url"].startswith("https://") and "Treatment timeline" in image["alt_text"]
    relative = render_slack(alt, image="/webhooks/web/timeline/" + "a" * 32 + ".png")
    assert not any(block["type"] == "image" for block in relative["blocks"])  # its alt text stands alone
