/* PM Career Assistant web chat. Plain DOM, no innerHTML: every text is shown as text. */
(function () {
  "use strict";
  var SESSION_KEY = "pmca.session";
  var HISTORY_KEY = "pmca.history";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var status = document.getElementById("status");
  var restart = document.getElementById("restart");
  var session = localStorage.getItem(SESSION_KEY);
  var history = [];
  try { history = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]"); } catch (e) { history = []; }

  function save(entry) {
    history.push(entry);
    if (history.length > 300) { history = history.slice(-300); }
    localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
  }

  /* Inline markup: **bold** and [label](https://…) links; everything else is plain text. */
  function inline(parent, text) {
    var pattern = /\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;
    var last = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      if (match[1] !== undefined) {
        var strong = document.createElement("strong");
        strong.textContent = match[1];
        parent.appendChild(strong);
      } else {
        var a = document.createElement("a");
        a.textContent = match[2];
        a.href = match[3];
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        parent.appendChild(a);
      }
      last = pattern.lastIndex;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function scroll() { log.scrollTop = log.scrollHeight; }

  function showText(who, text) {
    var bubble = document.createElement("div");
    bubble.className = "msg msg--" + who;
    bubble.setAttribute("data-who", who);
    String(text).split("\n").forEach(function (line) {
      var p = document.createElement("p");
      inline(p, line);
      bubble.appendChild(p);
    });
    log.appendChild(bubble);
    scroll();
  }

  function showReplies(replies) {
    var group = document.createElement("div");
    group.className = "replies";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested replies");
    replies.slice(0, 8).forEach(function (reply) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = reply.title;
      button.addEventListener("click", function () { send(reply.title, reply.payload); });
      group.appendChild(button);
    });
    log.appendChild(group);
    scroll();
  }

  function unitOf(field) {
    if (/_months$/.test(field)) { return " months"; }
    if (/_hours$/.test(field)) { return " hours"; }
    return "";
  }

  function describeShortfall(s, labels) {
    if (s.words) { return s.words; }  // the core's words (Shortfall.describe), as in the chat
    var label = (labels && labels[s.field]) || s.field;
    if (typeof s.short_by === "number") {
      return label + ": " + s.have + " of " + s.need + unitOf(s.field) + " (" + s.short_by + " to go)";
    }
    var need = Array.isArray(s.need) ? "one of " + s.need.join(", ") : String(s.need).replace("_", " ");
    return label + ": needs " + need;
  }


  function card(title, modifier, lines, footer) {
    var box = document.createElement("section");
    box.className = "card card--" + modifier;
    box.setAttribute("aria-label", title);
    var h = document.createElement("h2");
    h.textContent = title;
    box.appendChild(h);
    if (lines.length) {
      var ul = document.createElement("ul");
      lines.forEach(function (line) { var li = document.createElement("li"); li.textContent = line; ul.appendChild(li); });
      box.appendChild(ul);
    }
    if (footer) { var small = document.createElement("small"); small.textContent = footer; box.appendChild(small); }
    log.appendChild(box);
    scroll();
    return box;
  }


  // One requirement of the verdict's path: a progress bar for months and hours, a tick otherwise.
  function requirementItem(r, labels) {
    var li = document.createElement("li");
    li.className = "req " + (r.met ? "req--met" : "req--open");
    var label = (labels && labels[r.field]) || r.field;
    var head = document.createElement("span");
    head.className = "req__label";
    head.textContent = (r.met ? "\u2713 " : "\u25cb ") + label + (r.window_years ? " (last " + r.window_years + " years)" : "");
    li.appendChild(head);
    if (!r.met_by && (r.kind === "experience" || r.kind === "training")) {
      var bar = document.createElement("progress");
      bar.max = Number(r.need) || 1;
      bar.value = Math.min(Number(r.have) || 0, bar.max);
      bar.setAttribute("aria-label", label);
      li.appendChild(bar);
      var amount = document.createElement("span");
      amount.className = "req__amount";
      amount.textContent = r.words;  // the core's words (bot/certifications/engine.py RequirementCheck.words)
      li.appendChild(amount);
    } else {
      head.textContent += ": " + r.words;
    }
    return li;
  }

  function showCustom(custom) {
    if (custom && custom.eligibility) {
      var v = custom.eligibility;
      var lines = [];
      if (v.path && v.path !== "-") { lines.push("Path " + v.path + ": " + v.path_label); }
      (v.shortfalls || []).forEach(function (s) { lines.push(describeShortfall(s, custom.labels)); });
      if (v.projected_month) { lines.push("On track for " + v.projected_month); }
      var box = card(v.certification + ": " + (v.status_words || v.status), v.status, lines,
        "Rules as of " + v.rules_as_of + ". Source: " + (v.sources || []).join("; "));
      if (v.requirements && v.requirements.length) {
        var reqs = document.createElement("ul");
        reqs.className = "reqs";
        v.requirements.forEach(function (r) { reqs.appendChild(requirementItem(r, custom.labels)); });
        box.insertBefore(reqs, box.querySelector("small"));
      }
    } else if (custom && custom.recommendation) {
      var r = custom.recommendation;
      var items = (r.apply_now || []).map(function (x) { return "Apply now: " + x.certification; })
        .concat((r.nearest || []).map(function (x) { return "Next: " + x.certification; }));
      card("Recommended certifications", "eligible", items, "Rules as of " + r.rules_as_of);
    }
  }

  function showBot(message, remember) {
    if (message.text) { showText("bot", message.text); }
    if (message.quick_replies && message.quick_replies.length) { showReplies(message.quick_replies); }
    if (message.custom) { showCustom(message.custom); }
    if (remember) { save({ who: "bot", message: message }); }
  }

  function replay() {
    log.textContent = "";
    history.forEach(function (entry) {
      if (entry.who === "user") { showText("user", entry.text); } else { showBot(entry.message, false); }
    });
  }

  var socket = io({ path: "/socket.io", transports: ["websocket", "polling"] });

  function send(shown, payload) {
    var text = (payload || shown || "").trim();
    if (!text) { return; }
    if (!session) { status.textContent = "Connecting…"; return; }
    showText("user", shown);
    save({ who: "user", text: shown });
    socket.emit("user_uttered", { message: text, session_id: session, customData: { page: "chat" } });
    status.textContent = "";
  }

  socket.on("connect", function () {
    status.textContent = "";
    socket.emit("session_request", { session_id: session });
  });
  socket.on("disconnect", function () { status.textContent = "Connection lost, reconnecting…"; });
  socket.on("session_confirm", function (token) {
    var fresh = token !== session;
    session = token;
    localStorage.setItem(SESSION_KEY, token);
    if (fresh) {
      history = [];
      localStorage.setItem(HISTORY_KEY, "[]");
      log.textContent = "";
      socket.emit("user_uttered", { message: "/greet", session_id: session, customData: { page: "chat" } });
    }
  });
  socket.on("bot_uttered", function (message) { showBot(message || {}, true); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send(text, null);
    input.focus();
  });

  restart.addEventListener("click", function () {
    session = null;
    localStorage.removeItem(SESSION_KEY);
    socket.emit("session_request", { session_id: null });
    input.focus();
  });

  replay();
  input.focus();
})();
