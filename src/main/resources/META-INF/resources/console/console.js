// The Peakgate operator console: plain JS over the admin API. The admin key lives in this tab's
// sessionStorage only and travels as a bearer header (never in a URL or cookie). Every value from the API
// is put in the page as text (textContent), never as markup.
'use strict';

const KEY = 'peakgate.adminKey';
const $ = (id) => document.getElementById(id);
let reviewCursor = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

function say(text, ok) {
  $('message').textContent = text;
  $('message').className = ok ? 'ok' : '';
}

async function api(path, options) {
  const key = sessionStorage.getItem(KEY);
  const init = Object.assign({}, options, {
    headers: Object.assign({ Authorization: 'Bearer ' + key, Accept: 'application/json' },
      options && options.body ? { 'Content-Type': 'application/json' } : {}),
    credentials: 'omit', cache: 'no-store'
  });
  const response = await fetch(path, init);
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 401) {
    logout();
    throw new Error('The key was refused: sign in again');
  }
  if (!response.ok) {
    throw new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
  }
  return body;
}

function money(m) {
  return m ? (m.value / 100).toFixed(2) + ' ' + m.currency : '';
}

function when(iso) {
  return iso ? new Date(iso).toISOString().replace('T', ' ').substring(0, 19) + ' UTC' : '';
}

// --- review desk ---

function detailsOf(item) {
  const w = item.what || {};
  const parts = [];
  if (item.provider) parts.push(item.provider);
  if (w.meter) parts.push('meter ' + w.meter + ' ' + (w.period || ''));
  if (w.registers) w.registers.forEach((r) => parts.push(r.register + ': ' + r.previous + ' -> ' + r.current + ' (' + r.consumption + ')'));
  if (w.text) parts.push('"' + w.text + '" from ' + w.from);
  if (w.paymentId) parts.push('payment ' + w.paymentId + (w.paymentStatus ? ' ' + w.paymentStatus : ''));
  if (w.providerReference) parts.push('ref ' + w.providerReference);
  return parts.join('; ');
}

function resolutionCell(item) {
  if (item.resolution) {
    const r = item.resolution;
    return el('td', { class: 'resolved' }, r.resolution + ' by ' + r.resolvedBy + (r.operator ? ' (' + r.operator + ')' : '')
      + ' at ' + when(r.resolvedAt) + ': ' + r.reason + (r.credited ? '; credited ' + money(r.credited.amount) + ' to '
      + r.credited.supplier + '/' + r.credited.account : ''));
  }
  const select = el('select', { class: 'resolution', 'aria-label': 'resolution' },
    ...item.resolutions.map((r) => el('option', { value: r }, r)));
  const reason = el('input', { class: 'reason', placeholder: 'why (required)', required: 'required', maxlength: '500' });
  const account = el('input', { class: 'account', placeholder: 'account to credit', maxlength: '64' });
  const form = el('form', { class: 'resolve-form' }, select, reason);
  if (item.resolutions.includes('credit') && (item.kind === 'sms' || !item.account)) form.append(account);
  form.append(el('button', { type: 'submit', class: 'resolve' }, 'Resolve'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { resolution: select.value, reason: reason.value };
    if (account.value) body.account = account.value;
    try {
      await api('/v1/admin/review/' + encodeURIComponent(item.id), { method: 'POST', body: JSON.stringify(body) });
      say('Resolved: ' + select.value, true);
      loadReview(false);
    } catch (e) {
      say(e.message);
    }
  });
  return el('td', {}, form);
}

async function loadReview(more) {
  const params = new URLSearchParams({ limit: '25' });
  if ($('filter-kind').value) params.set('kind', $('filter-kind').value);
  if ($('filter-status').value) params.set('status', $('filter-status').value);
  if (more && reviewCursor) params.set('cursor', reviewCursor);
  try {
    const page = await api('/v1/admin/review?' + params);
    const tbody = $('review-table').tBodies[0];
    if (!more) tbody.replaceChildren();
    page.items.forEach((item) => tbody.append(el('tr', { 'data-id': item.id, 'data-status': item.status },
      el('td', {}, when(item.createdAt)), el('td', {}, item.kind), el('td', {}, item.reason),
      el('td', {}, (item.supplier || '?') + ' / ' + (item.account || '?')), el('td', {}, money(item.amount)),
      el('td', { class: 'details' }, detailsOf(item)), resolutionCell(item))));
    if (!tbody.rows.length) tbody.append(el('tr', {}, el('td', { colspan: '7' }, 'Nothing here.')));
    reviewCursor = page.nextCursor || null;
    $('review-more').hidden = !reviewCursor;
  } catch (e) {
    say(e.message);
  }
}

