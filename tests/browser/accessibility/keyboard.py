"""Drive a page with the keyboard alone: Tab, Shift+Tab, Enter, Space and the arrow keys.

Nothing here clicks or fills: a journey moves the focus with Tab until the control it
wants is focused, then types or presses keys, as someone without a mouse would. At every
Tab stop the focused control must show a focus indicator and must not be hidden under
something else (a sticky footer, a header): WCAG 2.4.7 and 2.4.11.
"""

MAX_TAB_STOPS = 250

FOCUS_STATE = """(target) => {
  const el = document.activeElement;
  if (!el || el === document.body) return {isTarget: false, description: 'body'};
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  // Computed while focused, so it is the focus style (or a permanent one, which also shows).
  const visibleIndicator = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  // The focused control (or what it labels) must be on top at its own centre, inside the window.
  const x = Math.min(Math.max(box.left + Math.min(box.width, 40) / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const onTop = !!top && (el.contains(top) || top.contains(el) || (el.labels && [...el.labels].some(l => l.contains(top))));
  const description = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.name ? '[name=' + el.name + ']' : '') + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '"';
  return {isTarget: el === target, visibleIndicator, onTop, description};
}"""


class KeyboardJourneyError(AssertionError):
    pass


def tab_to(page, locator, *, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab when `backwards`) until `locator` has the focus."""
    target = locator.element_handle()
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press(key)
        state = page.evaluate(FOCUS_STATE, target)
        _check_focus_is_visible(state)
        if state["isTarget"]:
            return
    raise KeyboardJourneyError(f"{key} never reached {locator} within {MAX_TAB_STOPS} stops")


def _check_focus_is_visible(state: dict) -> None:
    if state["description"] == "body":
        return
    if not state["visibleIndicator"]:
        raise KeyboardJourneyError(f"no visible focus indicator on {state['description']}")
    if not state["onTop"]:
        raise KeyboardJourneyError(
            f"the focused {state['description']} is hidden under another element"
        )


def focused_description(page) -> str:
    return page.evaluate(FOCUS_STATE, None)["description"]


def type_into(page, locator, text: str) -> None:
    """Tab to a text field and type into it."""
    tab_to(page, locator)
    page.keyboard.type(text)


def press_until(page, key: str, condition, *, limit: int = 20) -> None:
    """Press `key` (an arrow key, say) until `condition()` holds."""
    for _ in range(limit):
        if condition():
            return
        page.keyboard.press(key)
    if not condition():
        raise KeyboardJourneyError(f"{key} pressed {limit} times without reaching the wanted state")
