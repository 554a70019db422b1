// Bundled by `npm run build` into ../wwwroot/lib/markdown.js (committed). Model output is untrusted: it is parsed as
// markdown and then sanitised by DOMPurify before it reaches innerHTML.
import { marked } from "marked";
import DOMPurify from "dompurify";

DOMPurify.addHook("afterSanitizeAttributes", node => {
  if (node.tagName === "A") {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer nofollow");
  }
});

/** Markdown → sanitised HTML (no scripts, no event handlers, no javascript: URLs, no forms or frames). */
window.renderMarkdown = text =>
  DOMPurify.sanitize(marked.parse(String(text ?? ""), { async: false, gfm: true }), {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe"],
  });
