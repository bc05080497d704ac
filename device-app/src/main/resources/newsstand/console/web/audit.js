// The audit log: every action, who, when, on what and with which result, newest first.
import { api, el } from './app.js';
import { t, when } from './i18n.js';

export async function show(root) {
  const body = el('tbody', { id: 'audit-lines' });
  const more = el('button', { type: 'button', id: 'audit-more', hidden: true }, t('audit.more'));
  root.append(el('h1', {}, t('audit.title')),
    el('table', { class: 'table', id: 'audit' },
      el('thead', {}, el('tr', {}, ['time', 'user', 'action', 'targets', 'detail', 'result'].map(k => el('th', {}, t('audit.' + k))))),
      body), more);
  let before = 0;
  async function load() {
    const { lines } = await api('GET', `/api/audit?limit=200${before ? '&before=' + before : ''}`);
    if (!lines.length && !before) body.append(el('tr', {}, el('td', { colspan: 6 }, t('audit.none'))));
    for (const l of lines) {
      body.append(el('tr', { class: l.result.startsWith('ok') || l.result.startsWith('done') ? '' : 'warn' },
        el('td', { class: 'nowrap' }, when(l.time)), el('td', {}, l.user), el('td', {}, l.action),
        el('td', {}, l.targets), el('td', {}, l.detail), el('td', {}, l.result)));
      before = l.id;
    }
    more.hidden = lines.length < 200;
  }
  more.addEventListener('click', load);
  await load();
}
