// Bundled by `npm run build` into ../wwwroot/lib/markdown.js (committed). Model output is untrusted: it is parsed as
// markdown and then sanitised by DOMPurify before it reaches innerHTML. Beyond scripts, it must not make the page
// fetch anything from elsewhere (an image URL can carry what the model read, to anyone) nor restyle the page (a
// style attribute can cover it with a fake one); the page's Content-Security-Policy says the same to the browser.
import { marked } from "marked";
import DOMPurify from "dompurify";

const URL_ATTRIBUTES = ["src", "srcset", "poster", "background", "xlink:href", "action", "formaction", "ping"];

function sameOrigin(value) {
  try {
    const url = new URL(value, document.baseURI);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === window.location.origin;
  } catch {
    return false;
  }
}

DOMPurify.addHook("afterSanitizeAttributes", node => {
  if (node.tagName === "A") {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer nofollow");
  }
  node.removeAttribute("srcset");
  for (const name of URL_ATTRIBUTES) {
    if (name === "src" && node.tagName === "IMG") continue;
    node.removeAttribute(name);
  }
  if (node.tagName === "IMG" && !sameOrigin(node.getAttribute("src") || "")) {
    // Another site's image would be fetched as soon as it is shown: keep its description, not the request.
    const alt = node.getAttribute("alt");
    node.replaceWith(document.createTextNode(alt ? `[image: ${alt}]` : "[image]"));
  }
});

/**
 * Markdown → sanitised HTML: no scripts, event handlers, javascript: URLs, forms, frames, media, styles or style
 * attributes; images only from this page's own origin.
 */
window.renderMarkdown = text =>
  DOMPurify.sanitize(marked.parse(String(text ?? ""), { async: false, gfm: true }), {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "audio", "video", "source", "track", "picture", "object", "embed"],
    FORBID_ATTR: ["style"],
    ALLOW_DATA_ATTR: false,
  });
