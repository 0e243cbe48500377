/*! Nuri chat widget: one dependency-free file, no build step. Docs: docs/widget.md */
(() => {
  "use strict";

  const TAG = "nuri-chat";
  // Only a classic script (async or not) sees itself here; callbacks later see null.
  const ME = document.currentScript;
  const SRC = (ME && ME.src) || "";
  const MAX = 1000;
  const TIMEOUT = 15000;
  const KEEP = 80; // transcript entries kept in sessionStorage
  const KEY = "nuri-chat:";
  const REGIONS = ["KR", "INTL", "US", "UK"];
  const ACCENT = "#5b3cc4";
  const EXIT = { ko: "https://www.naver.com/", en: "https://www.google.com/" };
  const ATTRS = ["lang", "region", "title", "accent", "position", "open", "exit-url", "api"];

  // Every user-visible string, in both languages. {t} is the widget's title.
  const STR = {
    ko: {
      title: "누리",
      sub: "청소년 고민 상담 챗봇",
      open: "{t} 상담 챗봇 열기",
      region: "{t} 상담 챗봇",
      close: "닫기",
      clear: "대화 지우기",
      cleared: "대화를 지웠어요. 새 대화를 시작해요.",
      exit: "바로 나가기",
      exitNote: "대화를 지우고 다른 사이트로 가요. 브라우저 방문 기록은 지워지지 않아요.",
      esc: "Esc 두 번으로도 나가요.",
      log: "대화 내용",
      label: "메시지",
      ph: "궁금한 걸 적어 주세요",
      send: "보내기",
      you: "나",
      typing: "답을 쓰는 중이에요",
      qr: "빠른 답장",
      sources: "출처",
      crisis: "지금 바로 도움받기",
      call: "전화",
      newTab: " (새 창)",
      down: "지금은 연결이 잘 안 돼요. 잠시 후 다시 시도해 주세요.",
      slow: "답이 너무 늦어지고 있어요. 다시 시도해 주세요.",
      retry: "다시 시도",
      count: "{n}/1000자",
      help: {
        KR: "위험하면 [112](tel:112), 죽고 싶은 마음이 들면 [109](tel:109)에 전화하세요 (24시간).",
        US: "[988](tel:988)에 전화나 문자를 하세요 (24시간).",
        UK: "차일드라인 [0800 1111](tel:08001111) (무료, 24시간).",
        INTL: "위험하면 지금 있는 나라의 긴급 전화번호로 연락하세요.",
      },
    },
    en: {
      title: "Nuri",
      sub: "Help chat for teens",
      open: "Open {t} chat",
      region: "{t} chat",
      close: "Close",
      clear: "Clear chat",
      cleared: "Chat cleared. A new chat has started.",
      exit: "Quick exit",
      exitNote: "Clears this chat and leaves for another site. It does not erase your browser history.",
      esc: "Or press Esc twice.",
      log: "Conversation",
      label: "Message",
      ph: "Type your question",
      send: "Send",
      you: "You",
      typing: "{t} is typing",
      qr: "Quick replies",
      sources: "Sources",
      crisis: "Get help now",
      call: "Call",
      newTab: " (opens in a new tab)",
      down: "Sorry, I can't connect right now. Please try again in a moment.",
      slow: "This is taking too long. Please try again.",
      retry: "Retry",
      count: "{n}/1000 characters",
      help: {
        KR: "In danger: call [112](tel:112). Thoughts of suicide: call [109](tel:109) (24/7).",
        US: "Call or text [988](tel:988) (24/7).",
        UK: "Childline [0800 1111](tel:08001111), free, 24/7.",
        INTL: "If you are in danger, call your local emergency number.",
      },
    },
  };

  const CSS = `
:host{all:initial!important;display:contents!important}
:host([hidden]){display:none!important}
[hidden]{display:none!important}
*,*::before,*::after{box-sizing:border-box}
.w{font:16px/1.5 var(--nuri-font,system-ui,-apple-system,"Segoe UI",Roboto,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif);color:#1f2328;text-align:left;word-break:keep-all;-webkit-text-size-adjust:100%}
.sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
button,textarea{font:inherit;color:inherit;margin:0}
button{cursor:pointer;-webkit-tap-highlight-color:transparent}
svg{width:22px;height:22px;flex:none}
:focus-visible{outline:3px solid var(--_ink);outline-offset:2px}
.launch,.panel{position:fixed;z-index:var(--nuri-z-index,2147483000);bottom:var(--nuri-offset,20px)}
.r .launch,.r .panel{right:var(--nuri-offset,20px)}
.l .launch,.l .panel{left:var(--nuri-offset,20px)}
.launch{display:flex;align-items:center;gap:8px;min-height:52px;padding:10px 20px 10px 16px;border:2px solid transparent;border-radius:999px;background:var(--_a);color:var(--_on);font-weight:700;box-shadow:0 4px 16px rgba(0,0,0,.28)}
.launch:focus-visible{outline-color:var(--_on);outline-offset:-7px}
.panel{display:flex;flex-direction:column;width:var(--nuri-width,380px);height:var(--nuri-height,620px);max-width:calc(100vw - 2*var(--nuri-offset,20px));max-height:calc(100vh - 2*var(--nuri-offset,20px));background:#fff;border:1px solid #c4c8cf;border-radius:var(--nuri-radius,16px);box-shadow:0 10px 40px rgba(0,0,0,.3);overflow:hidden;animation:np .16s ease-out}
@keyframes np{from{opacity:0;transform:translateY(10px)}}
.head{display:flex;align-items:flex-start;gap:4px;padding:10px 8px 10px 16px;background:var(--_a);color:var(--_on)}
.head :focus-visible{outline-color:var(--_on);outline-offset:-4px}
.ttl{flex:1;min-width:0;padding-top:2px}
h2{margin:0;font-size:19px;line-height:1.3;font-weight:700}
.sub{margin:0;font-size:14px}
.ib{display:inline-grid;place-items:center;width:44px;height:44px;padding:0;border:2px solid transparent;border-radius:10px;background:transparent}
.ib:hover{background:rgba(127,127,127,.25)}
.bar{display:flex;align-items:center;gap:10px;padding:8px 12px;background:#f6f7f9;border-bottom:1px solid #c4c8cf}
.exit{flex:none;min-height:44px;padding:8px 14px;border:2px solid transparent;border-radius:10px;background:#b3261e;color:#fff;font-weight:700}
.exit:hover{background:#8c1d18}
.bar p{margin:0;font-size:13px;line-height:1.35;color:#3d434b}
.log{position:relative;flex:1;min-height:0;overflow-y:auto;overscroll-behavior:contain;display:flex;flex-direction:column;gap:12px;padding:16px 12px}
.log:focus-visible{outline-offset:-3px}
.turn{display:flex;flex-direction:column;align-items:flex-start;gap:6px}
.user{align-items:flex-end}
.msg{max-width:90%;padding:10px 14px;border-radius:16px;overflow-wrap:anywhere}
.msg p{margin:0}
.bot .msg{background:#f1f2f6;border-bottom-left-radius:4px}
.user .msg{background:var(--_a);color:var(--_on);border-bottom-right-radius:4px;white-space:pre-wrap}
.msg a{color:inherit;font-weight:600;text-decoration:underline;text-underline-offset:2px}
.src{margin-top:8px;padding-top:6px;border-top:1px solid #c4c8cf;font-size:14px;color:#3d434b}
.src ul{margin:2px 0 0;padding-left:20px}
.crisis{align-self:stretch;align-items:stretch;padding:12px;background:#fff4e5;border:2px solid #a34a00;border-radius:16px}
.crisis .msg{max-width:none;background:#fff}
h3{margin:0;font-size:18px;line-height:1.3;color:#7a3300}
.calls{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none}
.calls a{display:flex;align-items:center;gap:8px;min-height:48px;padding:8px 18px;border:2px solid transparent;border-radius:999px;background:#a4290f;color:#fff;font-weight:700;text-decoration:none}
.qr{display:flex;flex-wrap:wrap;gap:8px}
.qr button,.err button{min-height:44px;padding:8px 14px;border:2px solid var(--_ink);border-radius:999px;background:#fff;color:var(--_ink);font-size:15px;font-weight:600;text-align:left}
.qr button:hover,.err button:hover{background:var(--_ink);color:#fff}
.err .msg{background:#fdecea;border:1px solid #b3261e}
.err button{margin-top:8px}
.dots{display:flex;gap:5px;padding:6px 2px}
.dots i{width:8px;height:8px;border-radius:50%;background:#5f6368;animation:nb 1.1s infinite ease-in-out}
.dots i:nth-child(2){animation-delay:.15s}.dots i:nth-child(3){animation-delay:.3s}
@keyframes nb{0%,80%,100%{opacity:.35}40%{opacity:1;transform:translateY(-3px)}}
form{display:flex;align-items:flex-end;gap:8px;padding:10px 12px calc(10px + env(safe-area-inset-bottom,0px));border-top:1px solid #c4c8cf;background:#fff}
textarea{flex:1;min-width:0;min-height:48px;max-height:144px;padding:11px 12px;border:1px solid #6b7280;border-radius:12px;background:#fff;font-size:16px;line-height:1.5;resize:none}
textarea::placeholder{color:#5f6368;opacity:1}
.send{min-height:48px;padding:0 16px;border:2px solid transparent;border-radius:12px;background:var(--_a);color:var(--_on);font-weight:700}
.cnt{margin:0;padding:0 12px 6px;font-size:13px;color:#3d434b;text-align:right}
@media (max-width:480px),(max-height:560px){
.w .panel{top:0;right:0;bottom:0;left:0;width:auto;height:auto;max-width:none;max-height:none;border:0;border-radius:0}
.bar{padding:6px 10px}
}
@media (pointer:coarse){.esc{display:none}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
@media (forced-colors:active){.launch,.send,.exit,.calls a{border-color:ButtonText}}
@media print{.w{display:none}}`;

  // One parsed stylesheet shared by every instance. Constructed sheets also work on sites whose
  // Content-Security-Policy forbids inline <style>; older browsers get a <style> element.
  let SHEET = null;
  try {
    SHEET = new CSSStyleSheet();
    SHEET.replaceSync(CSS);
  } catch {
    SHEET = null;
  }

  const ICONS = {
    chat: "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-9l-6 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z",
    clear: "-M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3",
    close: "-M6 6l12 12M18 6L6 18",
    phone:
      "M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z",
  };
  const NS = "http://www.w3.org/2000/svg";
  const attrs = (e, a) => {
    for (const k in a) e.setAttribute(k, a[k]);
    return e;
  };
  // Outlined icons start with "-"; the others are filled.
  const icon = (name) => {
    const d = ICONS[name];
    const svg = attrs(document.createElementNS(NS, "svg"), { viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" });
    const line = d[0] === "-";
    svg.appendChild(
      attrs(document.createElementNS(NS, "path"), line
        ? { d: d.slice(1), fill: "none", stroke: "currentColor", "stroke-width": "2.2", "stroke-linecap": "round", "stroke-linejoin": "round" }
        : { d, fill: "currentColor" })
    );
    return svg;
  };

  // x("button.a.b", {attr: value}, ...children): the whole UI is built from elements and text
  // nodes; nothing is ever parsed as HTML (so it also runs under Trusted Types).
  const x = (tag, a, ...kids) => {
    const [name, ...cls] = tag.split(".");
    const e = attrs(document.createElement(name), a || {});
    if (cls.length) e.className = cls.join(" ");
    e.append(...kids);
    return e;
  };

  const h = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };

  const newId = () =>
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

  // sessionStorage can throw (disabled storage, sandboxed frames); the chat still works without it.
  const store = {
    get(k) {
      try {
        return JSON.parse(sessionStorage.getItem(k));
      } catch {
        return null;
      }
    },
    set(k, v) {
      try {
        sessionStorage.setItem(k, JSON.stringify(v));
      } catch {}
    },
    // drop(key) removes one entry; drop(true) every entry the widget ever wrote.
    drop(which) {
      try {
        for (let i = sessionStorage.length - 1; i >= 0; i--) {
          const k = sessionStorage.key(i);
          if (k === which || (which === true && k.startsWith(KEY))) sessionStorage.removeItem(k);
        }
      } catch {}
    },
  };

  const safeUrl = (u, schemes = /^(https?|tel|mailto):$/) => {
    try {
      const url = new URL(u);
      return schemes.test(url.protocol) ? url.href : null;
    } catch {
      return null;
    }
  };

  const link = (href, label, t) => {
    const a = h("a", "", label);
    a.href = href;
    if (/^https?:/.test(href)) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.append(h("span", "sr", t.newTab));
    }
    return a;
  };

  // The whole message syntax: **bold**, [label](url) for https/http/tel/mailto, and \n.
  const RE = /\*\*([^*]+(?:\*(?!\*)[^*]*)*)\*\*|\[([^\]\n]+)\]\(([^()\s]+)\)|\n/g;
  const format = (parent, text, t, links) => {
    const re = new RegExp(RE.source, "g");
    let i = 0;
    let m;
    while ((m = re.exec(text))) {
      if (m.index > i) parent.append(text.slice(i, m.index));
      i = re.lastIndex;
      if (m[0] === "\n") parent.append(h("br"));
      else if (m[1] != null) format(parent.appendChild(h("strong")), m[1], t, links);
      else {
        const href = safeUrl(m[3]);
        if (!href) parent.append(m[0]);
        else {
          parent.append(link(href, m[2], t));
          if (links) links.push([href, m[2]]);
        }
      }
    }
    if (i < text.length) parent.append(text.slice(i));
    return parent;
  };

  const rgbOf = (s) => (s.match(/^rgba?\(([^)]+)\)/) || [])[1]?.split(/[ ,/]+/).slice(0, 3).map(Number);
  const lum = (c) =>
    c
      .map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const css = (c) => `rgb(${c.map(Math.round).join(",")})`;

  class NuriChat extends HTMLElement {
    static get observedAttributes() {
      return ATTRS;
    }

    static define(tag = TAG, registry = customElements) {
      if (!registry.get(tag)) registry.define(tag, this);
      return this;
    }

    constructor() {
      super();
      this._onKey = this._onKey.bind(this);
      this._escAt = 0;
      this._busy = false;
    }

    get open() {
      return this.hasAttribute("open");
    }

    set open(v) {
      this.toggleAttribute("open", !!v);
    }

    connectedCallback() {
      // Properties set before the element was defined shadow the prototype's accessors.
      for (const p of ["open", "region", "accent", "position", "exitUrl", "api"]) {
        if (Object.prototype.hasOwnProperty.call(this, p)) {
          const v = this[p];
          delete this[p];
          this[p] = v;
        }
      }
      if (!this.shadowRoot) this.attachShadow({ mode: "open" });
      document.addEventListener("keydown", this._onKey, true);
      this._build();
    }

    disconnectedCallback() {
      document.removeEventListener("keydown", this._onKey, true);
      this._cancel();
    }

    attributeChangedCallback(name, old, val) {
      if (!this._w || old === val) return;
      if (name === "open") this._sync();
      else if (name === "accent") this._colors();
      else if (name === "position") this._w.className = "w " + this._side();
      else if (name !== "exit-url" && !this._queued) {
        this._queued = true;
        queueMicrotask(() => {
          this._queued = false;
          if (this.isConnected) this._build();
        });
      }
    }

    /** Open the panel; with focus=true move focus into the message box. */
    show(focus) {
      this.open = true;
      if (focus) this._in.focus();
    }

    /** Close the panel; with focus=true return focus to the launcher. */
    hide(focus) {
      this.open = false;
      if (focus) this._launch.focus();
    }

    /** Forget the transcript and session id, then start a new conversation. */
    clear() {
      this._cancel();
      store.drop(this._key);
      this._state = { s: newId(), l: [] };
      this._renderLog();
      this._say(this._t.cleared);
      if (this.open) this._welcome();
    }

    /** Wipe this tab's chat state and replace the page with a neutral one. */
    quickExit() {
      this._cancel();
      store.drop(true);
      this._state = null;
      this.shadowRoot.replaceChildren();
      location.replace(this._exitUrl());
    }

    _lang() {
      const l = this.getAttribute("lang") || document.documentElement.lang || navigator.language || "";
      return /^ko\b/i.test(l) ? "ko" : "en";
    }

    _region() {
      const r = (this.getAttribute("region") || "").toUpperCase();
      return REGIONS.includes(r) ? r : this._lang() === "ko" ? "KR" : "INTL";
    }

    _side() {
      return this.getAttribute("position") === "left" ? "l" : "r";
    }

    _base() {
      const a = this.getAttribute("api");
      try {
        if (a) return new URL(a.replace(/\/*$/, "/"), document.baseURI).href;
      } catch {}
      return new URL("/", SRC || document.baseURI).href;
    }

    _exitUrl() {
      let u = this.getAttribute("exit-url");
      try {
        u = u && new URL(u, document.baseURI).href;
      } catch {
        u = null;
      }
      return (u && safeUrl(u, /^https?:$/)) || EXIT[this._lang()];
    }

    _build() {
      const lang = this._lang();
      const t = (this._t = STR[lang]);
      const title = (this._title = this.getAttribute("title") || t.title);
      const fill = (s) => s.replace("{t}", title);
      const key = KEY + this._base();
      if (key !== this._key) {
        this._cancel();
        this._key = key;
        const s = store.get(key);
        this._state =
          s && /^[\w-]{16,64}$/.test(s.s) && Array.isArray(s.l) ? s : { s: newId(), l: [] };
      }
      const st = this._state;
      // A welcome in the old language or region is replaced; a conversation is kept.
      const cfg = lang + "/" + this._region();
      if (st.l.every((e) => e.w) && st.cfg !== cfg) st.l = [];
      const value = this._in ? this._in.value : "";

      const button = (cls, label, fn, ...kids) => {
        const b = x("button." + cls, { type: "button" }, ...kids);
        if (label) attrs(b, { "aria-label": label, title: label });
        b.addEventListener("click", fn);
        return b;
      };
      // The empty title stops a title attribute on <nuri-chat> from becoming a tooltip over the chat.
      const w = (this._w = x("section.w." + this._side(), { title: "", lang, "aria-label": fill(t.region) }));
      this._launch = button("launch", fill(t.open), () => this.show(true), icon("chat"), x("span", 0, title));
      this._launch.removeAttribute("title");
      this._launch.setAttribute("aria-haspopup", "dialog");
      const exit = button("exit", "", () => this.quickExit(), t.exit);
      exit.setAttribute("aria-describedby", "xn");
      this._log = x("div.log", { role: "log", "aria-live": "polite", tabindex: "0", "aria-label": t.log });
      this._status = x("p.sr", { role: "status" });
      const input = (this._in = x("textarea", {
        id: "in", rows: "1", maxlength: MAX, enterkeyhint: "send", autocomplete: "off", "aria-describedby": "cnt",
        placeholder: t.ph,
      }));
      input.value = value;
      const form = x("form", 0, x("label.sr", { for: "in" }, t.label), input, x("button.send", { type: "submit" }, t.send));
      this._cnt = x("p.cnt", { id: "cnt", hidden: "" });
      this._panel = x(
        "div.panel",
        { role: "dialog", "aria-modal": "false", "aria-labelledby": "t", hidden: "" },
        x(
          "div.head",
          0,
          x("div.ttl", 0, x("h2", { id: "t" }, title), x("p.sub", 0, t.sub)),
          button("ib.clear", t.clear, () => this.clear(), icon("clear")),
          button("ib.close", t.close, () => this.hide(true), icon("close"))
        ),
        x("div.bar", 0, exit, x("p", { id: "xn" }, t.exitNote, " ", x("span.esc", 0, t.esc))),
        this._log,
        this._status,
        form,
        this._cnt
      );
      w.append(this._launch, this._panel);
      const r = this.shadowRoot;
      if (SHEET) {
        r.adoptedStyleSheets = [SHEET];
        r.replaceChildren(w);
      } else r.replaceChildren(x("style", 0, CSS), w);

      form.addEventListener("submit", (e) => {
        e.preventDefault();
        this._submit();
      });
      input.addEventListener("keydown", (e) => {
        // Korean IME: Enter that ends a composition must not send the half-typed message.
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
          e.preventDefault();
          this._submit();
        }
        // Keep the host page's single-key shortcuts from firing while a teen types.
        if (e.key !== "Escape" && e.key !== "Tab") e.stopPropagation();
      });
      input.addEventListener("input", () => this._grow());

      this._colors();
      this._renderLog();
      this._grow();
      this._sync();
    }

    _colors() {
      const probe = this._w.appendChild(h("i"));
      const want = this.getAttribute("accent") || getComputedStyle(this).getPropertyValue("--nuri-accent").trim();
      probe.style.color = ACCENT;
      if (want) probe.style.color = want;
      const a = rgbOf(getComputedStyle(probe).color) || [91, 60, 196];
      probe.remove();
      // White or near-black on the accent, whichever meets 4.5:1; then a darker accent for text on light grey.
      const on = ratio(a, [255, 255, 255]) >= 4.5 ? [255, 255, 255] : [0, 0, 0];
      let ink = a;
      while (ratio(ink, [241, 242, 246]) < 4.5) ink = ink.map((v) => v * 0.85);
      for (const [k, v] of [["--_a", a], ["--_on", on], ["--_ink", ink]]) this._w.style.setProperty(k, css(v));
    }

    _sync() {
      const open = this.open;
      this._panel.hidden = !open;
      this._launch.hidden = open;
      if (open) {
        if (!this._state.l.length) this._welcome();
        this._grow();
        this._log.scrollTop = this._log.scrollHeight;
      }
    }

    _grow() {
      const i = this._in;
      i.style.height = "auto";
      i.style.height = Math.min(i.scrollHeight + 2, 144) + "px";
      const n = i.value.length;
      this._cnt.hidden = n < MAX - 100;
      this._cnt.textContent = n < MAX - 100 ? "" : this._t.count.replace("{n}", n);
    }

    _say(text) {
      this._status.textContent = "";
      setTimeout(() => (this._status.textContent = text), 50);
    }

    _save() {
      const st = this._state;
      if (!st) return;
      if (st.l.length > KEEP) st.l = st.l.slice(-KEEP);
      if (st.l.length) store.set(this._key, st);
      else store.drop(this._key);
    }

    _renderLog() {
      const l = this._state.l;
      this._log.replaceChildren(...l.map((e, i) => this._turn(e, i === l.length - 1)));
      if (this._busy) this._typing(true);
    }

    _turn(e, last) {
      const t = this._t;
      if (e.u != null) {
        const d = h("div", "turn user");
        d.appendChild(h("div", "msg")).append(h("span", "sr", t.you + ": "), String(e.u));
        return d;
      }
      const d = h("div", "turn bot" + (e.c ? " crisis" : ""));
      if (e.i) d.dataset.intent = e.i;
      const links = [];
      const buttons = [];
      const bubbles = [];
      for (const m of Array.isArray(e.m) ? e.m : []) {
        if (!m || typeof m !== "object") continue;
        if (Array.isArray(m.buttons)) buttons.push(...m.buttons.filter((q) => q && q.title));
        const text = String(m.text || "");
        const src = Array.isArray(m.sources) ? m.sources.filter((s) => s && s.title) : [];
        if (!text.trim() && !src.length) continue; // a message with only buttons gets no empty bubble
        const b = h("div", "msg");
        b.append(h("span", "sr", this._title + ": "));
        format(b.appendChild(h("p")), text, t, links);
        if (src.length) {
          const box = b.appendChild(h("div", "src"));
          box.append(h("span", "", t.sources));
          const ul = box.appendChild(h("ul"));
          for (const s of src) {
            const href = safeUrl(s.url, /^https?:$/);
            ul.appendChild(h("li")).append(href ? link(href, String(s.title), t) : String(s.title));
          }
        }
        bubbles.push(b);
      }
      if (e.c) {
        // Hotlines first: every tel: link of the reply, as big call buttons above the text.
        d.append(h("h3", "", t.crisis));
        const seen = new Set();
        const calls = h("ul", "calls");
        for (const [href, label] of links) {
          if (!href.startsWith("tel:") || seen.has(href)) continue;
          seen.add(href);
          const a = calls.appendChild(h("li")).appendChild(h("a"));
          a.href = href;
          a.append(icon("phone"), `${t.call} ${label}`);
        }
        if (seen.size) d.append(calls);
      }
      d.append(...bubbles);
      if (last && buttons.length) {
        const g = d.appendChild(h("div", "qr"));
        g.setAttribute("role", "group");
        g.setAttribute("aria-label", t.qr);
        for (const q of buttons) {
          const b = g.appendChild(h("button", "", String(q.title)));
          b.type = "button";
          // Keyboard presses (detail 0) put focus back in the box; taps don't pop up the keyboard.
          b.addEventListener("click", (ev) => this._send(String(q.payload || q.title), String(q.title), !ev.detail));
        }
      }
      return d;
    }

    _append(e) {
      this._state.l.push(e);
      this._save();
      const el = this._turn(e, true);
      this._log.append(el);
      if (e.u != null) this._log.scrollTop = this._log.scrollHeight;
      else this._log.scrollTop = el.offsetTop - 8; // show the start of a long answer
    }

    _typing(on) {
      this._log.querySelector(".typing")?.remove();
      if (!on) return;
      const d = h("div", "turn bot typing");
      const m = d.appendChild(h("div", "msg"));
      m.append(h("span", "dots"), h("span", "sr", this._t.typing.replace("{t}", this._title)));
      m.firstChild.setAttribute("aria-hidden", "true");
      m.firstChild.append(h("i"), h("i"), h("i"));
      this._log.append(d);
      this._log.scrollTop = this._log.scrollHeight;
    }

    _error(kind, retry) {
      const t = this._t;
      const d = h("div", "turn bot err");
      const m = d.appendChild(h("div", "msg"));
      m.append(h("p", "", t[kind]));
      format(m.appendChild(h("p")), t.help[this._region()], t);
      const b = m.appendChild(h("button", "", t.retry));
      b.type = "button";
      b.addEventListener("click", (ev) => {
        d.remove();
        if (!ev.detail) this._in.focus();
        retry();
      });
      this._log.append(d);
      this._log.scrollTop = this._log.scrollHeight;
    }

    _submit() {
      const text = this._in.value.trim();
      if (!text || this._busy) return;
      this._in.value = "";
      this._grow();
      this._send(text, text, false);
    }

    _send(message, shown, focus) {
      if (this._busy) return;
      this._log.querySelectorAll(".qr,.err").forEach((n) => n.remove());
      this._append({ u: shown.slice(0, MAX) });
      if (focus) this._in.focus();
      this._ask(message.slice(0, MAX));
    }

    _ask(message) {
      const body = { session: this._state.s, message, lang: this._lang(), region: this._region() };
      this._call("api/chat", body, (d) => ({ m: d.messages, c: !!d.crisis, i: d.intent }), () => this._ask(message));
    }

    _welcome() {
      if (this._busy) return;
      const q = `api/welcome?lang=${this._lang()}&region=${this._region()}`;
      const cfg = this._lang() + "/" + this._region();
      this._call(q, null, (d) => ((this._state.cfg = cfg), { m: d.messages, w: 1 }), () => this._welcome());
    }

    async _call(path, body, toEntry, retry) {
      const ctrl = (this._ctrl = new AbortController());
      const timer = setTimeout(() => {
        ctrl.slow = true;
        ctrl.abort();
      }, TIMEOUT);
      this._busy = true;
      this._typing(true);
      let entry;
      let kind = "down";
      try {
        const res = await fetch(new URL(path, this._base()), {
          method: body ? "POST" : "GET",
          headers: body ? { "Content-Type": "application/json" } : {},
          body: body ? JSON.stringify(body) : undefined,
          signal: ctrl.signal,
          credentials: "omit",
          cache: "no-store",
          referrerPolicy: "no-referrer",
        });
        const data = res.ok && (await res.json());
        if (data && Array.isArray(data.messages)) entry = toEntry(data);
      } catch {
        if (ctrl.slow) kind = "slow";
      } finally {
        clearTimeout(timer);
      }
      if (ctrl.cancelled) return; // cleared, rebuilt for another API, exited or removed
      this._ctrl = null;
      this._busy = false;
      this._typing(false);
      if (entry) this._append(entry);
      else this._error(kind, retry);
    }

    _cancel() {
      const c = this._ctrl;
      if (c) {
        c.cancelled = true;
        c.abort();
        this._ctrl = null;
      }
      this._busy = false;
    }

    _onKey(e) {
      if (e.key !== "Escape" || e.isComposing || !this._w) return;
      const now = Date.now();
      if (this._escOpen && now - this._escAt < 1000) {
        e.preventDefault();
        this.quickExit();
        return;
      }
      this._escAt = now;
      this._escOpen = this.open;
      if (this.open && this.shadowRoot.activeElement) this.hide(true);
    }
  }

  for (const [p, a] of [["region"], ["accent"], ["position"], ["exitUrl", "exit-url"], ["api"]]) {
    Object.defineProperty(NuriChat.prototype, p, {
      get() {
        return this.getAttribute(a || p) || "";
      },
      set(v) {
        if (v == null) this.removeAttribute(a || p);
        else this.setAttribute(a || p, v);
      },
      configurable: true,
    });
  }

  window.NuriChat = window.NuriChat || NuriChat;
  NuriChat.define();

  // Loaded by the snippet: add one <nuri-chat> configured from the script's data-* attributes,
  // unless the page already has its own element.
  const auto = () => {
    if (document.querySelector(TAG)) return;
    const el = document.createElement(TAG);
    for (const a of ATTRS) {
      const v = ME.getAttribute("data-" + a);
      if (a === "open") el.toggleAttribute("open", v != null && v !== "false");
      else if (v) el.setAttribute(a, v);
    }
    document.body.append(el);
  };
  if (ME && ME.src) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", auto, { once: true });
    else auto();
  }
})();
