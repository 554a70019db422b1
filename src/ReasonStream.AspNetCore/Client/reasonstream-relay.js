/*
 * ReasonStream relay client — served by MapReasoningRelay at {pattern}/client.js. No dependencies.
 *
 *   <script src="/relay/client.js"></script>
 *   const relay = new ReasonStreamRelay("/relay");
 *   const id = await relay.start({ question: "Why is the sky blue?" });   // POST, JSON body; returns the stream id
 *   const follower = relay.follow(id, {
 *     onReasoning: (text, event) => …,    // a piece of the thinking
 *     onAnswer: (text, event) => …,       // a piece of the answer (markdown: sanitise before showing it as HTML)
 *     onToolCall: data => …, onUsage: data => …,
 *     onFinish: data => …,                // { finish_reason, truncated, elapsed_ms }: the stream ended normally
 *     onError: error => …,                // { kind, message }: the stream ended in an error, or could not be followed
 *                                         //   (the relay's own failures too: store_unavailable, stream_lost, not_found…)
 *     onPosition: lastEventId => …,       // after each event: keep it (sessionStorage) to resume after a reload
 *     onConnection: state => …,           // "open" | "reconnecting"
 *   }, { after: savedLastEventId });
 *   await relay.stop(id);                 // the stop button: works from any instance
 *
 * Every event is delivered once, in order: the position (the SSE id) of each event is remembered, EventSource sends
 * it back as Last-Event-ID when it reconnects by itself, and `after` resumes from it after a reload.
 */
(function (global) {
  "use strict";

  const TEXT_KINDS = ["reasoning", "answer"];
  const DATA_KINDS = ["tool_call", "usage", "finish", "error"];
  const FIRST_RETRY_MS = 1000;
  const MAX_RETRY_MS = 30000;

  class ReasonStreamRelay {
    /** @param {string} baseUrl The pattern given to MapReasoningRelay, e.g. "/relay". */
    constructor(baseUrl) {
      this.baseUrl = String(baseUrl).replace(/\/+$/, "");
    }

    /** Starts a stream: POSTs `body` as JSON to the relay and resolves to the new stream id. */
    async start(body) {
      const response = await fetch(this.baseUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body ?? {}),
      });
      const json = await readJson(response);
      if (response.status !== 201 || typeof json.id !== "string") {
        throw relayError(response.status === 429 ? "busy" : "start_failed", json.error || `The relay answered ${response.status}.`);
      }
      return json.id;
    }

    /** Follows a stream live (from the start, or after position `options.after`); returns a Follower. */
    follow(id, handlers, options) {
      return new Follower(`${this.baseUrl}/${encodeURIComponent(id)}/events`, handlers || {}, Number((options && options.after) || 0));
    }

    /** Asks the relay to stop a running stream (from any instance). Resolves to true when it was running. */
    async stop(id) {
      const response = await fetch(`${this.baseUrl}/${encodeURIComponent(id)}/cancel`, { method: "POST" });
      return response.status === 202;
    }

    /** A finished exchange from the archive, or null. */
    async exchange(id) {
      const response = await fetch(`${this.baseUrl}/${encodeURIComponent(id)}`);
      return response.ok ? readJson(response) : null;
    }

    /** The archived exchanges of a conversation, oldest first ([] when none or no archive). */
    async conversation(conversationId) {
      const response = await fetch(`${this.baseUrl}/conversations/${encodeURIComponent(conversationId)}`);
      return response.ok ? (await readJson(response)).exchanges || [] : [];
    }
  }

  class Follower {
    constructor(url, handlers, after) {
      this.url = url;
      this.handlers = handlers;
      this.lastEventId = after;
      this.closed = false;
      this.retryMs = FIRST_RETRY_MS;
      /** Resolves to "finish", "error" or "closed" when the follower stops. */
      this.done = new Promise(resolve => { this._resolve = resolve; });
      this._open();
    }

    /** Stops following (the stream itself goes on; see ReasonStreamRelay.stop). */
    close() {
      this._end("closed");
    }

    _open() {
      const source = new EventSource(this.lastEventId > 0 ? `${this.url}?after=${this.lastEventId}` : this.url);
      this.source = source;
      source.onopen = () => this._call("onConnection", "open");
      for (const kind of TEXT_KINDS.concat(DATA_KINDS)) {
        source.addEventListener(kind, event => this._receive(kind, event));
      }
      // A failure of the relay itself (its store went away): never stored, so it has no id of its own.
      source.addEventListener("relay_error", event => this._relayError(event));
      source.onerror = event => {
        // The stream's own `error` event is a MessageEvent dispatched as "error" too: _receive has it.
        if (this.closed || event instanceof MessageEvent) return;
        if (source.readyState === EventSource.CONNECTING) {
          this._call("onConnection", "reconnecting");
          return;
        }
        // The relay refused the connection (404, 503, 204): ask it why, once, and say so.
        this._diagnose();
      };
    }

    _receive(kind, event) {
      if (this.closed || typeof event.data !== "string") return;
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      const position = Number(event.lastEventId);
      if (event.lastEventId !== "" && position <= this.lastEventId) return; // never twice
      if (event.lastEventId !== "") this.lastEventId = position;
      this.retryMs = FIRST_RETRY_MS; // it works: the next diagnosis starts from the shortest delay
      switch (kind) {
        case "reasoning": this._call("onReasoning", data.text, data); break;
        case "answer": this._call("onAnswer", data.text, data); break;
        case "tool_call": this._call("onToolCall", data); break;
        case "usage": this._call("onUsage", data); break;
        case "finish": this._call("onFinish", data); break;
        case "error": this._call("onError", data); break;
      }
      if (event.lastEventId !== "") this._call("onPosition", this.lastEventId);
      if (kind === "finish" || kind === "error") this._end(kind);
    }

    _relayError(event) {
      if (this.closed || typeof event.data !== "string") return;
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        data = relayError("unavailable", "The relay failed.");
      }
      this._call("onError", data);
      this._end("error");
    }

    async _diagnose() {
      this.source.close();
      let response;
      try {
        const controller = new AbortController();
        response = await fetch(this.lastEventId > 0 ? `${this.url}?after=${this.lastEventId}` : this.url, { signal: controller.signal });
        if (response.status === 200) {
          controller.abort(); // it answers again: follow on, after a delay that grows while it keeps failing
          const delay = this.retryMs;
          this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
          this._call("onConnection", "reconnecting");
          setTimeout(() => { if (!this.closed) this._open(); }, delay);
          return;
        }
      } catch {
        response = null;
      }
      if (this.closed) return;
      if (response && response.status === 204) {
        this._end("closed");
        return;
      }
      const json = response ? await readJson(response) : {};
      this._call("onError", relayError(response && response.status === 404 ? "not_found" : "unavailable",
        json.error || "The relay could not be reached."));
      this._end("error");
    }

    _call(name, ...args) {
      const handler = this.handlers[name];
      if (typeof handler === "function") {
        try {
          handler(...args);
        } catch (error) {
          console.error(error);
        }
      }
    }

    _end(how) {
      if (this.closed) return;
      this.closed = true;
      if (this.source) this.source.close();
      this._resolve(how);
    }
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch {
      return {};
    }
  }

  function relayError(kind, message) {
    return { kind, message };
  }

  global.ReasonStreamRelay = ReasonStreamRelay;
})(typeof window !== "undefined" ? window : globalThis);
