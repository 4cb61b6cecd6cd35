import type { Lang } from '../report/messages.js';

/**
 * The page of `capa preview`: a fixed shell with no kit text in it. Its script fetches /state.json and
 * puts every string in with `textContent`, never as markup, so a kit's titles, file names and diagnostic
 * messages (untrusted: a stranger's pull request) show as text; the page's Content-Security-Policy
 * allows no inline script on top of that.
 */
export function previewPage(lang: Lang): string {
  return `<!doctype html>
<html lang="${lang === 'fr' ? 'fr' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>capa preview</title>
<link rel="stylesheet" href="/preview.css">
<script src="/preview.js" defer></script>
</head>
<body>
<header><strong>capa preview</strong> <span id="status" role="status" aria-live="polite"></span></header>
<nav id="switcher" aria-labelledby="switcher-title"><h2 id="switcher-title"></h2><ul id="documents"></ul></nav>
<section id="problems" hidden><h2 id="problems-title"></h2><ul id="diagnostics"></ul></section>
<main id="viewer"></main>
</body>
</html>
`;
}

export const PREVIEW_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; font-size: 15px; color: #1d1d1f; }
body { display: grid; grid-template-columns: 16rem 1fr; grid-template-rows: auto auto 1fr; height: 100vh; }
header { grid-column: 1 / 3; padding: .6rem 1rem; background: #1d3557; color: #fff; }
header #status { margin-left: 1rem; opacity: .9; }
body.failed header { background: #9b1c1c; }
body.building header #status::after { content: " …"; }
nav { grid-row: 2 / 4; overflow: auto; padding: .5rem; border-right: 1px solid #ddd; background: #f6f6f8; }
nav h2, #problems h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #555; margin: .5rem; }
nav ul, #problems ul { list-style: none; margin: 0; padding: 0; }
nav button { width: 100%; text-align: left; border: 0; background: none; padding: .5rem; border-radius: 6px; cursor: pointer; font: inherit; }
nav button[aria-current="true"] { background: #dfe7f3; font-weight: 600; }
nav button small { display: block; font-weight: normal; color: #555; }
#problems { grid-column: 2; grid-row: 2; max-height: 40vh; overflow: auto; padding: .5rem 1rem; background: #fff4f4; border-bottom: 1px solid #e5b8b8; }
#problems li { margin: .4rem 0; font-family: ui-monospace, monospace; font-size: .85rem; white-space: pre-wrap; overflow-wrap: anywhere; }
#problems .error { color: #9b1c1c; font-weight: 600; }
#problems .warning { color: #8a5a00; font-weight: 600; }
#problems .hint { display: block; color: #444; margin-left: 1.5rem; }
main { grid-column: 2; grid-row: 3; min-height: 0; }
main iframe { width: 100%; height: 100%; border: 0; }
main p { padding: 1rem; }
`;

/** The page's script, served as /preview.js (the policy forbids inline scripts). Plain browser JavaScript. */
export const PREVIEW_SCRIPT = `'use strict';
let selected = decodeURIComponent(location.hash.slice(1));
const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };

function render(state) {
  document.body.classList.toggle('failed', !state.ok);
  document.body.classList.toggle('building', state.building);
  document.body.dataset.build = String(state.build);
  $('status').textContent = state.status;
  $('switcher-title').textContent = state.text.documents;
  $('problems-title').textContent = state.text.problems;
  if (!state.documents.some((d) => d.file === selected)) selected = state.documents[0] ? state.documents[0].file : '';
  $('documents').replaceChildren(...state.documents.map((d) => {
    const button = el('button');
    button.type = 'button';
    button.dataset.file = d.file;
    button.setAttribute('aria-current', String(d.file === selected));
    button.append(el('span', d.file), el('small', d.details));
    button.addEventListener('click', () => { selected = d.file; history.replaceState(null, '', '#' + encodeURIComponent(d.file)); render(state); });
    const li = el('li');
    li.append(button);
    return li;
  }));
  $('problems').hidden = state.diagnostics.length === 0;
  $('diagnostics').replaceChildren(...state.diagnostics.map((d) => {
    const li = el('li');
    li.append(el('span', d.place ? d.place + '  ' : ''), el('span', d.severityText, d.severity), el('span', '  ' + d.message + '  [' + d.code + ']'));
    if (d.hint) li.append(el('span', d.hint, 'hint'));
    return li;
  }));
  showDocument(state);
}

function showDocument(state) {
  const viewer = $('viewer');
  const doc = state.documents.find((d) => d.file === selected);
  // Before the first build is done there is nothing to say yet; after a failed one, what to do.
  if (!doc) { viewer.replaceChildren(...(state.building ? [] : [el('p', state.text.none)])); return; }
  const src = '/files/' + encodeURIComponent(doc.file) + '?v=' + encodeURIComponent(doc.version);
  const current = viewer.firstElementChild;
  // Same file, same content: keep the frame (and the reader's page and zoom in it).
  if (current && current.dataset.src === src) return;
  if (doc.file.endsWith('.pdf')) {
    const frame = el('iframe');
    frame.title = doc.file;
    frame.src = src;
    frame.dataset.src = src;
    viewer.replaceChildren(frame);
  } else {
    const p = el('p');
    const a = el('a', state.text.download + ' ' + doc.file);
    a.href = src;
    a.download = doc.file;
    p.dataset.src = src;
    p.append(a);
    viewer.replaceChildren(p);
  }
}

async function refresh() {
  const response = await fetch('/state.json', { cache: 'no-store' });
  if (response.ok) render(await response.json());
}

new EventSource('/events').addEventListener('build', () => { refresh().catch(() => {}); });
`;
