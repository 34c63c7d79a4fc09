// Suggested topics in the story editor's side panel (news/topics_admin.py).
// Reads the editor's text as it stands, asks the server what it mentions, and
// puts an accepted topic into the story's topics field, so saving the story
// carries it like a typed one.
(function () {
  "use strict";
  const panel = document.querySelector("[data-topic-suggestions]");
  if (!panel) return;
  const list = panel.querySelector("[data-topic-list]");
  const status = panel.querySelector("[data-topic-status]");
  const labels = panel.querySelector("[data-topic-labels]").dataset;
  const rejectedHere = new Set();

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function topicsInput() {
    return document.querySelector("#id_topics");
  }

  function carried() {
    const input = topicsInput();
    if (!input) return new Set();
    return new Set(
      input.value.split(",").map((name) => name.trim().replace(/^"|"$/g, "")).filter(Boolean)
    );
  }

  function editorText() {
    const form = document.querySelector("form[data-edit-form], form#page-edit-form") || document.body;
    const parts = [];
    for (const name of ["title", "lead"]) {
      const field = form.querySelector(`[name=${name}]`);
      if (field) parts.push(field.value);
    }
    const body = form.querySelector('[data-contentpath="body"]') || form.querySelector("#panel-child-content-body-section");
    if (body) {
      body.querySelectorAll(".public-DraftEditor-content, textarea, input[type=text]").forEach((el) => {
        parts.push(el.value !== undefined && el.tagName !== "DIV" ? el.value : el.innerText);
      });
    }
    return parts.join("\n");
  }

  function addTopic(name) {
    const input = topicsInput();
    if (!input) return;
    const $ = window.jQuery;
    if ($ && $(input).data("ui-tagit")) {
      $(input).tagit("createTag", name);
    } else {
      const names = [...carried(), name];
      input.value = names.map((n) => (n.includes(",") || n.includes(" ") ? `"${n}"` : n)).join(", ");
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function say(text) {
    status.textContent = text;
  }

  async function post(url, fields) {
    const body = new FormData();
    Object.entries(fields).forEach(([key, value]) => body.append(key, value));
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }

  function render(suggestions) {
    const have = carried();
    const shown = suggestions.filter((s) => !have.has(s.name) && !rejectedHere.has(s.name));
    list.replaceChildren();
    if (!shown.length) {
      const none = document.createElement("li");
      none.textContent = labels.none;
      list.append(none);
      return;
    }
    for (const item of shown) {
      const row = document.createElement("li");
      row.className = "w-mb-3";
      row.dataset.name = item.name;
      row.dataset.kind = item.kind;
      const strong = document.createElement("strong");
      strong.textContent = item.name;
      const meta = document.createElement("span");
      meta.className = "w-text-text-meta";
      meta.textContent = ` (${item.kind_label}${item.found_as !== item.name ? `: “${item.found_as}”` : ""})`;
      const accept = document.createElement("button");
      accept.type = "button";
      accept.className = "button button-small";
      accept.dataset.topicAccept = "";
      accept.textContent = labels.accept;
      const reject = document.createElement("button");
      reject.type = "button";
      reject.className = "button button-small button-secondary no";
      reject.dataset.topicReject = "";
      reject.textContent = labels.reject;
      row.append(strong, meta, document.createElement("br"), accept, " ", reject);
      list.append(row);
    }
  }

  async function refresh() {
    try {
      const answer = await post(panel.dataset.suggestUrl, {
        text: editorText(),
        language: panel.dataset.language,
        story: panel.dataset.story,
      });
      render(answer.suggestions);
    } catch (error) {
      say(labels.failed);
    }
  }

  async function decide(row, decision) {
    const name = row.dataset.name;
    try {
      if (panel.dataset.decideUrl) {
        await post(panel.dataset.decideUrl, { name, kind: row.dataset.kind, decision });
      }
    } catch (error) {
      say(labels.failed);
      return;
    }
    if (decision === "accept") {
      addTopic(name);
      say(`${labels.added} ${name}`);
    } else {
      rejectedHere.add(name);
      say(`${labels.rejected} ${name}`);
    }
    row.remove();
    if (!list.querySelector("[data-name]")) render([]);
  }

  panel.addEventListener("click", (event) => {
    const row = event.target.closest("[data-name]");
    if (event.target.closest("[data-topic-refresh]")) refresh();
    else if (row && event.target.closest("[data-topic-accept]")) decide(row, "accept");
    else if (row && event.target.closest("[data-topic-reject]")) decide(row, "reject");
  });

  let timer = null;
  document.addEventListener("input", (event) => {
    if (panel.contains(event.target)) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 1500);
  });
  if (!panel.dataset.story) refresh();
})();
