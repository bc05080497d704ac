// The console's users (admins only): each user's role; add a user, change a role or a password, remove a user.
import { api, el, toast, user } from './app.js';
import { t, when } from './i18n.js';

export async function show(root) {
  const body = el('tbody', { id: 'user-rows' });
  const form = el('form', { id: 'user-form', class: 'inline' },
    el('input', { name: 'name', placeholder: t('users.name'), required: true }),
    el('select', { name: 'role' }, ['viewer', 'editor', 'admin'].map(r => el('option', { value: r }, t('role.' + r)))),
    el('input', { name: 'password', type: 'password', placeholder: t('users.password'), autocomplete: 'new-password', required: true }),
    el('button', { type: 'submit' }, t('users.add')));
  root.append(el('h1', {}, t('users.title')), el('table', { class: 'table', id: 'users' },
    el('thead', {}, el('tr', {}, el('th', {}, t('users.name')), el('th', {}, t('users.role')), el('th', {}, t('users.created')), el('th'))),
    body), form);
  function fill({ users }) {
    body.replaceChildren(...users.map(u => el('tr', { dataset: { user: u.name } },
      el('td', {}, u.name), el('td', {}, t('role.' + u.role)), el('td', {}, when(u.created)),
      el('td', {}, u.name === user().name ? '' : el('button', {
        type: 'button', class: 'link', onclick: async () => {
          if (!confirm(t('users.confirm', { name: u.name }))) return;
          try { fill(await api('DELETE', '/api/users/' + encodeURIComponent(u.name))); } catch (e) { toast(e.message, true); }
        },
      }, t('users.remove'))))));
  }
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      fill(await api('POST', '/api/users', { name: form.name.value, role: form.role.value, password: form.password.value }));
      form.reset();
      toast(t('done'));
    } catch (err) { toast(err.message, true); }
  });
  fill(await api('GET', '/api/users'));
}
