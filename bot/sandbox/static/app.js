// hpcbot sandbox page: renders the local Slack peer's state like a Slack channel.
// Plain JavaScript, no build step. State arrives as Server-Sent Events from /sandbox/events.
"use strict";

const EMOJI = {
  thumbsup: "👍", "+1": "👍", thumbsdown: "👎", "-1": "👎", warning: "⚠️",
  grey_question: "❔", question: "❓", hourglass_flowing_sand: "⏳", hourglass: "⌛",
  white_check_mark: "✅", heavy_check_mark: "✔️", x: "❌", calendar: "📆", date: "📅",
  spiral_calendar_pad: "🗓️", alarm_clock: "⏰", bell: "🔔", rocket: "🚀", computer: "💻",
  desktop_computer: "🖥️", books: "📚", book: "📖", link: "🔗", mag: "🔍", bulb: "💡",
  information_source: "ℹ️", eyes: "👀", tada: "🎉", red_circle: "🔴", large_green_circle: "🟢",
  large_yellow_circle: "🟡", construction: "🚧", lock: "🔒", memo: "📝", pushpin: "📌",
  chart_with_upwards_trend: "📈", zap: "⚡", wave: "👋", clock3: "🕒", fire: "🔥",
};

const app = {
  meta: null,
  state: { messages: [], status: null, clock: null, connected: false },
  channel: null,
  thread: null, // {channel, ts}
};