// --- activity chart (inline SVG) ---

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  return node;
}

function drawChart(activity) {
  const W = 900, H = 220, L = 50, B = 24, T = 16;
  const rows = activity.minutes;
  const max = Math.max(1, ...rows.map((m) => Math.max(m.readings, m.payments)));
  const x = (i) => L + (rows.length < 2 ? 0 : i * (W - L - 10) / (rows.length - 1));
  const y = (v) => H - B - v * (H - B - T) / max;
  const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'readings and payments per minute' });
  chart.append(svg('line', { x1: L, y1: H - B, x2: W - 10, y2: H - B, stroke: '#9aa3ad' }));
  chart.append(svg('line', { x1: L, y1: T, x2: L, y2: H - B, stroke: '#9aa3ad' }));
  [0, max].forEach((v) => {
    const label = svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': '11', fill: '#5a6470' });
    label.textContent = String(v);
    chart.append(label);
  });
  [0, rows.length - 1].forEach((i) => {
    if (!rows[i]) return;
    const label = svg('text', { x: x(i), y: H - 6, 'text-anchor': i ? 'end' : 'start', 'font-size': '11', fill: '#5a6470' });
    label.textContent = rows[i].minute.substring(11, 16) + ' UTC';
    chart.append(label);
  });
  [['readings', '#2563eb'], ['payments', '#d97706']].forEach(([series, colour], n) => {
    chart.append(svg('polyline', { fill: 'none', stroke: colour, 'stroke-width': '2', class: 'series-' + series,
      points: rows.map((m, i) => x(i).toFixed(1) + ',' + y(m[series]).toFixed(1)).join(' ') }));
    const legend = svg('text', { x: L + 10 + n * 110, y: T, 'font-size': '12', class: 'legend-' + series });
    legend.textContent = series + ' (' + rows.reduce((s, m) => s + m[series], 0) + ')';
    chart.append(legend);
  });
  $('chart').replaceChildren(chart);
}

async function loadActivity() {
  try {
    drawChart(await api('/v1/admin/activity?minutes=' + $('activity-minutes').value));
  } catch (e) {
    say(e.message);
  }
}

// --- outbox ---

async function loadOutbox() {
  try {
    const backlog = await api('/v1/admin/outbox');
    $('outbox-unsent').textContent = backlog.unsent;
    $('outbox-age').textContent = backlog.oldestUnsentAgeSeconds;
    $('outbox-table').tBodies[0].replaceChildren(...backlog.topics.map((t) =>
      el('tr', {}, el('td', {}, t.topic), el('td', {}, t.unsent), el('td', {}, t.oldestUnsentAgeSeconds))));
  } catch (e) {
    say(e.message);
  }
}

// --- reconciliation ---

async function loadReconciliation() {
  const out = $('rec-report');
  try {
    const r = await api('/v1/reconciliation/' + encodeURIComponent($('rec-provider').value) + '/'
      + encodeURIComponent($('rec-date').value));
    const list = el('ul', {});
    Object.entries(r).forEach(([k, v]) => {
      if (typeof v !== 'object' || v === null) list.append(el('li', {}, k + ': ' + v));
      else if (Array.isArray(v)) list.append(el('li', {}, k + ': ' + v.length + ' item(s)'));
      else list.append(el('li', {}, k + ': ' + Object.entries(v).map(([a, b]) => a + ' ' + JSON.stringify(b)).join(', ')));
    });
    out.replaceChildren(list);
  } catch (e) {
    out.replaceChildren(el('p', {}, e.message));
  }
}

// --- session ---

function show(signedIn) {
  $('login-panel').hidden = signedIn;
  $('console').hidden = !signedIn;
  $('logout').hidden = !signedIn;
}

function logout() {
  sessionStorage.removeItem(KEY);
  show(false);
}

let timers = [];
function start() {
  show(true);
  loadReview(false);
  loadActivity();
  loadOutbox();
  timers.forEach(clearInterval);
  timers = [setInterval(loadOutbox, 5000), setInterval(loadActivity, 30000)];
}

document.addEventListener('DOMContentLoaded', () => {
  $('rec-date').value = new Date().toISOString().substring(0, 10);
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('key').value.trim());
    $('key').value = '';
    start();
  });
  $('logout').addEventListener('click', () => {
    timers.forEach(clearInterval);
    logout();
  });
  $('review-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    loadReview(false);
  });
  $('review-more').addEventListener('click', () => loadReview(true));
  $('activity-minutes').addEventListener('change', loadActivity);
  $('reconciliation-form').addEventListener('submit', (event) => {
    event.preventDefault();
    loadReconciliation();
  });
  if (sessionStorage.getItem(KEY)) start();
});
