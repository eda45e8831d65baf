"""»Udskriv« on the pages people print (the discussion guide, the checklist, the recommendations): a real button, made
by script (none without script), reached with Tab, printing with Enter, and absent from the paper itself."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

HANDOUTS = [
    "klyngepakker/videokonsultationer/droeftelsesguide/",
    "videokonference/forudsaetninger/",
    "videokonference/anbefalinger/",
]
# window.print opens a dialog a test cannot close: count the calls instead.
COUNT_PRINTS = "() => { window.prints = 0; window.print = () => { window.prints += 1; }; }"


@pytest.mark.parametrize("path", HANDOUTS)
def test_handout_has_a_print_button_for_keyboard_and_mouse(visit, path):
    page = visit.open(path)
    button = page.locator(".md-content").get_by_role("button", name="Udskriv", exact=True)
    expect(button).to_be_visible()
    assert button.evaluate("(el) => el.tagName") == "BUTTON" and button.get_attribute("type") == "button"
    # Seen without scrolling (the checklist's is just above the list it prints for).
    assert button.bounding_box()["y"] + button.bounding_box()["height"] < page.viewport_size["height"]
    page.evaluate(COUNT_PRINTS)
    for _ in range(150):  # Tab through the page from its start until the button has the focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim() === 'Udskriv'"):
            break
    else:
        pytest.fail("»Udskriv« kan ikke nås med Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.prints") == 1
    button.click()
    assert page.evaluate("() => window.prints") == 2
    page.emulate_media(media="print")
    expect(button).to_be_hidden()
    assert visit.console_errors == []


@pytest.mark.parametrize("path", HANDOUTS)
def test_no_print_button_without_script(browser, base_url, path):
    context = browser.new_context(locale="da-DK", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + path)
        expect(page.locator(".md-content h1")).to_be_visible()
        expect(page.get_by_role("button", name="Udskriv")).to_have_count(0)
    finally:
        context.close()
