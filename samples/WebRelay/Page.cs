namespace Samples.WebRelay;

/// <summary>The browser side: an EventSource on <c>/ask</c>, the thinking in a collapsible panel, the answer below.</summary>
internal static class Page
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>ReasonStream relay</title>
          <style>
            body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
            details { background: #f4f4f6; border-radius: .5rem; padding: .5rem 1rem; color: #555; }
            summary { cursor: pointer; font-weight: 600; }
            #reasoning, #answer { white-space: pre-wrap; }
            #answer { margin-top: 1rem; }
          </style>
        </head>
        <body>
          <form id="ask"><input id="q" size="60" value="How many r's are in strawberry?"> <button>Ask</button> <button type="button" id="stop">Stop</button></form>
          <details id="thinking" open><summary id="status">Thinking…</summary><div id="reasoning"></div></details>
          <div id="answer"></div>
          <script>
            let source, started;
            const $ = id => document.getElementById(id);
            function stop(label) { if (source) { source.close(); source = null; } if (label) $("status").textContent = label; }
            $("stop").onclick = () => stop("Stopped");
            $("ask").onsubmit = e => {
              e.preventDefault(); stop();
              $("reasoning").textContent = ""; $("answer").textContent = "";
              $("thinking").open = true; $("status").textContent = "Thinking…"; started = performance.now();
              source = new EventSource("/ask?q=" + encodeURIComponent($("q").value));
              source.addEventListener("reasoning", m => { $("reasoning").textContent += m.data; });
              source.addEventListener("answer", m => {
                if ($("thinking").open && $("answer").textContent === "") {
                  $("thinking").open = false;
                  $("status").textContent = "Thought for " + ((performance.now() - started) / 1000).toFixed(1) + " s";
                }
                $("answer").textContent += m.data;
              });
              source.addEventListener("done", () => stop());
              source.addEventListener("error", m => { if (m.data) $("answer").textContent += "\n[error] " + m.data; stop(); });
            };
          </script>
        </body>
        </html>
        """;
}
