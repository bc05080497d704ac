// The page's words in Simplified Chinese and English. The browser's language chooses; the switch in the header
// overrides it (kept in localStorage). Each view adds its own words with add(). Dates are shown in the operator's
// time zone (the browser's).
const words = { en: {}, zh: {} };
let current = localStorage.getItem('newsstand.lang')
  || ((navigator.languages || [navigator.language || 'en']).some(l => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en');

export function add(dict) {
  for (const lang of Object.keys(words)) Object.assign(words[lang], dict[lang] || {});
}

export function language() { return current; }

export function setLanguage(lang) {
  current = lang;
  localStorage.setItem('newsstand.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
}

// The words for key, with {name} replaced from vars; the key itself when no language has it.
export function t(key, vars = {}) {
  const text = words[current][key] ?? words.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

// Fills every element with data-t="key" under root.
export function translate(root = document) {
  for (const el of root.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of root.querySelectorAll('[data-t-placeholder]')) el.placeholder = t(el.dataset.tPlaceholder);
}

// A time as the operator reads it: date and time in the browser's time zone; '' for none.
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d)) return String(iso);
  return new Intl.DateTimeFormat(current === 'zh' ? 'zh-CN' : 'en-GB',
    { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
}

// How long ago, in words: "12 s", "5 min", "3 h", "2 d".
export function ago(iso, now = Date.now()) {
  if (!iso) return '';
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 90) return t('ago.s', { n: s });
  if (s < 5400) return t('ago.min', { n: Math.round(s / 60) });
  if (s < 172800) return t('ago.h', { n: Math.round(s / 3600) });
  return t('ago.d', { n: Math.round(s / 86400) });
}

add({
  en: {
    'brand': 'Newsstand', 'nav.fleet': 'Fleet', 'nav.issue': "Today's issue", 'nav.audit': 'Audit log', 'nav.users': 'Users',
    'logout': 'Log out', 'lang.switch': '中文', 'login.title': 'Newsstand console', 'login.name': 'Name', 'login.password': 'Password',
    'login.submit': 'Log in', 'login.expired': 'Your session ended: log in again.', 'live.on': 'live', 'live.off': 'reconnecting…',
    'ago.s': '{n} s ago', 'ago.min': '{n} min ago', 'ago.h': '{n} h ago', 'ago.d': '{n} days ago',
    'audit.title': 'Audit log', 'audit.time': 'Time', 'audit.user': 'User', 'audit.action': 'Action', 'audit.targets': 'Targets',
    'audit.detail': 'Details', 'audit.result': 'Result', 'audit.more': 'Older entries', 'audit.none': 'Nothing has been done yet.',
    'users.title': 'Users', 'users.name': 'Name', 'users.role': 'Role', 'users.created': 'Added', 'users.password': 'Password (10 characters or more)',
    'users.add': 'Add or change user', 'users.remove': 'Remove', 'users.confirm': 'Remove user {name}?',
    'role.viewer': 'viewer', 'role.editor': 'editor', 'role.admin': 'admin', 'error': 'Error', 'done': 'Done',
    'forbidden': 'Your role does not allow this.',
  },
  zh: {
    'brand': '电子报亭', 'nav.fleet': '报亭', 'nav.issue': '今日报纸', 'nav.audit': '操作记录', 'nav.users': '用户',
    'logout': '退出', 'lang.switch': 'English', 'login.title': '电子报亭控制台', 'login.name': '用户名', 'login.password': '密码',
    'login.submit': '登录', 'login.expired': '会话已结束，请重新登录。', 'live.on': '实时', 'live.off': '正在重新连接…',
    'ago.s': '{n} 秒前', 'ago.min': '{n} 分钟前', 'ago.h': '{n} 小时前', 'ago.d': '{n} 天前',
    'audit.title': '操作记录', 'audit.time': '时间', 'audit.user': '用户', 'audit.action': '操作', 'audit.targets': '对象',
    'audit.detail': '详情', 'audit.result': '结果', 'audit.more': '更早的记录', 'audit.none': '尚无操作。',
    'users.title': '用户', 'users.name': '用户名', 'users.role': '角色', 'users.created': '添加时间', 'users.password': '密码（至少 10 个字符）',
    'users.add': '添加或修改用户', 'users.remove': '删除', 'users.confirm': '删除用户 {name}？',
    'role.viewer': '查看者', 'role.editor': '编辑', 'role.admin': '管理员', 'error': '错误', 'done': '完成',
    'forbidden': '您的角色无权执行此操作。',
  },
});
