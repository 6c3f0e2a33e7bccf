"""The web chat page in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, List

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from bot.certifications import load_catalog
from tests.e2e.servers import ROOT, Servers

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = ROOT / "tests" / "output" / "screenshots"
CATALOG = load_catalog()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, servers: Servers) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    opened.goto(f"{servers.base}/chat")
    expect(opened.locator(".msg--bot").first).to_be_visible(timeout=20_000)
    yield opened
    context.close()


def bot_count(page: Page) -> int:
    return page.locator(".msg--bot").count()


def ask(page: Page, text: str) -> None:
    before = bot_count(page)
    page.get_by_label("Your message").fill(text)
    page.keyboard.press("Enter")
    expect(page.locator(".msg--bot")).to_have_count(before + 1, timeout=20_000)


def click(page: Page, title: str) -> None:
    before = bot_count(page)
    page.locator(".replies button", has_text=title).last.click()
    expect(page.locator(".msg--bot")).to_have_count(before + 1, timeout=20_000)


def last_bot(page: Page) -> str:
    return page.locator(".msg--bot").last.inner_text()


def test_ask_what_an_it_pm_does(page: Page) -> None:
    expect(page.get_by_role("heading", name="PM Career Assistant")).to_be_visible()
    ask(page, "what does an IT PM do?")
    assert "on time, within budget" in last_bot(page)
    expect(page.locator(".msg--user").last).to_have_text("what does an IT PM do?")
    page.screenshot(path=str(SHOTS / "01-role-answer.png"), full_page=True)


def test_pmp_eligibility_by_buttons_and_typing_then_reload(page: Page) -> None:
    click(page, "Am I eligible for the PMP?")
    assert CATALOG.fields["education"].default_question in last_bot(page)
    click(page, "Bachelor's")
    ask(page, "5 years")
    ask(page, "35 hours")
    card = page.locator(".card").last
    expect(card).to_be_visible()
    expect(card.locator("h2")).to_have_text("PMP: eligible")
    expect(card).to_contain_text("Path B: four-year degree")
    expect(card).to_contain_text(f"Rules as of {CATALOG.rules_as_of}")
    page.screenshot(path=str(SHOTS / "02-pmp-eligible-card.png"), full_page=True)

    messages_before: List[str] = page.locator(".msg").all_inner_texts()
    page.reload()
    expect(page.locator(".card h2").last).to_have_text("PMP: eligible", timeout=20_000)
    assert page.locator(".msg").all_inner_texts() == messages_before  # history shown again
    ask(page, "what do you know about me?")
    known = last_bot(page)
    assert "education: a bachelor's degree" in known
    assert "project leadership experience: 5 years" in known
    assert "project management education: 35 hours" in known
    page.screenshot(path=str(SHOTS / "03-after-reload.png"), full_page=True)


def test_not_eligible_card_lists_the_shortfall(page: Page) -> None:
    ask(page, "am I eligible for the PMP?")
    ask(page, "high school")
    ask(page, "2 years")
    ask(page, "35 hours")
    card = page.locator(".card").last
    expect(card.locator("h2")).to_have_text("PMP: not eligible yet")
    expect(card).to_contain_text("36 more months of project leadership experience")  # as the chat says it
    expect(card).to_contain_text("24 of 60 months needed")


def test_html_from_the_user_is_shown_as_text_and_never_runs(page: Page) -> None:
    dialogs: List[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    attack = "<img src=x onerror=alert(1)>"
    ask(page, attack)
    expect(page.locator(".msg--user").last).to_have_text(attack)
    assert page.locator("#log img").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == []


def test_start_over_begins_a_new_conversation(page: Page) -> None:
    ask(page, "can I sit the CAPM")
    ask(page, "GED")
    page.get_by_role("button", name="Start over: forget this conversation").click()
    expect(page.locator(".msg--user")).to_have_count(0, timeout=20_000)
    expect(page.locator(".msg--bot")).to_have_count(1, timeout=20_000)
    ask(page, "what do you know about me?")
    assert "don't know anything about you yet" in last_bot(page)


def test_phone_width_and_keyboard_only(browser: Browser, servers: Servers) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{servers.base}/chat")
    expect(phone.locator(".msg--bot").first).to_be_visible(timeout=20_000)
    box = phone.get_by_label("Your message").bounding_box()
    send = phone.get_by_role("button", name="Send").bounding_box()
    assert box and send and send["x"] + send["width"] <= 375 and box["width"] > 150
    bubble = phone.locator(".msg--bot").first.bounding_box()
    assert bubble and bubble["x"] + bubble["width"] <= 375
    phone.keyboard.press("Tab")  # focus moves through the page with the keyboard alone
    phone.get_by_label("Your message").focus()
    phone.keyboard.type("how do I become an IT project manager?")
    phone.keyboard.press("Enter")
    expect(phone.locator(".msg--bot")).to_have_count(2, timeout=20_000)
    assert "three steps" in phone.locator(".msg--bot").last.inner_text()
    phone.screenshot(path=str(SHOTS / "04-phone-width.png"), full_page=True)
    context.close()
