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
