"""Run axe-core (tests/browser/vendor/axe.min.js, MPL-2.0) in a Playwright page.

The site sends a strict Content-Security-Policy (script-src 'self'), which would block
`page.add_script_tag(path=...)` (Playwright inlines the file). Rather than switching the
CSP off with `bypass_csp=True`, which would also hide what the policy does to the page
(blocked inline styles, for instance, change contrast and layout), the context answers a
same-origin URL with the vendored file: the script then loads like the site's own.
"""

from pathlib import Path
from urllib.parse import urlsplit

AXE_FILE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
AXE_PATH = "/__accessibility-tests__/axe.min.js"  # never a route of the site
BLOCKING_IMPACTS = ("serious", "critical")
# WCAG 2.0, 2.1 and 2.2 A/AA plus Deque's best practices (landmarks, heading order, ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary, impact: n.impact})),
  }));
}"""


def serve_axe(context, base_url: str) -> None:
    """Answer AXE_PATH on the site's origin with the vendored axe-core, in every page of `context`."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    context.route(
        f"{origin}{AXE_PATH}",
        lambda route: route.fulfill(
            path=AXE_FILE, content_type="application/javascript; charset=utf-8"
        ),
    )


def axe_violations(page) -> list[dict]:
    """Every axe violation on the page as it is now, whatever its impact."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_PATH)
    return page.evaluate(RUN_AXE, AXE_TAGS)


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    """A readable list for an assertion message: rule, impact, help and the failing nodes."""
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:8]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"      {node['target']} — {summary[:240]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"      ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


SIDEWAYS_SCROLL = "document.documentElement.scrollWidth"
