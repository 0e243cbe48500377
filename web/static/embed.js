// The teachers' page (/embed): keep the live preview and the snippet in step with the options.
// No build step, no dependencies; loaded with `defer`, so the page is parsed when this runs.
(() => {
  "use strict";

  const form = document.getElementById("options");
  const preview = document.getElementById("preview");
  const snippet = document.getElementById("snippet");
  const status = document.getElementById("status");
  const regionSelect = form.elements.region;
  // The widget's own default accent: left out of the snippet, which then stays short.
  const DEFAULT_ACCENT = "#5b3cc4";
  const COPIED = "복사했어요! 학교 누리집에 붙여 넣으세요. · Copied!";
  const SELECTED = "코드를 선택했어요. Ctrl+C(⌘+C)로 복사하세요. · Selected: press Ctrl+C (⌘+C) to copy.";

  // Until a teacher picks a region, changing the language picks the region that suits it.
  let regionChosen = false;
  regionSelect.addEventListener("change", () => {
    regionChosen = true;
  });

  // The widget's rule for a missing region: Korea for Korean, international otherwise. The
  // regions themselves are the <select>'s options (the server renders them).
  function defaultRegionFor(language) {
    const region = language === "ko" ? "KR" : "INTL";
    const offered = [...regionSelect.options].map((option) => option.value);
    return offered.includes(region) ? region : offered[0];
  }

  const escapeAttribute = (value) =>
    value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

  // An empty value removes the attribute, so the preview falls back to the widget's default.
  const setPreviewAttribute = (name, value) =>
    value == null || value === "" ? preview.removeAttribute(name) : preview.setAttribute(name, value);

  // Copy the form's options to the preview element and rewrite the snippet.
  function update(event) {
    const fields = form.elements;
    if (event && event.target === fields.lang && !regionChosen) {
      fields.region.value = defaultRegionFor(fields.lang.value);
    }
    const options = {
      lang: fields.lang.value,
      region: fields.region.value,
      title: fields.title.value.trim(),
      accent: fields.accent.value.toLowerCase() === DEFAULT_ACCENT ? "" : fields.accent.value,
      position: form.querySelector("input[name=position]:checked").value === "left" ? "left" : "",
      "exit-url": fields.exit.value.trim(),
    };
    // [name, value] pairs of the snippet's <script> tag; a null value is a bare attribute.
    const scriptAttributes = [["src", form.dataset.src]];
    for (const [name, value] of Object.entries(options)) {
      setPreviewAttribute(name, value);
      if (value) scriptAttributes.push(["data-" + name, value]);
    }
    document.body.classList.toggle("preview-left", options.position === "left");
    // Only the checkbox opens or closes the preview, so typing a title keeps a preview a teacher opened.
    if (!event || event.target === fields.open) preview.open = fields.open.checked;
    if (fields.open.checked) scriptAttributes.push(["data-open", null]);
    const attributes = scriptAttributes.map(([name, value]) =>
      value == null ? name : `${name}="${escapeAttribute(value)}"`
    );
    snippet.value = `<script ${attributes.join(" ")} async></script>`;
  }

  // Say text through the status region (emptied first, so a repeat is announced again).
  function announce(text) {
    status.textContent = "";
    setTimeout(() => {
      status.textContent = text;
    }, 50);
  }

  // Copy with the Clipboard API; where that is refused, select the snippet and try execCommand.
  async function copySnippet() {
    try {
      await navigator.clipboard.writeText(snippet.value);
      announce(COPIED);
    } catch {
      snippet.focus();
      snippet.select();
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch {}
      announce(copied ? COPIED : SELECTED);
    }
  }

  document.getElementById("copy").addEventListener("click", copySnippet);
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  update();
})();
