/*! Nuri chat widget: one dependency-free file, no build step. Docs: docs/widget.md */
(() => {
  "use strict";

  // What the server accepts. tests/test_layering.py reads these three lines with a regex and
  // compares them with chatbot/language.py, so keep exactly this form. The rest derives from them.
  const LANGUAGES = ["ko", "en"];
  const REGIONS = ["KR", "INTL", "US", "UK"];
  const MAX_MESSAGE_LENGTH = 1000;

  const FALLBACK_LANGUAGE = "en"; // for a page in any language not in LANGUAGES
  const DEFAULT_REGION = { ko: "KR", en: "INTL" }; // when the region attribute is missing or unknown
  const COUNTER_FROM = MAX_MESSAGE_LENGTH - 100; // the character count shows from here on
  const REQUEST_TIMEOUT_MS = 15000;
  // A dropped connection is retried once after this pause (a restarted worker is back by then).
  const RETRY_DELAY_MS = 400;
  const TRANSCRIPT_LIMIT = 80; // entries kept in sessionStorage
  // Every sessionStorage key the widget writes is this + the API server's URL; quick exit removes
  // every key with this prefix, and the browser tests look for it.
  const STORAGE_PREFIX = "nuri-chat:";
  const DEFAULT_ACCENT = "#5b3cc4";
  const DEFAULT_ACCENT_RGB = [91, 60, 196]; // DEFAULT_ACCENT as numbers
  const DEFAULT_EXIT_URL = { ko: "https://www.naver.com/", en: "https://www.google.com/" };
  const DOUBLE_ESCAPE_MS = 1000; // two Esc presses within this quick-exit
  const MAX_INPUT_HEIGHT = 144; // px, about five lines; the textarea's max-height in STYLES
  const TAG_NAME = "nuri-chat";

  // The element's attributes; the snippet's script tag takes the same names as data-*.
  // (The name ATTRS is read by tests/test_docs.py, which checks each one is documented.)
  const ATTRS = ["lang", "region", "title", "accent", "position", "open", "exit-url", "api"];
  // Properties that mirror an attribute ("" when it is absent); lang, title and open are defined
  // elsewhere (HTMLElement has the first two, the class has open).
  const MIRRORED_PROPERTIES = {
    region: "region",
    accent: "accent",
    position: "position",
    exitUrl: "exit-url",
    api: "api",
  };

  // Only a classic script (async or not) sees itself here; callbacks later see null.
  const LOADER_SCRIPT = document.currentScript;
  const LOADER_URL = (LOADER_SCRIPT && LOADER_SCRIPT.src) || "";

  // Every user-visible string, in both languages. {t} is the widget's title, {n} a number.
  const UI_TEXT = {
    ko: {
      title: "누리",
      subtitle: "청소년 고민 상담 챗봇",
      openLabel: "{t} 상담 챗봇 열기",
      regionLabel: "{t} 상담 챗봇",
      close: "닫기",
      clear: "대화 지우기",
      cleared: "대화를 지웠어요. 새 대화를 시작해요.",
      quickExit: "바로 나가기",
      quickExitNote: "대화를 지우고 다른 사이트로 가요. 브라우저 방문 기록은 지워지지 않아요.",
      escapeHint: "Esc 두 번으로도 나가요.",
      logLabel: "대화 내용",
      messageLabel: "메시지",
      placeholder: "궁금한 걸 적어 주세요",
      send: "보내기",
      you: "나",
      typing: "답을 쓰는 중이에요",
      quickReplies: "빠른 답장",
      sources: "출처",
      crisisHeading: "지금 바로 도움받기",
      call: "전화",
      newTab: " (새 창)",
      unreachable: "지금은 연결이 잘 안 돼요. 잠시 후 다시 시도해 주세요.",
      timedOut: "답이 너무 늦어지고 있어요. 다시 시도해 주세요.",
      tooFast: "메시지가 한꺼번에 많이 왔어요. 잠깐 쉬었다가 다시 보내 주세요.",
      retry: "다시 시도",
      charCount: `{n}/${MAX_MESSAGE_LENGTH}자`,
    },
    en: {
      title: "Nuri",
      subtitle: "Help chat for teens",
      openLabel: "Open {t} chat",
      regionLabel: "{t} chat",
      close: "Close",
      clear: "Clear chat",
      cleared: "Chat cleared. A new chat has started.",
      quickExit: "Quick exit",
      quickExitNote:
        "Clears this chat and leaves for another site. It does not erase your browser history.",
      escapeHint: "Or press Esc twice.",
      logLabel: "Conversation",
      messageLabel: "Message",
      placeholder: "Type your question",
      send: "Send",
      you: "You",
      typing: "{t} is typing",
      quickReplies: "Quick replies",
      sources: "Sources",
      crisisHeading: "Get help now",
      call: "Call",
      newTab: " (opens in a new tab)",
      unreachable: "Sorry, I can't connect right now. Please try again in a moment.",
      timedOut: "This is taking too long. Please try again.",
      tooFast: "That's a lot of messages at once. Take a short break, then send again.",
      retry: "Retry",
      charCount: `{n}/${MAX_MESSAGE_LENGTH} characters`,
    },
  };

  // Shown under the error when the server cannot be reached, by language and region, so the
  // emergency numbers are one tap away even then. Same message syntax as answers.
  // Shown when the server cannot be reached. Every number here is a fact in
  // training_data/facts.yml, which `make validate` checks.
  // facts: kr_112, kr_119, kr_109, us_911, us_988, uk_999, uk_childline
  const OFFLINE_HELP = {
    ko: {
      KR: "위험하면 [112](tel:112)나 [119](tel:119), 죽고 싶은 마음이 들면 [109](tel:109)에 전화하세요 (24시간).",
      US: "위험하면 [911](tel:911). 힘들면 [988](tel:988)에 전화나 문자를 하세요 (24시간).",
      UK: "위험하면 [999](tel:999). 차일드라인 [0800 1111](tel:08001111) (무료, 24시간).",
      INTL: "위험하면 지금 있는 나라의 긴급 전화번호로 연락하세요.",
    },
    en: {
      KR: "In danger: call [112](tel:112) or [119](tel:119). Thoughts of suicide: call [109](tel:109) (24/7).",
      US: "In danger: call [911](tel:911). Call or text [988](tel:988) (24/7).",
      UK: "In danger: call [999](tel:999). Childline [0800 1111](tel:08001111), free, 24/7.",
      INTL: "If you are in danger, call your local emergency number.",
    },
  };

  // --_accent, --_on-accent and --_ink are set per instance by _applyAccent().
  const STYLES = `
/* Base: the host page's CSS stops at the shadow root */
:host {
  all: initial !important;
  display: contents !important;
}
:host([hidden]) {
  display: none !important;
}
[hidden] {
  display: none !important;
}
*,
*::before,
*::after {
  box-sizing: border-box;
}
.widget {
  font: 16px/1.5 var(--nuri-font, system-ui, -apple-system, "Segoe UI", Roboto, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", sans-serif);
  color: #1f2328;
  text-align: left;
  word-break: keep-all;
  -webkit-text-size-adjust: 100%;
}
.visually-hidden {
  position: absolute !important;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
button,
textarea {
  font: inherit;
  color: inherit;
  margin: 0;
}
button {
  cursor: pointer;
  -webkit-tap-highlight-color: transparent;
}
svg {
  width: 22px;
  height: 22px;
  flex: none;
}
:focus-visible {
  outline: 3px solid var(--_ink);
  outline-offset: 2px;
}

/* Launcher, and the corner that it and the panel sit in */
.launch,
.panel {
  position: fixed;
  z-index: var(--nuri-z-index, 2147483000);
  bottom: var(--nuri-offset, 20px);
}
.right .launch,
.right .panel {
  right: var(--nuri-offset, 20px);
}
.left .launch,
.left .panel {
  left: var(--nuri-offset, 20px);
}
.launch {
  display: flex;
  align-items: center;
  gap: 8px;
  min-height: 52px;
  padding: 10px 20px 10px 16px;
  border: 2px solid transparent;
  border-radius: 999px;
  background: var(--_accent);
  color: var(--_on-accent);
  font-weight: 700;
  box-shadow: 0 4px 16px rgba(0, 0, 0, .28);
}
.launch:focus-visible {
  outline-color: var(--_on-accent);
  outline-offset: -7px;
}

/* Panel and its header */
.panel {
  display: flex;
  flex-direction: column;
  width: var(--nuri-width, 380px);
  height: var(--nuri-height, 620px);
  max-width: calc(100vw - 2 * var(--nuri-offset, 20px));
  max-height: calc(100vh - 2 * var(--nuri-offset, 20px));
  background: #fff;
  border: 1px solid #c4c8cf;
  border-radius: var(--nuri-radius, 16px);
  box-shadow: 0 10px 40px rgba(0, 0, 0, .3);
  overflow: hidden;
  animation: panel-in .16s ease-out;
}
@keyframes panel-in {
  from {
    opacity: 0;
    transform: translateY(10px);
  }
}
.header {
  display: flex;
  align-items: flex-start;
  gap: 4px;
  padding: 10px 8px 10px 16px;
  background: var(--_accent);
  color: var(--_on-accent);
}
.header :focus-visible {
  outline-color: var(--_on-accent);
  outline-offset: -4px;
}
.titles {
  flex: 1;
  min-width: 0;
  padding-top: 2px;
}
h2 {
  margin: 0;
  font-size: 19px;
  line-height: 1.3;
  font-weight: 700;
}
.subtitle {
  margin: 0;
  font-size: 14px;
}

/* Buttons: the header's icon buttons (clear, close) */
.icon-button {
  display: inline-grid;
  place-items: center;
  width: 44px;
  height: 44px;
  padding: 0;
  border: 2px solid transparent;
  border-radius: 10px;
  background: transparent;
}
.icon-button:hover {
  background: rgba(127, 127, 127, .25);
}

/* Quick exit: the bar under the header */
.bar {
  display: flex;
  align-items: center;
  gap: 10px;
  padding: 8px 12px;
  background: #f6f7f9;
  border-bottom: 1px solid #c4c8cf;
}
.quick-exit {
  flex: none;
  min-height: 44px;
  padding: 8px 14px;
  border: 2px solid transparent;
  border-radius: 10px;
  background: #b3261e;
  color: #fff;
  font-weight: 700;
}
.quick-exit:hover {
  background: #8c1d18;
}
.bar p {
  margin: 0;
  font-size: 13px;
  line-height: 1.35;
  color: #3d434b;
}

/* Log: the scrolling conversation */
.log {
  position: relative;
  flex: 1;
  min-height: 0;
  overflow-y: auto;
  overscroll-behavior: contain;
  display: flex;
  flex-direction: column;
  gap: 12px;
  padding: 16px 12px;
}
.log:focus-visible {
  outline-offset: -3px;
}

/* Bubbles: one turn (.turn) holds one or more bubbles (.msg) */
.turn {
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  gap: 6px;
}
.user {
  align-items: flex-end;
}
.msg {
  max-width: 90%;
  padding: 10px 14px;
  border-radius: 16px;
  overflow-wrap: anywhere;
}
.msg p {
  margin: 0;
}
.bot .msg {
  background: #f1f2f6;
  border-bottom-left-radius: 4px;
}
.user .msg {
  background: var(--_accent);
  color: var(--_on-accent);
  border-bottom-right-radius: 4px;
  white-space: pre-wrap;
}
.msg a {
  color: inherit;
  font-weight: 600;
  text-decoration: underline;
  text-underline-offset: 2px;
}
/* Sources under an answer */
.src {
  margin-top: 8px;
  padding-top: 6px;
  border-top: 1px solid #c4c8cf;
  font-size: 14px;
  color: #3d434b;
}
.src ul {
  margin: 2px 0 0;
  padding-left: 20px;
}
/* A crisis answer: a warm box, hotlines first as big call buttons */
.crisis {
  align-self: stretch;
  align-items: stretch;
  padding: 12px;
  background: #fff4e5;
  border: 2px solid #a34a00;
  border-radius: 16px;
}
.crisis .msg {
  max-width: none;
  background: #fff;
}
h3 {
  margin: 0;
  font-size: 18px;
  line-height: 1.3;
  color: #7a3300;
}
.calls {
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
  margin: 0;
  padding: 0;
  list-style: none;
}
.calls a {
  display: flex;
  align-items: center;
  gap: 8px;
  min-height: 48px;
  padding: 8px 18px;
  border: 2px solid transparent;
  border-radius: 999px;
  background: #a4290f;
  color: #fff;
  font-weight: 700;
  text-decoration: none;
}

/* Buttons: quick replies (.qr) and Retry in an error (.err) */
.qr {
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
}
.qr button,
.err button {
  min-height: 44px;
  padding: 8px 14px;
  border: 2px solid var(--_ink);
  border-radius: 999px;
  background: #fff;
  color: var(--_ink);
  font-size: 15px;
  font-weight: 600;
  text-align: left;
}
.qr button:hover,
.err button:hover {
  background: var(--_ink);
  color: #fff;
}
.err .msg {
  background: #fdecea;
  border: 1px solid #b3261e;
}
.err button {
  margin-top: 8px;
}

/* Bubbles: the typing indicator */
.dots {
  display: flex;
  gap: 5px;
  padding: 6px 2px;
}
.dots i {
  width: 8px;
  height: 8px;
  border-radius: 50%;
  background: #5f6368;
  animation: typing-dot 1.1s infinite ease-in-out;
}
.dots i:nth-child(2) {
  animation-delay: .15s;
}
.dots i:nth-child(3) {
  animation-delay: .3s;
}
@keyframes typing-dot {
  0%,
  80%,
  100% {
    opacity: .35;
  }
  40% {
    opacity: 1;
    transform: translateY(-3px);
  }
}

/* Input: message box, Send and the character count */
form {
  display: flex;
  align-items: flex-end;
  gap: 8px;
  padding: 10px 12px calc(10px + env(safe-area-inset-bottom, 0px));
  border-top: 1px solid #c4c8cf;
  background: #fff;
}
textarea {
  flex: 1;
  min-width: 0;
  min-height: 48px;
  max-height: 144px;
  padding: 11px 12px;
  border: 1px solid #6b7280;
  border-radius: 12px;
  background: #fff;
  font-size: 16px;
  line-height: 1.5;
  resize: none;
}
textarea::placeholder {
  color: #5f6368;
  opacity: 1;
}
.send {
  min-height: 48px;
  padding: 0 16px;
  border: 2px solid transparent;
  border-radius: 12px;
  background: var(--_accent);
  color: var(--_on-accent);
  font-weight: 700;
}
.cnt {
  margin: 0;
  padding: 0 12px 6px;
  font-size: 13px;
  color: #3d434b;
  text-align: right;
}

/* Phones and 200% zoom: the panel fills the screen */
@media (max-width: 480px), (max-height: 560px) {
  .widget .panel {
    top: 0;
    right: 0;
    bottom: 0;
    left: 0;
    width: auto;
    height: auto;
    max-width: none;
    max-height: none;
    border: 0;
    border-radius: 0;
  }
  .bar {
    padding: 6px 10px;
  }
}
/* Quick exit: no Esc hint on touch screens, which have no Esc key */
@media (pointer: coarse) {
  .escape-hint {
    display: none;
  }
}
@media (prefers-reduced-motion: reduce) {
  * {
    animation: none !important;
    transition: none !important;
    scroll-behavior: auto !important;
  }
}
@media (forced-colors: active) {
  .launch,
  .send,
  .quick-exit,
  .calls a {
    border-color: ButtonText;
  }
}
@media print {
  .widget {
    display: none;
  }
}`;

  // One parsed stylesheet shared by every instance. Constructed sheets also work on sites whose
  // Content-Security-Policy forbids inline <style>; older browsers get a <style> element.
  let SHARED_SHEET = null;
  try {
    SHARED_SHEET = new CSSStyleSheet();
    SHARED_SHEET.replaceSync(STYLES);
  } catch {
    SHARED_SHEET = null;
  }

  // ---- Building elements -------------------------------------------------------------------

  const SVG_NAMESPACE = "http://www.w3.org/2000/svg";
  const SVG_TAGS = ["svg", "path"];

  // h("button.send.big", {type: "submit"}, child, ...): an element with classes, attributes and
  // children. Strings become text nodes (like textContent), never markup: nothing is ever parsed
  // as HTML, so the widget also runs under Trusted Types.
  const h = (tag, attributes, ...children) => {
    const [name, ...classes] = tag.split(".");
    const element = SVG_TAGS.includes(name)
      ? document.createElementNS(SVG_NAMESPACE, name)
      : document.createElement(name);
    for (const key in attributes) element.setAttribute(key, attributes[key]);
    if (classes.length) element.setAttribute("class", classes.join(" "));
    element.append(...children);
    return element;
  };

  // 24×24 icon paths: filled ones, or outlined ones drawn with a round 2.2 px stroke.
  const ICONS = {
    chat: { filled: "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-9l-6 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z" },
    clear: { outlined: "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" },
    close: { outlined: "M6 6l12 12M18 6L6 18" },
    phone: {
      filled:
        "M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z",
    },
  };

  const icon = (name) => {
    const { filled, outlined } = ICONS[name];
    const path = filled
      ? h("path", { d: filled, fill: "currentColor" })
      : h("path", {
          d: outlined,
          fill: "none",
          stroke: "currentColor",
          "stroke-width": "2.2",
          "stroke-linecap": "round",
          "stroke-linejoin": "round",
        });
    return h("svg", { viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" }, path);
  };

  // ---- Session state -----------------------------------------------------------------------

  // 16 random bytes as 32 hex characters.
  const newSessionId = () =>
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

  // What sessionStorage keeps per API server: the session id, the transcript (entries shaped like
  // {user: text} or {messages, crisis, intent, welcome}) and the "lang/region" of the welcome.
  const newConversation = () => ({ sessionId: newSessionId(), transcript: [] });
  const isConversation = (value) =>
    !!value && /^[\w-]{16,64}$/.test(value.sessionId) && Array.isArray(value.transcript);

  // sessionStorage can throw (disabled storage, sandboxed frames); the chat still works without it.
  const storage = {
    read(key) {
      try {
        return JSON.parse(sessionStorage.getItem(key));
      } catch {
        return null;
      }
    },
    write(key, value) {
      try {
        sessionStorage.setItem(key, JSON.stringify(value));
      } catch {}
    },
    remove(key) {
      try {
        sessionStorage.removeItem(key);
      } catch {}
    },
    // Every entry the widget ever wrote in this tab, for any server.
    removeAll() {
      try {
        for (let i = sessionStorage.length - 1; i >= 0; i--) {
          const key = sessionStorage.key(i);
          if (key.startsWith(STORAGE_PREFIX)) sessionStorage.removeItem(key);
        }
      } catch {}
    },
  };

  // ---- Message text ------------------------------------------------------------------------

  const LINK_SCHEMES = /^(https?|tel|mailto):$/;
  const WEB_SCHEMES = /^https?:$/;

  // The normalised URL if its scheme is allowed, else null (javascript:, data: and the like).
  const allowedUrl = (value, schemes = LINK_SCHEMES) => {
    try {
      const url = new URL(value);
      return schemes.test(url.protocol) ? url.href : null;
    } catch {
      return null;
    }
  };

  // A link; web links open in a new tab, and say so to screen readers.
  const buildLink = (href, label, ui) => {
    const link = h("a", { href }, label);
    if (/^https?:/.test(href)) {
      link.setAttribute("target", "_blank");
      link.setAttribute("rel", "noopener noreferrer");
      link.append(h("span.visually-hidden", null, ui.newTab));
    }
    return link;
  };

  // The whole message syntax: **bold**, [label](url) for https/http/tel/mailto, and \n.
  const MESSAGE_SYNTAX = /\*\*([^*]+(?:\*(?!\*)[^*]*)*)\*\*|\[([^\]\n]+)\]\(([^()\s]+)\)|\n/g;

  // Append text to parent as text, <strong>, <a> and <br>; push [href, label] of each link to links.
  const renderMessageText = (parent, text, ui, links) => {
    const syntax = new RegExp(MESSAGE_SYNTAX.source, "g"); // its own lastIndex: bold text recurses
    let done = 0;
    let match;
    while ((match = syntax.exec(text))) {
      const [whole, bold, label, url] = match;
      if (match.index > done) parent.append(text.slice(done, match.index));
      done = syntax.lastIndex;
      if (whole === "\n") parent.append(h("br"));
      else if (bold != null) renderMessageText(parent.appendChild(h("strong")), bold, ui, links);
      else {
        const href = allowedUrl(url);
        if (!href) parent.append(whole);
        else {
          parent.append(buildLink(href, label, ui));
          if (links) links.push([href, label]);
        }
      }
    }
    if (done < text.length) parent.append(text.slice(done));
    return parent;
  };

  // ---- Colours (WCAG contrast) -------------------------------------------------------------

  const WHITE = [255, 255, 255];
  const BLACK = [0, 0, 0];
  const BOT_BUBBLE_GREY = [241, 242, 246]; // .bot .msg background

  const parseRgb = (color) =>
    (color.match(/^rgba?\(([^)]+)\)/) || [])[1]?.split(/[ ,/]+/).slice(0, 3).map(Number);
  const relativeLuminance = (rgb) =>
    rgb
      .map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const contrastRatio = (a, b) => {
    const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((p, q) => q - p);
    return (lighter + 0.05) / (darker + 0.05);
  };
  const cssRgb = (rgb) => `rgb(${rgb.map(Math.round).join(",")})`;

  // ---- The element -------------------------------------------------------------------------

  class NuriChat extends HTMLElement {
    static get observedAttributes() {
      return ATTRS;
    }

    static define(tag = TAG_NAME, registry = customElements) {
      if (!registry.get(tag)) registry.define(tag, this);
      return this;
    }

    constructor() {
      super();
      this._onDocumentKeydown = this._onDocumentKeydown.bind(this);
      this._lastEscapeAt = 0;
      this._waiting = false; // a request is in flight
    }

    get open() {
      return this.hasAttribute("open");
    }

    set open(value) {
      this.toggleAttribute("open", !!value);
    }

    connectedCallback() {
      // Properties set before the element was defined shadow the prototype's accessors.
      for (const property of ["open", ...Object.keys(MIRRORED_PROPERTIES)]) {
        if (Object.prototype.hasOwnProperty.call(this, property)) {
          const value = this[property];
          delete this[property];
          this[property] = value;
        }
      }
      if (!this.shadowRoot) this.attachShadow({ mode: "open" });
      document.addEventListener("keydown", this._onDocumentKeydown, true);
      this._render();
    }

    disconnectedCallback() {
      document.removeEventListener("keydown", this._onDocumentKeydown, true);
      this._cancelRequest();
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (!this._container || oldValue === newValue) return;
      if (name === "open") this._syncOpen();
      else if (name === "accent") this._applyAccent();
      else if (name === "position") this._container.className = "widget " + this._side();
      else if (name !== "exit-url" && !this._renderQueued) {
        // lang, region, title or api: rebuild once, however many of them change together.
        this._renderQueued = true;
        queueMicrotask(() => {
          this._renderQueued = false;
          if (this.isConnected) this._render();
        });
      }
    }

    /** Open the panel; with focus=true move focus into the message box. */
    show(focus) {
      this.open = true;
      if (focus) this._input.focus();
    }

    /** Close the panel; with focus=true return focus to the launcher. */
    hide(focus) {
      this.open = false;
      if (focus) this._launcher.focus();
    }

    /** Forget the transcript and session id, then start a new conversation. */
    clear() {
      this._cancelRequest();
      storage.remove(this._storageKey);
      this._conversation = newConversation();
      this._renderTranscript();
      this._announce(this._ui.cleared);
      if (this.open) this._requestWelcome();
    }

    /** Wipe this tab's chat state and replace the page with a neutral one. */
    quickExit() {
      this._cancelRequest();
      storage.removeAll();
      this._conversation = null;
      this.shadowRoot.replaceChildren();
      location.replace(this._exitUrl());
    }

    // ---- Settings from attributes ----

    // The first of LANGUAGES that the lang attribute, the page's or the browser's language names.
    _language() {
      const tag = this.getAttribute("lang") || document.documentElement.lang || navigator.language || "";
      return LANGUAGES.find((code) => new RegExp(`^${code}\\b`, "i").test(tag)) || FALLBACK_LANGUAGE;
    }

    _region() {
      const region = (this.getAttribute("region") || "").toUpperCase();
      return REGIONS.includes(region) ? region : DEFAULT_REGION[this._language()];
    }

    // The class that puts the launcher and panel in the bottom right or left corner.
    _side() {
      return this.getAttribute("position") === "left" ? "left" : "right";
    }

    // The API server: the api attribute (as a folder), else the origin widget.js came from.
    _apiBase() {
      const api = this.getAttribute("api");
      try {
        if (api) return new URL(api.replace(/\/*$/, "/"), document.baseURI).href;
      } catch {}
      return new URL("/", LOADER_URL || document.baseURI).href;
    }

    // Where quick exit goes: the exit-url attribute if it is http(s), else the language's default.
    _exitUrl() {
      let url = this.getAttribute("exit-url");
      try {
        url = url && new URL(url, document.baseURI).href;
      } catch {
        url = null;
      }
      return (url && allowedUrl(url, WEB_SCHEMES)) || DEFAULT_EXIT_URL[this._language()];
    }

    // ---- Building the UI ----

    // Build (or rebuild, after lang, region, title or api changed) the whole shadow DOM, keeping
    // the conversation and any half-typed message.
    _render() {
      const language = this._language();
      this._ui = UI_TEXT[language];
      this._offlineHelp = OFFLINE_HELP[language];
      this._title = this.getAttribute("title") || this._ui.title;
      this._loadConversation();
      const conversation = this._conversation;
      // A welcome in the old language or region is replaced; a conversation is kept.
      const settings = language + "/" + this._region();
      if (conversation.transcript.every((entry) => entry.welcome) && conversation.settings !== settings) {
        conversation.transcript = [];
      }
      const typedText = this._input ? this._input.value : "";

      const controls = this._buildPanel();
      this._input.value = typedText;
      this._bindControls(controls);

      this._applyAccent();
      this._renderTranscript();
      this._updateInput();
      this._syncOpen();
    }

    // Each API server has its own conversation in this tab, stored under its own key.
    _loadConversation() {
      const key = STORAGE_PREFIX + this._apiBase();
      if (key === this._storageKey) return;
      this._cancelRequest();
      this._storageKey = key;
      const stored = storage.read(key);
      this._conversation = isConversation(stored) ? stored : newConversation();
    }

    // Create the launcher and the panel in the shadow root; return the controls _bindControls wires.
    _buildPanel() {
      const ui = this._ui;
      const title = this._title;
      const withTitle = (text) => text.replace("{t}", title);
      const iconButton = (name, label) =>
        h(`button.icon-button.${name}`, { type: "button", "aria-label": label, title: label }, icon(name));

      this._launcher = h(
        "button.launch",
        { type: "button", "aria-label": withTitle(ui.openLabel), "aria-haspopup": "dialog" },
        icon("chat"),
        h("span", null, title)
      );
      const clearButton = iconButton("clear", ui.clear);
      const closeButton = iconButton("close", ui.close);
      const quickExitButton = h(
        "button.quick-exit",
        { type: "button", "aria-describedby": "quick-exit-note" },
        ui.quickExit
      );
      this._log = h("div.log", { role: "log", "aria-live": "polite", tabindex: "0", "aria-label": ui.logLabel });
      this._status = h("p.visually-hidden", { role: "status" });
      this._input = h("textarea", {
        id: "message",
        rows: "1",
        maxlength: MAX_MESSAGE_LENGTH,
        enterkeyhint: "send",
        autocomplete: "off",
        "aria-describedby": "char-count",
        placeholder: ui.placeholder,
      });
      const form = h(
        "form",
        null,
        h("label.visually-hidden", { for: "message" }, ui.messageLabel),
        this._input,
        h("button.send", { type: "submit" }, ui.send)
      );
      this._counter = h("p.cnt", { id: "char-count", hidden: "" });

      this._panel = h(
        "div.panel",
        { role: "dialog", "aria-modal": "false", "aria-labelledby": "panel-title", hidden: "" },
        h(
          "div.header",
          null,
          h("div.titles", null, h("h2", { id: "panel-title" }, title), h("p.subtitle", null, ui.subtitle)),
          clearButton,
          closeButton
        ),
        h(
          "div.bar",
          null,
          quickExitButton,
          h("p", { id: "quick-exit-note" }, ui.quickExitNote, " ", h("span.escape-hint", null, ui.escapeHint))
        ),
        this._log,
        this._status,
        form,
        this._counter
      );
      // The empty title stops a title attribute on <nuri-chat> from becoming a tooltip over the chat.
      this._container = h(
        "section.widget." + this._side(),
        { title: "", lang: this._language(), "aria-label": withTitle(ui.regionLabel) },
        this._launcher,
        this._panel
      );

      const root = this.shadowRoot;
      if (SHARED_SHEET) {
        root.adoptedStyleSheets = [SHARED_SHEET];
        root.replaceChildren(this._container);
      } else root.replaceChildren(h("style", null, STYLES), this._container);

      return { clearButton, closeButton, quickExitButton, form };
    }

    _bindControls({ clearButton, closeButton, quickExitButton, form }) {
      this._launcher.addEventListener("click", () => this.show(true));
      clearButton.addEventListener("click", () => this.clear());
      closeButton.addEventListener("click", () => this.hide(true));
      quickExitButton.addEventListener("click", () => this.quickExit());
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this._submitInput();
      });
      this._input.addEventListener("keydown", (event) => {
        // Korean IME: Enter that ends a composition must not send the half-typed message.
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
          event.preventDefault();
          this._submitInput();
        }
        // Keep the host page's single-key shortcuts from firing while a teen types.
        if (event.key !== "Escape" && event.key !== "Tab") event.stopPropagation();
      });
      this._input.addEventListener("input", () => this._updateInput());
    }

    // The accent from the attribute or --nuri-accent (an invalid colour leaves the default); text
    // on it white or near-black, whichever meets 4.5:1; and "ink", the accent darkened until it
    // meets 4.5:1 on the light grey bubbles, for text and outlines.
    _applyAccent() {
      const probe = this._container.appendChild(h("i"));
      const wanted =
        this.getAttribute("accent") || getComputedStyle(this).getPropertyValue("--nuri-accent").trim();
      probe.style.color = DEFAULT_ACCENT;
      if (wanted) probe.style.color = wanted;
      const accent = parseRgb(getComputedStyle(probe).color) || DEFAULT_ACCENT_RGB;
      probe.remove();
      const onAccent = contrastRatio(accent, WHITE) >= 4.5 ? WHITE : BLACK;
      let ink = accent;
      while (contrastRatio(ink, BOT_BUBBLE_GREY) < 4.5) ink = ink.map((v) => v * 0.85);
      const colors = [["--_accent", accent], ["--_on-accent", onAccent], ["--_ink", ink]];
      for (const [property, rgb] of colors) this._container.style.setProperty(property, cssRgb(rgb));
    }

    // Show the panel or the launcher; the first opening fetches the welcome.
    _syncOpen() {
      const open = this.open;
      this._panel.hidden = !open;
      this._launcher.hidden = open;
      if (open) {
        if (!this._conversation.transcript.length) this._requestWelcome();
        this._updateInput();
        this._log.scrollTop = this._log.scrollHeight;
      }
    }

    // Fit the message box to its text, and show the character count near the limit.
    _updateInput() {
      const input = this._input;
      input.style.height = "auto";
      input.style.height = Math.min(input.scrollHeight + 2, MAX_INPUT_HEIGHT) + "px";
      const length = input.value.length;
      const nearLimit = length >= COUNTER_FROM;
      this._counter.hidden = !nearLimit;
      this._counter.textContent = nearLimit ? this._ui.charCount.replace("{n}", length) : "";
    }

    // Say text through the status region (emptied first, so a repeat is announced again).
    _announce(text) {
      this._status.textContent = "";
      setTimeout(() => (this._status.textContent = text), 50);
    }

    _saveConversation() {
      const conversation = this._conversation;
      if (!conversation) return;
      if (conversation.transcript.length > TRANSCRIPT_LIMIT) {
        conversation.transcript = conversation.transcript.slice(-TRANSCRIPT_LIMIT);
      }
      if (conversation.transcript.length) storage.write(this._storageKey, conversation);
      else storage.remove(this._storageKey);
    }

    // ---- The conversation log ----

    _renderTranscript() {
      const transcript = this._conversation.transcript;
      this._log.replaceChildren(
        ...transcript.map((entry, i) => this._renderEntry(entry, i === transcript.length - 1))
      );
      if (this._waiting) this._showTyping(true);
    }

    // Quick replies are shown only under the last entry.
    _renderEntry(entry, isLast) {
      return entry.user != null ? this._renderQuestion(entry.user) : this._renderAnswer(entry, isLast);
    }

    _renderQuestion(text) {
      return h(
        "div.turn.user",
        null,
        h("div.msg", null, h("span.visually-hidden", null, this._ui.you + ": "), String(text))
      );
    }

    _renderAnswer(entry, isLast) {
      const turn = h(entry.crisis ? "div.turn.bot.crisis" : "div.turn.bot");
      if (entry.intent) turn.dataset.intent = entry.intent;
      const links = []; // [href, label] of every link in the answer's text
      const quickReplies = [];
      const bubbles = [];
      for (const message of Array.isArray(entry.messages) ? entry.messages : []) {
        if (!message || typeof message !== "object") continue;
        if (Array.isArray(message.buttons)) quickReplies.push(...message.buttons.filter((b) => b && b.title));
        const bubble = this._renderBubble(message, links);
        if (bubble) bubbles.push(bubble);
      }
      if (entry.crisis) turn.append(...this._renderHotlines(links));
      turn.append(...bubbles);
      if (isLast && quickReplies.length) turn.append(this._renderQuickReplies(quickReplies));
      return turn;
    }

    // One message of an answer: its text and its sources; null when it has neither.
    _renderBubble(message, links) {
      const ui = this._ui;
      const text = String(message.text || "");
      const sources = Array.isArray(message.sources) ? message.sources.filter((s) => s && s.title) : [];
      if (!text.trim() && !sources.length) return null; // a message with only buttons gets no empty bubble
      const bubble = h("div.msg", null, h("span.visually-hidden", null, this._title + ": "));
      renderMessageText(bubble.appendChild(h("p")), text, ui, links);
      if (sources.length) {
        const items = sources.map((source) => {
          const href = allowedUrl(source.url, WEB_SCHEMES);
          const title = String(source.title);
          return h("li", null, href ? buildLink(href, title, ui) : title);
        });
        bubble.append(h("div.src", null, h("span", null, ui.sources), h("ul", null, ...items)));
      }
      return bubble;
    }

    // A crisis answer's heading, then each distinct tel: link of its text as a big call button.
    _renderHotlines(links) {
      const ui = this._ui;
      const heading = h("h3", null, ui.crisisHeading);
      const seen = new Set();
      const calls = h("ul.calls");
      for (const [href, label] of links) {
        if (!href.startsWith("tel:") || seen.has(href)) continue;
        seen.add(href);
        calls.append(h("li", null, h("a", { href }, icon("phone"), `${ui.call} ${label}`)));
      }
      return seen.size ? [heading, calls] : [heading];
    }

    _renderQuickReplies(quickReplies) {
      const group = h("div.qr", { role: "group", "aria-label": this._ui.quickReplies });
      for (const reply of quickReplies) {
        const title = String(reply.title);
        const button = group.appendChild(h("button", { type: "button" }, title));
        // Keyboard presses (detail 0) put focus back in the box; taps don't pop up the keyboard.
        button.addEventListener("click", (event) =>
          this._sendMessage(String(reply.payload || reply.title), title, !event.detail)
        );
      }
      return group;
    }

    _addEntry(entry) {
      this._conversation.transcript.push(entry);
      this._saveConversation();
      const element = this._renderEntry(entry, true);
      this._log.append(element);
      if (entry.user != null) this._log.scrollTop = this._log.scrollHeight;
      else this._log.scrollTop = element.offsetTop - 8; // show the start of a long answer
    }

    _showTyping(on) {
      this._log.querySelector(".typing")?.remove();
      if (!on) return;
      const dots = h("span.dots", { "aria-hidden": "true" }, h("i"), h("i"), h("i"));
      const label = h("span.visually-hidden", null, this._ui.typing.replace("{t}", this._title));
      this._log.append(h("div.turn.bot.typing", null, h("div.msg", null, dots, label)));
      this._log.scrollTop = this._log.scrollHeight;
    }

    // errorKind is "unreachable", "timedOut" or "tooFast"; Retry removes the error and calls retry().
    _showError(errorKind, retry) {
      const ui = this._ui;
      const retryButton = h("button", { type: "button" }, ui.retry);
      const error = h(
        "div.turn.bot.err",
        null,
        h(
          "div.msg",
          null,
          h("p", null, ui[errorKind]),
          renderMessageText(h("p"), this._offlineHelp[this._region()], ui),
          retryButton
        )
      );
      retryButton.addEventListener("click", (event) => {
        error.remove();
        if (!event.detail) this._input.focus();
        retry();
      });
      this._log.append(error);
      this._log.scrollTop = this._log.scrollHeight;
    }

    // ---- Talking to the server ----

    _submitInput() {
      const text = this._input.value.trim();
      if (!text || this._waiting) return;
      this._input.value = "";
      this._updateInput();
      this._sendMessage(text, text, false);
    }

    // Show shownText as the teen's message and send message (a quick reply's payload may differ).
    _sendMessage(message, shownText, focusInput) {
      if (this._waiting) return;
      this._log.querySelectorAll(".qr,.err").forEach((node) => node.remove());
      this._addEntry({ user: shownText.slice(0, MAX_MESSAGE_LENGTH) });
      if (focusInput) this._input.focus();
      this._askServer(message.slice(0, MAX_MESSAGE_LENGTH));
    }

    _askServer(message) {
      const body = {
        session: this._conversation.sessionId,
        message,
        lang: this._language(),
        region: this._region(),
      };
      this._fetchEntry(
        "api/chat",
        body,
        (data) => ({ messages: data.messages, crisis: !!data.crisis, intent: data.intent }),
        () => this._askServer(message)
      );
    }

    _requestWelcome() {
      if (this._waiting) return;
      const language = this._language();
      const region = this._region();
      this._fetchEntry(
        `api/welcome?lang=${language}&region=${region}`,
        null,
        (data) => {
          this._conversation.settings = language + "/" + region;
          return { messages: data.messages, welcome: true };
        },
        () => this._requestWelcome()
      );
    }

    // GET path (or POST body as JSON) on the API server. A reply with messages becomes a log entry
    // through toEntry; anything else shows an error whose Retry button calls retry. A dropped
    // connection or a 502/503/504 (a worker restarting) is retried once, quietly.
    async _fetchEntry(path, body, toEntry, retry) {
      const controller = (this._controller = new AbortController());
      const timer = setTimeout(() => controller.abort("timeout"), REQUEST_TIMEOUT_MS);
      this._waiting = true;
      this._showTyping(true);
      let entry;
      let errorKind = "unreachable";
      for (let attempt = 0; attempt < 2 && !entry; attempt++) {
        let again = false;
        try {
          if (attempt) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
          const response = await fetch(new URL(path, this._apiBase()), {
            method: body ? "POST" : "GET",
            headers: body ? { "Content-Type": "application/json" } : {},
            body: body ? JSON.stringify(body) : undefined,
            signal: controller.signal,
            credentials: "omit",
            cache: "no-store",
            referrerPolicy: "no-referrer",
          });
          if (response.status === 429) errorKind = "tooFast";
          again = [502, 503, 504].includes(response.status);
          const data = response.ok && (await response.json());
          if (data && Array.isArray(data.messages)) entry = toEntry(data);
        } catch {
          if (controller.signal.reason === "timeout") errorKind = "timedOut";
          again = !controller.signal.aborted;
        }
        if (!again) break;
      }
      clearTimeout(timer);
      // Cleared, rebuilt for another API, exited or removed while waiting: leave the log alone.
      if (controller.signal.reason === "cancelled") return;
      this._controller = null;
      this._waiting = false;
      this._showTyping(false);
      if (entry) this._addEntry(entry);
      else this._showError(errorKind, retry);
    }

    _cancelRequest() {
      if (this._controller) {
        this._controller.abort("cancelled");
        this._controller = null;
      }
      this._waiting = false;
    }

    // Esc closes the panel (when focus is in it); a second Esc within DOUBLE_ESCAPE_MS, after one
    // pressed while the panel was open, quick-exits.
    _onDocumentKeydown(event) {
      if (event.key !== "Escape" || event.isComposing || !this._container) return;
      const now = Date.now();
      if (this._openAtLastEscape && now - this._lastEscapeAt < DOUBLE_ESCAPE_MS) {
        event.preventDefault();
        this.quickExit();
        return;
      }
      this._lastEscapeAt = now;
      this._openAtLastEscape = this.open;
      if (this.open && this.shadowRoot.activeElement) this.hide(true);
    }
  }

  for (const [property, attribute] of Object.entries(MIRRORED_PROPERTIES)) {
    Object.defineProperty(NuriChat.prototype, property, {
      get() {
        return this.getAttribute(attribute) || "";
      },
      set(value) {
        if (value == null) this.removeAttribute(attribute);
        else this.setAttribute(attribute, value);
      },
      configurable: true,
    });
  }

  window.NuriChat = window.NuriChat || NuriChat;
  NuriChat.define();

  // Loaded by the snippet: add one <nuri-chat> configured from the script's data-* attributes,
  // unless the page already has its own element.
  const addElementFromSnippet = () => {
    if (document.querySelector(TAG_NAME)) return;
    const element = h(TAG_NAME);
    for (const name of ATTRS) {
      const value = LOADER_SCRIPT.getAttribute("data-" + name);
      if (name === "open") element.toggleAttribute("open", value != null && value !== "false");
      else if (value) element.setAttribute(name, value);
    }
    document.body.append(element);
  };
  if (LOADER_URL) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", addElementFromSnippet, { once: true });
    } else addElementFromSnippet();
  }
})();