// ------------------------------------------------------------------ text
function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function emoji(s) {
  return s.replace(/:([a-z0-9_+\-]+):/g, (m, name) => EMOJI[name] || m);
}
function unentity(s) {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
function userName(id) {
  return (app.meta && app.meta.users[id]) || id;
}
function formatDateToken(epoch, format, fallback) {
  const d = new Date(Number(epoch) * 1000);
  if (isNaN(d)) return esc(fallback);
  const date = d.toLocaleDateString(undefined, { month: "short", day: "numeric", year: "numeric" });
  const time = d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return esc(format.replace(/\{date[a-z_]*\}/g, date).replace(/\{time[a-z_]*\}/g, time));
}
// Slack's <…> entities: links, mentions, channels, dates, special mentions.
function entity(inner) {
  const [target, label] = splitOnce(inner, "|");
  if (target.startsWith("@")) return `<span class="mention">@${esc(userName(target.slice(1)))}</span>`;
  if (target.startsWith("#")) return `<span class="mention">#${esc(label || target.slice(1))}</span>`;
  if (target.startsWith("!date^")) {
    const parts = target.split("^");
    return formatDateToken(parts[1], parts[2] || "{date}", unentity(label || ""));
  }
  if (target.startsWith("!")) return `<span class="mention">@${esc(target.slice(1).split("^")[0])}</span>`;
  const url = unentity(target);
  if (!/^(https?:|mailto:)/.test(url)) return esc(unentity(label || target));
  return `<a href="${esc(url)}" target="_blank" rel="noopener noreferrer">${esc(unentity(label || url))}</a>`;
}
function splitOnce(s, sep) {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)];
}
// Inline formatting on text that is already HTML-escaped.
function inline(s) {
  return emoji(s)
    .replace(/(^|[\s(>])\*(?!\s)([^*\n]+?)\*(?=$|[\s).,:;!?<])/g, "$1<b>$2</b>")
    .replace(/(^|[\s(>])_(?!\s)([^_\n]+?)_(?=$|[\s).,:;!?<])/g, "$1<i>$2</i>")
    .replace(/(^|[\s(>])~(?!\s)([^~\n]+?)~(?=$|[\s).,:;!?<])/g, "$1<s>$2</s>");
}
// Slack mrkdwn (or Markdown-ish in `markdown` blocks) to safe HTML.
function mrkdwn(raw, markdown) {
  let text = String(raw || "");
  if (markdown) text = text.replace(/\*\*(.+?)\*\*/g, "*$1*").replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, "<$2|$1>");
  const saved = [];
  const keep = (html) => `\u0000${saved.push(html) - 1}\u0000`;
  text = text.replace(/```([\s\S]*?)```/g, (m, code) => keep(`<pre>${esc(unentity(code.replace(/^\n/, "")))}</pre>`));
  text = text.replace(/`([^`\n]+)`/g, (m, code) => keep(`<code>${esc(unentity(code))}</code>`));
  text = text.replace(/<([^<>\n]+)>/g, (m, inner) => keep(entity(inner)));
  // Slack makes a bare URL clickable, showing the URL itself (not trailing punctuation).
  text = text.replace(/https?:\/\/[^\s<>|]*[^\s<>|.,;:!?)\]'"]/g, (url) => keep(entity(url)));
  // Left: plain text with Slack's &amp; &lt; &gt; escapes; make it safe HTML again.
  text = esc(unentity(text));
  const lines = text.split("\n").map((line) => {
    let m;
    if ((m = line.match(/^&gt;\s?(.*)$/))) return `<blockquote>${inline(m[1]) || "&nbsp;"}</blockquote>`;
    if ((m = line.match(/^(\s*)(•|◦|-|\d+\.)\s+(.*)$/))) {
      const bullet = m[2] === "-" ? "•" : m[2];
      const depth = Math.min(Math.floor(m[1].length / 2), 3);
      return `<div class="li" style="margin-left:${depth * 16}px">${bullet} ${inline(m[3])}</div>`;
    }
    return inline(line) + "<br>";
  });
  let html = lines.join("").replace(/<br>$/, "");
  html = html.replace(/\u0000(\d+)\u0000/g, (m, i) => saved[Number(i)]);
  return `<span class="mrkdwn">${html}</span>`;
}
function textObject(obj) {
  if (!obj) return "";
  if (obj.type === "mrkdwn") return mrkdwn(obj.text);
  return emoji(esc(obj.text || ""));
}

// ------------------------------------------------------------------ blocks
function button(el, msg) {
  const style = el.style ? ` ${el.style}` : "";
  const attrs = `data-action-id="${esc(el.action_id || "")}" data-ts="${esc(msg.ts)}" data-channel="${esc(msg.channel)}" data-ephemeral="${msg.ephemeral ? 1 : 0}"`;
  if (el.url) return `<a class="bk-button${style}" href="${esc(el.url)}" target="_blank" rel="noopener">${textObject(el.text)}</a>`;
  return `<button type="button" class="bk-button${style}" ${attrs}>${textObject(el.text)}</button>`;
}
function richText(block) {
  const walk = (node) => {
    if (!node) return "";
    if (Array.isArray(node)) return node.map(walk).join("");
    if (node.type === "text") return esc(node.text || "");
    if (node.type === "link") return `<a href="${esc(node.url)}" target="_blank">${esc(node.text || node.url)}</a>`;
    if (node.type === "user") return `<span class="mention">@${esc(userName(node.user_id))}</span>`;
    if (node.type === "emoji") return EMOJI[node.name] || `:${esc(node.name)}:`;
    return walk(node.elements);
  };
  return `<div class="block">${walk(block.elements)}</div>`;
}
function renderBlock(block, msg) {
  switch (block.type) {
    case "header":
      return `<div class="block bk-header">${textObject(block.text)}</div>`;
    case "section": {
      const fields = (block.fields || []).map((f) => `<div>${textObject(f)}</div>`).join("");
      const accessory = block.accessory && block.accessory.type === "button" ? button(block.accessory, msg) : "";
      return `<div class="block bk-section"><div class="bk-section-main">${block.text ? textObject(block.text) : ""}` +
        (fields ? `<div class="bk-fields">${fields}</div>` : "") + `</div>${accessory}</div>`;
    }
    case "context":
      return `<div class="block bk-context">${(block.elements || []).map((el) =>
        el.type === "image" ? `<span title="${esc(el.alt_text || "")}">🖼️</span>` : `<span>${textObject(el)}</span>`).join("")}</div>`;
    case "divider":
      return `<hr class="bk-divider">`;
    case "actions":
      return `<div class="block bk-actions">${(block.elements || []).map((el) =>
        el.type === "button" ? button(el, msg) : "").join("")}</div>`;
    case "markdown":
      return `<div class="block">${mrkdwn(block.text, true)}</div>`;
    case "image":
      return `<div class="block"><div class="muted">🖼️ ${esc(block.alt_text || "image")}</div></div>`;
    case "rich_text":
      return richText(block);
    default:
      return `<div class="block muted">[${esc(block.type)} block]</div>`;
  }
}

// ------------------------------------------------------------------ messages
function avatar(userId, cls) {
  const name = userName(userId);
  const kind = userId === app.meta.bot_user ? "bot" : userId === "USLACKBOT" ? "slackbot" : name;
  return `<div class="${cls} av-${esc(kind)}">${esc(kind === "bot" ? "H" : name.charAt(0).toUpperCase())}</div>`;
}
function time(ts) {
  return new Date(Number(ts) * 1000).toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
}
function renderMessage(msg, opts) {
  const name = msg.user === app.meta.me ? `${userName(msg.user)}` : userName(msg.user);
  const badge = msg.is_bot ? `<span class="badge">APP</span>` : "";
  const body = msg.blocks && msg.blocks.length
    ? msg.blocks.map((b) => renderBlock(b, msg)).join("")
    : `<div class="msg-text">${mrkdwn(msg.text)}</div>`;
  const files = (msg.files || []).map((f) => f.mimetype.startsWith("image/")
    ? `<figure class="msg-file"><img src="${esc(f.url)}" alt="${esc(f.alt || f.title)}"><figcaption>${esc(f.title)}</figcaption></figure>`
    : `<div class="msg-file"><a href="${esc(f.url)}">${esc(f.title)}</a></div>`).join("");
  const reactions = msg.reactions.length
    ? `<div class="reactions">${msg.reactions.map((r) =>
        `<span class="reaction${r.users.includes(app.meta.me) ? " mine" : ""}" data-reaction="${esc(r.name)}">${EMOJI[r.name] || ":" + esc(r.name) + ":"} ${r.count}</span>`).join("")}</div>`
    : "";
  const summary = opts.inChannel && msg.reply_count
    ? `<button type="button" class="thread-summary" data-open-thread="${esc(msg.ts)}">${msg.reply_users.slice(0, 3).map((u) => avatar(u, "mini-avatar")).join("")}<span class="reply-count">${msg.reply_count} ${msg.reply_count === 1 ? "reply" : "replies"}</span></button>`
    : "";
  const actions = opts.inChannel && !msg.ephemeral
    ? `<div class="msg-actions"><button type="button" data-open-thread="${esc(msg.ts)}" title="Reply in thread">💬 Reply in thread</button></div>`
    : "";
  return `<div class="message${msg.ephemeral ? " ephemeral" : ""}${msg.is_bot ? " from-bot" : ""}" data-ts="${esc(msg.ts)}" data-channel="${esc(msg.channel)}">
    ${avatar(msg.user, "avatar")}
    <div class="msg-body">
      ${msg.ephemeral ? `<div class="only-you">👁️ Only visible to you</div>` : ""}
      <div class="msg-head"><span class="msg-name">${esc(name)}</span>${badge}<span class="msg-time">${time(msg.ts)}</span></div>
      ${body}${files}${msg.edited ? `<span class="edited">(edited)</span>` : ""}
      ${reactions}${summary}
    </div>${actions}</div>`;
}
function isTopLevel(m) {
  return !m.thread_ts || m.thread_ts === m.ts;
}
function intro(channel) {
  const examples = channel.kind === "dm"
    ? ["What GPUs does a LUMI-G node have?", "Which EuroHPC call fits a start-up that needs 50,000 GPU hours?", "/deadlines"]
    : ["@hpcbot What GPUs does a LUMI-G node have?", "/queue lumi", "/deadlines", "/specs leonardo", "/hpc help"];
  const title = channel.kind === "dm" ? "hpcbot" : "#general";
  const text = channel.kind === "dm"
    ? "This is your direct message with hpcbot. Ask anything about EuroHPC access, machines and how to use them."
    : "This is the very beginning of the <b>#general</b> channel. hpcbot is a member: mention it to ask a question (it answers in a thread), or use its slash commands.";
  return `<div class="intro"><h2>${title}</h2><p>${text}</p><div class="chips">${examples.map((e) =>
    `<button type="button" class="chip" data-example="${esc(e)}">${esc(e)}</button>`).join("")}</div></div>`;
}
function nearBottom(el) {
  return el.scrollHeight - el.scrollTop - el.clientHeight < 80;
}
// Patch a list in place: only messages whose HTML changed are replaced (keeps hover, focus,
// selection and scroll position steady while the bot posts and edits).
function renderList(el, items) {
  const stick = nearBottom(el);
  const old = new Map([...el.children].map((child) => [child.dataset.key, child]));
  let prev = null;
  for (const { key, html } of items) {
    let node = old.get(key);
    if (!node || node.dataset.html !== html) {
      const template = document.createElement("template");
      template.innerHTML = html.trim();
      const fresh = template.content.firstElementChild;
      fresh.dataset.key = key;
      fresh.dataset.html = html;
      if (node) node.replaceWith(fresh);
      node = fresh;
    }
    old.delete(key);
    const expected = prev ? prev.nextElementSibling : el.firstElementChild;
    if (expected !== node) el.insertBefore(node, expected);
    prev = node;
  }
  old.forEach((node) => node.remove());
  if (stick) el.scrollTop = el.scrollHeight;
}
function keyed(msg, opts) {
  return { key: `${msg.ts}:${msg.ephemeral ? "e" : "m"}`, html: renderMessage(msg, opts) };
}

// ------------------------------------------------------------------ modals
// Like Slack's client: the newest open view of yours is shown over the channel; required
// inputs must be filled before it is sent; the app's errors appear under their blocks.
function inputElement(block, value) {
  const el = block.element || {};
  const name = esc(block.block_id || "");
  if (el.type === "static_select" || el.type === "radio_buttons") {
    const initial = value !== undefined ? value : (el.initial_option ? el.initial_option.value : "");
    const options = (el.options || []).map((o) =>
      `<option value="${esc(o.value)}"${o.value === initial ? " selected" : ""}>${esc(o.text.text)}</option>`).join("");
    return `<select name="${name}" data-block-id="${name}"><option value="">${esc((el.placeholder && el.placeholder.text) || "Choose")}</option>${options}</select>`;
  }
  const initial = value !== undefined ? value : (el.initial_value || "");
  const placeholder = el.placeholder ? ` placeholder="${esc(el.placeholder.text)}"` : "";
  const max = el.max_length ? ` maxlength="${Number(el.max_length)}"` : "";
  return `<input type="text" name="${name}" data-block-id="${name}" value="${esc(initial)}"${placeholder}${max}>`;
}
function renderInput(block, view, values) {
  const error = view.errors[block.block_id] || values.__client_errors[block.block_id];
  const optional = block.optional ? ` <span class="muted">(optional)</span>` : "";
  const hint = block.hint ? `<div class="bk-hint">${esc(block.hint.text)}</div>` : "";
  return `<div class="block bk-input${error ? " has-error" : ""}" data-block="${esc(block.block_id)}">
    <label>${esc(block.label.text)}${optional}</label>${inputElement(block, values[block.block_id])}
    ${error ? `<div class="bk-input-error">${esc(error)}</div>` : hint}</div>`;
}
function currentValues(box) {
  const values = { __client_errors: {} };
  for (const field of box.querySelectorAll("[data-block-id]")) values[field.dataset.blockId] = field.value;
  return values;
}
let clientErrors = {};
function renderModal() {
  const box = document.getElementById("modal");
  const views = app.state.views || [];
  const view = views[views.length - 1];
  if (!view) { box.hidden = true; box.innerHTML = ""; box.dataset.key = ""; return; }
  const key = JSON.stringify([view.id, view.errors, view.problem, clientErrors]);
  if (box.dataset.key === key) return; // keep what is being typed
  const values = box.dataset.view === view.id ? currentValues(box) : { __client_errors: {} };
  values.__client_errors = clientErrors;
  const body = view.blocks.map((b) => b.type === "input" ? renderInput(b, view, values) : renderBlock(b, { ts: "", channel: "", ephemeral: false })).join("");
  box.innerHTML = `<div class="modal-card" role="dialog" aria-label="${esc(view.title.text)}">
    <header class="modal-header"><strong>${esc(view.title.text)}</strong><button type="button" class="icon modal-x" aria-label="Close">✕</button></header>
    ${view.problem ? `<div class="modal-problem">⚠️ ${esc(view.problem)}</div>` : ""}
    <form class="modal-body" autocomplete="off">${body}</form>
    <footer class="modal-footer">
      <button type="button" class="modal-close">${esc((view.close && view.close.text) || "Cancel")}</button>
      ${view.submit ? `<button type="button" class="modal-submit">${esc(view.submit.text)}</button>` : ""}
    </footer></div>`;
  box.dataset.key = key;
  box.dataset.view = view.id;
  box.hidden = false;
}
async function submitModal() {
  const box = document.getElementById("modal");
  const view = (app.state.views || []).slice(-1)[0];
  if (!view) return;
  const values = {};
  clientErrors = {};
  for (const block of view.blocks.filter((b) => b.type === "input")) {
    const field = box.querySelector(`[data-block-id="${CSS.escape(block.block_id)}"]`);
    const value = field ? field.value.trim() : "";
    values[block.block_id] = value || null;
    if (!value && !block.optional) clientErrors[block.block_id] = "Please complete this required field.";
  }
  if (Object.keys(clientErrors).length) { renderModal(); return; }
  const button = box.querySelector(".modal-submit");
  if (button) button.disabled = true;
  try {
    const answer = await post("/sandbox/view", { view_id: view.id, values });
    if (!answer.ok && answer.block_id) { clientErrors = { [answer.block_id]: answer.error }; renderModal(); }
  } finally { if (button) button.disabled = false; }
}

// ------------------------------------------------------------------ whole page
function render() {
  const { state, meta } = app;
  const channel = meta.channels.find((c) => c.id === app.channel);
  document.getElementById("channel-name").textContent = channel.kind === "dm" ? "hpcbot" : `# ${channel.name}`;
  document.getElementById("composer-input").placeholder = channel.kind === "dm" ? "Message hpcbot" : `Message #${channel.name}`;
  for (const li of document.querySelectorAll("nav li")) li.classList.toggle("active", li.dataset.channel === app.channel);
  const top = state.messages.filter((m) => m.channel === app.channel && isTopLevel(m));
  renderList(document.getElementById("messages"),
    [{ key: `intro:${channel.id}`, html: intro(channel) }, ...top.map((m) => keyed(m, { inChannel: true }))]);
  renderThread();
  renderModal();
  renderStatus();
  document.getElementById("connection").classList.toggle("on", state.connected);
  document.getElementById("connection-text").textContent = state.connected ? "hpcbot is connected" : "hpcbot is not connected";
  if (state.clock) {
    const now = new Date(state.clock.now);
    const shifted = state.clock.offset_seconds > 60 ? " (fast-forwarded)" : "";
    document.getElementById("clock-now").textContent =
      now.toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }) + shifted;
  }
}
function renderThread() {
  const pane = document.getElementById("thread");
  if (!app.thread) { pane.hidden = true; return; }
  const { channel, ts } = app.thread;
  const parent = app.state.messages.find((m) => m.channel === channel && m.ts === ts && !m.ephemeral);
  if (!parent) { pane.hidden = true; return; }
  pane.hidden = false;
  const ch = app.meta.channels.find((c) => c.id === channel);
  document.getElementById("thread-channel").textContent = ch.kind === "dm" ? "hpcbot" : `#${ch.name}`;
  const replies = app.state.messages.filter((m) => m.channel === channel && m.thread_ts === ts && m.ts !== ts);
  const divider = replies.length ? `<div class="replies-divider">${replies.length} ${replies.length === 1 ? "reply" : "replies"}</div>` : "";
  const items = [keyed(parent, { inChannel: false }), ...replies.map((m) => keyed(m, { inChannel: false }))];
  if (divider) items.splice(1, 0, { key: "divider", html: divider });
  renderList(document.getElementById("thread-messages"), items);
}
function renderStatus() {
  const el = document.getElementById("status");
  const s = app.state.status;
  if (!s || s.phase === "ready") { el.hidden = true; el.innerHTML = ""; return; }
  el.hidden = false;
  el.className = `status ${s.phase}`;
  const pct = s.total ? Math.round((100 * s.done) / s.total) : 5;
  const note = s.phase === "failed" ? "" : " · questions the curated catalogue answers are answered meanwhile; others wait for the index";
  el.innerHTML = s.phase === "failed"
    ? `⚠️ ${esc(s.text)}`
    : `⏳ <span>${esc(s.text.charAt(0).toUpperCase() + s.text.slice(1))}…</span><span class="bar"><span style="width:${pct}%"></span></span><span class="muted">${esc(note)}</span>`;
  el.dataset.phase = s.phase;
}
function renderSidebar() {
  const item = (c) => c.kind === "dm"
    ? `<li data-channel="${esc(c.id)}">${avatar(app.meta.bot_user, "mini-avatar")}<span>hpcbot</span></li>`
    : `<li data-channel="${esc(c.id)}"><span class="hash">#</span><span>${esc(c.name)}</span></li>`;
  document.getElementById("channel-list").innerHTML = app.meta.channels.filter((c) => c.kind !== "dm").map(item).join("");
  document.getElementById("dm-list").innerHTML = app.meta.channels.filter((c) => c.kind === "dm").map(item).join("");
}

