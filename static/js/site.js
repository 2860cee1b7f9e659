// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".nav-toggle");
  const nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      nav.classList.toggle("open", !open);
    });
  }
  makeScrollingTablesFocusable();
});

// A table wider than its box scrolls sideways inside it (.table-scroll). Keyboard users
// can only scroll what they can focus, so while the box overflows it is a named region in
// the tab order (WCAG 2.1.1; axe's "scrollable-region-focusable").
function makeScrollingTablesFocusable() {
  const boxes = document.querySelectorAll(".table-scroll");
  if (!boxes.length) return;
  const headingBefore = (element) => {
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) return sibling;
      }
    }
    return null;
  };
  // "Tabel: <caption or heading>", so the region is not named like the section around it.
  const nameOf = (box) => {
    const word = document.documentElement.lang === "en" ? "Table" : "Tabel";
    const caption = box.querySelector("caption") || headingBefore(box);
    return caption ? `${word}: ${caption.textContent.trim()}` : word;
  };
  const update = () => boxes.forEach((box) => {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", nameOf(box));
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
    }
  });
  let pending = false;
  window.addEventListener("resize", () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; update(); });
  });
  update();
}
