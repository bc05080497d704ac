// The console's shell: the login form, the header, the views by address (#/, #/kiosk/ID, #/issue, #/audit,
// #/users), the API's calls (with the session's CSRF token) and the live events every view may follow.
import { t, translate, language, setLanguage } from './i18n.js';

const views = {
  '': 'fleet', 'kiosk': 'kiosk', 'issue': 'issue', 'audit': 'audit', 'users': 'users',
};
let me = null;
let leave = null;
let source = null;
const listeners = new Map();

// An API call: JSON in and out; a refusal throws an Error with .status and the console's message.
export async function api(method, path, body, options = {}) {
  const headers = {};
  if (me) headers['X-CSRF-Token'] = me.csrf;
  let payload = body;
  if (body !== undefined && !(body instanceof Blob) && !(body instanceof FormData) && !(body instanceof ArrayBuffer)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (options.type) {
    headers['Content-Type'] = options.type;
  }
  const r = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (r.status === 401 && path !== '/api/login') {
    expired();
    throw Object.assign(new Error(t('login.expired')), { status: 401 });
  }
  const type = r.headers.get('Content-Type') || '';
  const data = type.startsWith('application/json') ? await r.json() : await r.blob();
  if (!r.ok) throw Object.assign(new Error(data.error || r.statusText), { status: r.status, data });
  return data;
}

// Follows a live event (server-sent); returns the function that stops following it.
export function on(event, fn) {
  if (!listeners.has(event)) {
    listeners.set(event, new Set());
    if (source) source.addEventListener(event, dispatch);
  }
  listeners.get(event).add(fn);
  return () => listeners.get(event)?.delete(fn);
}

function dispatch(e) {
  const data = JSON.parse(e.data);
  for (const fn of listeners.get(e.type) || []) fn(data);
}

export function toast(message, bad = false) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = bad ? 'bad show' : 'show';
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.className = ''; }, bad ? 8000 : 3000);
}

export function user() { return me; }

// An element: el('td', {class: 'x'}, 'text', child...).
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

function connect() {
  if (source) source.close();
  source = new EventSource('/api/live');
  const state = document.getElementById('live-state');
  source.onopen = () => { state.textContent = t('live.on'); state.className = 'live on'; };
  source.onerror = () => { state.textContent = t('live.off'); state.className = 'live off'; checkSession(); };
  for (const event of listeners.keys()) source.addEventListener(event, dispatch);
}

async function checkSession() {
  const r = await fetch('/api/me', { credentials: 'same-origin' });
  if (r.status === 401) expired();
}

function expired() {
  if (!me) return;
  me = null;
  if (source) { source.close(); source = null; }
  login(t('login.expired'));
}

function login(message) {
  document.getElementById('top').hidden = true;
  if (leave) { leave(); leave = null; }
  const view = document.getElementById('view');
  const error = el('p', { id: 'login-error', class: 'error' }, message || '');
  const form = el('form', { id: 'login', class: 'login' },
    el('h1', {}, t('login.title')),
    el('label', {}, t('login.name'), el('input', { name: 'name', id: 'login-name', autocomplete: 'username', required: true })),
    el('label', {}, t('login.password'), el('input', { name: 'password', id: 'login-password', type: 'password', autocomplete: 'current-password', required: true })),
    el('button', { type: 'submit', id: 'login-submit' }, t('login.submit')),
    error);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    error.textContent = '';
    form.querySelector('button').disabled = true;
    try {
      me = await api('POST', '/api/login', { name: form.name.value, password: form.password.value });
      start();
    } catch (err) {
      error.textContent = err.message;
    } finally {
      form.querySelector('button').disabled = false;
    }
  });
  view.replaceChildren(form);
}

function start() {
  document.getElementById('top').hidden = false;
  document.getElementById('who').textContent = `${me.name} (${t('role.' + me.role)}) · ${me.fleet}`;
  document.getElementById('nav-users').hidden = me.role !== 'admin';
  connect();
  route();
}

let routing = 0; // the latest navigation: an earlier one still loading its view gives way to it
async function route() {
  if (!me) return;
  const mine = ++routing;
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  const name = views[parts[0]] || 'fleet';
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('here', a.id === 'nav-' + (name === 'kiosk' ? 'fleet' : name));
  if (leave) { leave(); leave = null; }
  const root = document.getElementById('view');
  // Each navigation draws into a container of its own, so that a view still loading when the next one starts
  // draws into a container no longer shown.
  const view = document.createElement('div');
  root.replaceChildren(view);
  root.dataset.view = name;
  const module = await import(`./${name}.js`);
  if (mine !== routing) return;
  const cleanup = await module.show(view, parts.slice(1).map(decodeURIComponent)) || null;
  if (mine !== routing) { if (cleanup) cleanup(); return; }
  leave = cleanup;
}

document.getElementById('logout').addEventListener('click', async () => {
  try { await api('POST', '/api/logout'); } finally { me = null; if (source) source.close(); login(); }
});
document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'zh' ? 'en' : 'zh');
  document.getElementById('lang').textContent = t('lang.switch');
  translate();
  if (me) start(); else login();
});
window.addEventListener('hashchange', route);

setLanguage(language());
document.getElementById('lang').textContent = t('lang.switch');
translate();
fetch('/api/me', { credentials: 'same-origin' }).then(async r => {
  if (r.ok) { me = await r.json(); start(); } else login();
});