// ------------------------------------------------------------------ talking to the peer
async function post(path, body) {
  const headers = { "Content-Type": "application/json", "X-Sandbox-Token": app.meta.token };
  const res = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
async function send(text, threadTs) {
  text = text.trim();
  if (!text) return;
  if (text.startsWith("/")) {
    const [command, rest] = splitOnce(text, " ");
    await post("/sandbox/command", { channel: app.thread && threadTs ? app.thread.channel : app.channel, command, text: rest });
  } else {
    const channel = threadTs ? app.thread.channel : app.channel;
    await post("/sandbox/message", { channel, text, thread_ts: threadTs || null });
  }
}
function connect() {
  const source = new EventSource("/sandbox/events");
  source.onmessage = (event) => {
    app.state = JSON.parse(event.data);
    render();
  };
}

// ------------------------------------------------------------------ composer + autocomplete
function setupComposer(formId, inputId, suggestionsId, threadTs) {
  const form = document.getElementById(formId);
  const input = document.getElementById(inputId);
  const box = document.getElementById(suggestionsId);
  let items = [];
  let selected = 0;

  const close = () => { box.hidden = true; items = []; };
  const show = () => {
    const value = input.value;
    const word = value.match(/(^|\s)@(\w*)$/);
    if (/^\/\S*$/.test(value)) {
      const typed = value.toLowerCase();
      items = app.meta.commands.filter((c) => c.command.startsWith(typed))
        .map((c) => ({ insert: c.command + " ", html: `<span class="cmd">${esc(c.command)}</span><span class="hint">${esc(c.usage_hint)}</span><span class="desc">${esc(c.description)}</span>` }));
      box.dataset.kind = "commands";
    } else if (word && "hpcbot".startsWith(word[2].toLowerCase())) {
      items = [{ insert: value.slice(0, value.length - word[2].length - 1) + "@hpcbot ", html: `${avatar(app.meta.bot_user, "mini-avatar")} <span class="cmd">hpcbot</span><span class="desc">APP</span>`, whole: true }];
      box.dataset.kind = "mentions";
    } else { close(); return; }
    if (!items.length) { close(); return; }
    selected = Math.min(selected, items.length - 1);
    const head = box.dataset.kind === "commands" ? `<div class="head">Commands matching “${esc(value)}” · hpcbot</div>` : "";
    box.innerHTML = head + items.map((it, i) => `<div class="suggestion${i === selected ? " selected" : ""}" data-index="${i}">${it.html}</div>`).join("");
    box.hidden = false;
  };
  const pick = (i) => {
    const it = items[i];
    input.value = it.whole ? it.insert : it.insert;
    close();
    input.focus();
  };
  input.addEventListener("input", () => { selected = 0; show(); autosize(input); });
  input.addEventListener("keydown", (e) => {
    if (!box.hidden && items.length) {
      if (e.key === "ArrowDown") { selected = (selected + 1) % items.length; show(); e.preventDefault(); return; }
      if (e.key === "ArrowUp") { selected = (selected + items.length - 1) % items.length; show(); e.preventDefault(); return; }
      const exact = app.meta.commands.some((c) => c.command === input.value.trim());
      if (e.key === "Tab" || (e.key === "Enter" && !exact && !/\s/.test(input.value.trim()))) {
        pick(selected); e.preventDefault(); return;
      }
      if (e.key === "Escape") { close(); return; }
    }
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  box.addEventListener("mousedown", (e) => {
    const row = e.target.closest(".suggestion");
    if (row) { e.preventDefault(); pick(Number(row.dataset.index)); }
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = input.value;
    input.value = "";
    autosize(input);
    close();
    try { await send(text, threadTs ? app.thread && app.thread.ts : null); } catch (err) { console.error(err); input.value = text; }
  });
}
function autosize(el) {
  el.style.height = "auto";
  el.style.height = Math.min(el.scrollHeight, 200) + "px";
}

// ------------------------------------------------------------------ clicks
document.addEventListener("click", async (e) => {
  const navItem = e.target.closest("nav li");
  if (navItem) { app.channel = navItem.dataset.channel; app.thread = null; render(); return; }
  const opener = e.target.closest("[data-open-thread]");
  if (opener) {
    const msg = opener.closest(".message");
    app.thread = { channel: msg.dataset.channel, ts: opener.dataset.openThread };
    render();
    document.getElementById("thread-input").focus();
    return;
  }
  const btn = e.target.closest("button.bk-button[data-action-id]");
  if (btn) {
    btn.disabled = true;
    try {
      await post("/sandbox/click", { channel: btn.dataset.channel, ts: btn.dataset.ts, ephemeral: btn.dataset.ephemeral === "1", action_id: btn.dataset.actionId });
    } finally { btn.disabled = false; }
    return;
  }
  const chip = e.target.closest(".chip[data-example]");
  if (chip) {
    const input = document.getElementById("composer-input");
    input.value = chip.dataset.example.startsWith("/") ? chip.dataset.example : chip.dataset.example;
    input.focus();
    input.dispatchEvent(new Event("input"));
    return;
  }
  const ff = e.target.closest("button.ff");
  if (ff) { await post("/sandbox/clock", { seconds: Number(ff.dataset.seconds) }); return; }
  if (e.target.closest("#thread-close")) { app.thread = null; render(); return; }
  if (e.target.closest(".modal-submit")) { await submitModal(); return; }
  if (e.target.closest(".modal-close, .modal-x")) {
    const view = (app.state.views || []).slice(-1)[0];
    clientErrors = {};
    if (view) await post("/sandbox/view_close", { view_id: view.id });
  }
});

async function main() {
  app.meta = await (await fetch("/sandbox/meta")).json();
  app.channel = app.meta.channels[0].id;
  renderSidebar();
  app.state = await (await fetch("/sandbox/state")).json();
  render();
  setupComposer("composer", "composer-input", "suggestions", false);
  setupComposer("thread-composer", "thread-input", "thread-suggestions", true);
  connect();
  document.getElementById("composer-input").focus();
}
main();
