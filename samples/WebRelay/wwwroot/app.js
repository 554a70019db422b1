// The sample page: asks through the relay, shows the thinking live (collapsing to "Thought for 12.4 s" when the answer
// starts), renders the answer as sanitised markdown, keeps a conversation, and resumes a running answer after a reload.
// State for tests and styles: <body data-state="idle|thinking|answering|done|stopped|error">.
"use strict";

const relay = new ReasonStreamRelay("relay");
const $ = id => document.getElementById(id);
const CONVERSATION_KEY = "webrelay.conversation";
const ACTIVE_KEY = "webrelay.active";
let current = null; // { id, follower, view }

function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function conversationId() {
  let id = localStorage.getItem(CONVERSATION_KEY);
  if (!id) localStorage.setItem(CONVERSATION_KEY, id = newId());
  return id;
}

function setState(state) {
  document.body.dataset.state = state;
  const busy = state === "thinking" || state === "answering" || state === "starting";
  $("stop").disabled = !busy;
  $("send").disabled = busy;
}

/** Keeps the newest text in view while the reader is at the bottom (not while they scroll back). */
function followBottom() {
  const atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 160;
  if (atBottom) requestAnimationFrame(() => window.scrollTo(0, document.body.scrollHeight));
}

function seconds(ms) {
  return (ms / 1000).toFixed(1) + " s";
}

/** One turn on the page: question, thinking panel, answer, error, meta line. */
class TurnView {
  constructor(question) {
    this.root = $("turn-template").content.firstElementChild.cloneNode(true);
    this.root.querySelector(".question").textContent = question;
    this.details = this.root.querySelector(".thinking");
    this.label = this.root.querySelector(".thinking-label");
    this.reasoning = this.root.querySelector(".reasoning");
    this.answerBox = this.root.querySelector(".answer");
    this.errorBox = this.root.querySelector(".error");
    this.meta = this.root.querySelector(".meta");
    this.answer = "";
    this.thoughtMs = null;
    this.details.dataset.empty = "";
    $("turns").appendChild(this.root);
  }

  addReasoning(text, elapsedMs) {
    delete this.details.dataset.empty;
    this.reasoning.textContent += text; // text, never HTML
    this.reasoningAt = { server: elapsedMs, local: performance.now() };
    this.root.dataset.state = "thinking";
    this.tick();
    followBottom();
  }

  tick() {
    if (this.thoughtMs !== null || !this.reasoningAt) return;
    const ms = this.reasoningAt.server + (performance.now() - this.reasoningAt.local);
    this.label.textContent = "Thinking… " + seconds(ms);
  }

  endThinking(elapsedMs) {
    if (this.thoughtMs !== null || this.details.dataset.empty !== undefined) return;
    this.thoughtMs = elapsedMs;
    this.label.textContent = "Thought for " + seconds(elapsedMs);
    this.details.open = false;
  }

  addAnswer(text, elapsedMs) {
    this.endThinking(elapsedMs);
    this.answer += text;
    this.root.dataset.state = "answering";
    if (!this.renderPending) {
      this.renderPending = true;
      requestAnimationFrame(() => {
        this.renderPending = false;
        this.answerBox.innerHTML = window.renderMarkdown(this.answer); // sanitised by DOMPurify
        followBottom();
      });
    }
  }

  finish(data) {
    this.endThinking(data.elapsed_ms);
    this.answerBox.innerHTML = window.renderMarkdown(this.answer);
    this.root.dataset.state = "done";
    const parts = [];
    if (data.truncated) parts.push("cut off by the token limit");
    if (this.usage && this.usage.reasoning_tokens != null) parts.push(this.usage.reasoning_tokens + " reasoning tokens");
    if (this.usage && this.usage.output_tokens != null) parts.push(this.usage.output_tokens + " output tokens");
    this.meta.textContent = parts.join(" · ");
  }

  fail(error) {
    this.endThinking(error.elapsed_ms || 0);
    this.answerBox.innerHTML = window.renderMarkdown(this.answer);
    this.errorBox.hidden = false;
    this.errorBox.textContent = error.kind === "canceled" ? "Stopped." : `Error (${error.kind}): ${error.message}`;
    this.root.dataset.state = error.kind === "canceled" ? "stopped" : "error";
  }

  /** A finished exchange from the archive. */
  static fromArchive(exchange) {
    const view = new TurnView(exchange.prompt);
    if (exchange.reasoning) view.addReasoning(exchange.reasoning, 0);
    view.answer = exchange.answer;
    if (exchange.reasoning_ms != null) view.endThinking(exchange.reasoning_ms);
    else view.endThinking(0);
    if (exchange.usage) view.usage = exchange.usage;
    if (exchange.error) view.fail(exchange.error);
    else view.finish({ truncated: exchange.finish_reason === "length", elapsed_ms: exchange.reasoning_ms || 0 });
    return view;
  }
}

function follow(id, view) {
  current = { id, view };
  setState("thinking");
  current.follower = relay.follow(id, {
    onReasoning: (text, data) => { view.addReasoning(text, data.elapsed_ms); setState("thinking"); },
    onAnswer: (text, data) => { view.addAnswer(text, data.elapsed_ms); setState("answering"); },
    onToolCall: data => view.endThinking(data.elapsed_ms),
    onUsage: data => { view.usage = data; },
    onFinish: data => { view.finish(data); end("done"); },
    onError: error => { view.fail(error); end(error.kind === "canceled" ? "stopped" : "error"); },
    onConnection: state => { $("connection").textContent = state === "reconnecting" ? "Reconnecting…" : ""; },
  });
}

function end(state) {
  localStorage.removeItem(ACTIVE_KEY);
  current = null;
  $("connection").textContent = "";
  setState(state);
  $("question").focus();
}

async function ask(question) {
  const view = new TurnView(question);
  view.root.scrollIntoView({ block: "end" });
  setState("starting");
  let id;
  try {
    id = await relay.start({ question, conversation: conversationId() });
  } catch (error) {
    view.fail(error);
    setState("error");
    return;
  }
  localStorage.setItem(ACTIVE_KEY, JSON.stringify({ id, question }));
  follow(id, view);
}

async function restore() {
  let active = JSON.parse(localStorage.getItem(ACTIVE_KEY) || "null");
  for (const exchange of await relay.conversation(conversationId())) {
    TurnView.fromArchive(exchange);
    if (active && exchange.id === active.id) active = null; // it finished while the page was away
  }
  if (!active) localStorage.removeItem(ACTIVE_KEY);
  else {
    // A reload mid-answer: replay the retained events from the start into a fresh view, then continue live.
    const view = new TurnView(active.question);
    view.root.scrollIntoView({ block: "start" });
    follow(active.id, view);
  }
}

$("ask").addEventListener("submit", event => {
  event.preventDefault();
  const question = $("question").value.trim();
  if (!question || current) return;
  $("question").value = "";
  ask(question);
});
$("question").addEventListener("keydown", event => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    $("ask").requestSubmit();
  }
});
$("stop").addEventListener("click", () => { if (current) relay.stop(current.id); });
$("new-conversation").addEventListener("click", () => {
  if (current) current.follower.close();
  current = null;
  localStorage.removeItem(ACTIVE_KEY);
  localStorage.setItem(CONVERSATION_KEY, newId());
  $("turns").replaceChildren();
  setState("idle");
});
setInterval(() => { if (current) current.view.tick(); }, 100);
restore();
