"""The web widget in a real browser (Debian's Chromium) against the running servers."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
BUNDLE = ROOT / "web" / "node_modules" / "rasa-webchat" / "lib" / "index.js"
THIN_PATH = "70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin"


@pytest.fixture
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Chromium or chromedriver not installed (apt-get install chromium chromium-driver)")
    if not BUNDLE.exists():
        pytest.skip("widget bundle not installed (scripts/install_web.sh needs npm)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="imnm-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", "--window-size=1280,1400", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def ask(driver, url: str, text: str, wait_for: str, timeout: float = 60) -> str:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    box = WebDriverWait(driver, 30).until(
        expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, ".rw-new-message")))
    time.sleep(1)  # let the socket connect and the session start
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replies = _texts(driver)
        if wait_for in replies:
            return _settled(driver)
        time.sleep(0.3)
    raise AssertionError(f"no reply containing {wait_for!r}; saw: {replies[:500]!r}")


def _texts(driver) -> str:
    """All bot bubbles' text, read in one step in the page (the widget re-renders them as they arrive)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.rw-response')).map(e => e.innerText).join(' ');")


def _settled(driver) -> str:
    """The reply arrives in several bubbles; wait until nothing new has appeared for 4 seconds."""
    last, stable_since = None, time.monotonic()
    while time.monotonic() - stable_since < 4:
        text = _texts(driver)
        if text != last:
            last, stable_since = text, time.monotonic()
        time.sleep(0.2)
    return last


def test_clinician_page_shows_a_dosed_cited_plan(servers, browser):
    replies = ask(browser, f"{servers.url}/webhooks/web/", THIN_PATH, "70 mg/day")
    assert "methotrexate" in replies and "[1" in replies and "Sources" in replies and "S000" in replies
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "widget.png"))  # the end of the plan: lists and sources
    # And the start of the plan, with the computed dose, scrolled into view as a reader would.
    visible = browser.execute_script(
        "const bubble = Array.from(document.querySelectorAll('.rw-response'))"
        "  .find(e => e.innerText.includes('70 mg/day'));"
        "bubble.scrollIntoView({block: 'start'});"
        "const box = bubble.getBoundingClientRect();"
        "return box.height > 0 && box.top >= 0 && box.top < window.innerHeight;")
    assert visible, "the dose bubble could not be shown"
    browser.save_screenshot(str(ARTIFACTS / "widget-dose.png"))


def test_patient_page_answers_in_plain_language_without_doses(servers, browser):
    replies = ask(browser, f"{servers.url}/webhooks/web/patient", THIN_PATH, "care team")
    assert not re.search(r"\d\s*mg\b|mg/kg", replies) and "prednisone" in replies
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "widget-patient.png"))


DETAIL_REPLIES = {
    "Why": "Why this plan", "Monitoring": "MMT8", "Pitfalls": "irreversible", "Sources": "Sources for this plan",
    "Full plan": "IMNM treatment plan", "Timeline": "Timeline", "Patient version": "Your treatment: what to expect",
    "Teaching version": "Teaching points",
}


def click_detail(driver, title: str, wait_for: str, timeout: float = 60) -> str:
    """Click the newest button with this title under the plan and wait for its reply."""
    deadline = time.monotonic() + timeout
    clicked = False
    while time.monotonic() < deadline and not clicked:
        clicked = driver.execute_script(
            "const buttons = Array.from(document.querySelectorAll('.rw-reply'))"
            "  .filter(b => b.innerText.trim() === arguments[0]);"
            "if (!buttons.length) return false; buttons[buttons.length - 1].click(); return true;", title)
        time.sleep(0.3)
    assert clicked, f"no {title!r} button under the plan"
    while time.monotonic() < deadline:
        if _texts(driver).count(wait_for) >= 1:
            return _settled(driver)
        time.sleep(0.3)
    raise AssertionError(f"clicking {title!r} gave no reply containing {wait_for!r}")


def test_first_reply_fits_the_screen_and_every_detail_button_answers(servers, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    first = ask(browser, f"{servers.url}/webhooks/web/", THIN_PATH, "70 mg/day")
    assert "Now:" in first and "Stop the statin" in first and "methotrexate" in first
    browser.save_screenshot(str(ARTIFACTS / "widget-first-reply.png"))
    for title, wait_for in DETAIL_REPLIES.items():
        if title != "Why":  # a fresh plan message carries fresh buttons
            ask(browser, f"{servers.url}/webhooks/web/", THIN_PATH, "the plan stands")
        replies = click_detail(browser, title, wait_for)
        assert wait_for in replies
        if title == "Timeline":
            loaded = browser.execute_script(
                "const images = Array.from(document.querySelectorAll('.rw-response img, .rw-image-frame'));"
                "const image = images[images.length - 1];"
                "if (!image) return false; image.scrollIntoView({block: 'center'});"
                "return image.tagName !== 'IMG' || (image.complete && image.naturalWidth > 0);")
            assert loaded, "the timeline picture did not load"
            time.sleep(1)
            browser.save_screenshot(str(ARTIFACTS / "widget-timeline.png"))


def test_an_ehr_card_link_opens_the_chat_with_the_records_facts(servers, browser):
    """The CDS Hooks card's link (render.cds_cards.chat_link) starts a conversation with those facts."""
    from imnm.engine.facts import build_facts
    from imnm.render.cds_cards import chat_link

    link = chat_link(servers.url, build_facts(antibody="HMGCR", weight_kg=64.0, age_years=55.0, statin="past",
                                              severity="moderate"))
    browser.get(link)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and "64 mg/day" not in _texts(browser):
        time.sleep(0.3)
    replies = _settled(browser)
    assert "64 mg/day" in replies and "anti-HMGCR" in replies
    assert "#facts" not in browser.current_url  # cleared once read


def test_a_session_id_copied_into_another_tab_does_not_join_that_conversation(servers, browser):
    """Issue 19 (H46) in the browser: the widget keeps its server-issued session id in sessionStorage; a
    copied or guessed id put there by someone else gets a new session, never the owner's conversation."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url = f"{servers.url}/webhooks/web/"
    ask(browser, url, THIN_PATH, "70 mg/day")
    owner = browser.execute_script("return JSON.parse(sessionStorage.getItem('chat_session')).session_id;")
    assert owner and "." in owner  # issued and signed by the server
    before = [e.get("text") for e in servers.tracker(owner)["events"] if e.get("event") == "user"]
    # Another tab holding the owner's id, as a copied link, a shared machine or a guess would give it.
    browser.execute_script("sessionStorage.clear();"
                           "sessionStorage.setItem('chat_session', JSON.stringify({session_id: arguments[0]}));", owner)
    browser.get(url)
    time.sleep(2)
    box = browser.find_element(By.CSS_SELECTOR, ".rw-new-message")
    box.send_keys("why?")
    box.send_keys(Keys.ENTER)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _texts(browser).strip():
        time.sleep(0.3)
    replies = _settled(browser)
    assert replies.strip(), "no reply in the second tab"
    assert "70 mg" not in replies and "Why this plan" not in replies
    given = browser.execute_script("return JSON.parse(sessionStorage.getItem('chat_session')).session_id;")
    assert given != owner
    after = [e.get("text") for e in servers.tracker(owner)["events"] if e.get("event") == "user"]
    assert after == before  # nothing was written to the owner's conversation
