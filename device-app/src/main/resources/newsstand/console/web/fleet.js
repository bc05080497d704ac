// The fleet (#/): counters, every kiosk as a row (filter, sort, select, live), and which issue each kiosk shows
// against today's issue of each publication. Rows are built once and updated in place, only those that changed:
// the page stays quick with a thousand kiosks.
import { api, on, el, toast } from './app.js';
import { t, add, ago, when } from './i18n.js';
import { commandPanel } from './commands.js';

add({
  en: {
    'fleet.title': 'Fleet', 'fleet.total': 'kiosks', 'fleet.online': 'online', 'fleet.silent': 'silent', 'fleet.offline': 'offline',
    'fleet.failing': 'failing panels', 'fleet.behind': 'not on today\'s issue', 'fleet.today': 'Today\'s issue', 'fleet.today.none': 'no issue on the broker',
    'fleet.filter': 'Filter: device, issue, version, model, error…', 'fleet.chip.all': 'all', 'fleet.chip.online': 'online', 'fleet.chip.silent': 'silent',
    'fleet.chip.offline': 'offline', 'fleet.chip.failing': 'failing', 'fleet.chip.behind': 'behind',
    'fleet.tab.kiosks': 'Kiosks', 'fleet.tab.shows': 'Which issue each kiosk shows',
    'fleet.col.device': 'Kiosk', 'fleet.col.state': 'State', 'fleet.col.screen': 'Screen', 'fleet.col.publication': 'Publication',
    'fleet.col.issue': 'Issue', 'fleet.col.page': 'Page', 'fleet.col.sync': 'Syncing', 'fleet.col.version': 'Version', 'fleet.col.uptime': 'Up',
    'fleet.col.memory': 'Heap/RSS', 'fleet.col.temperature': 'Temp.', 'fleet.col.model': 'Panel', 'fleet.col.storage': 'Free storage',
    'fleet.col.error': 'Last error', 'fleet.col.heard': 'Last heard',
    'fleet.state.online': 'online', 'fleet.state.silent': 'silent', 'fleet.state.offline': 'offline',
    'fleet.since': 'since {when}', 'fleet.failing.flag': 'failing', 'fleet.unreadable': 'unreadable status',
    'fleet.select.all': 'Select all shown', 'fleet.selected': '{n} selected', 'fleet.commands': 'Commands to the selected kiosks…',
    'fleet.commands.title': 'Commands to {n} kiosks', 'fleet.close': 'Close', 'fleet.none': 'No kiosk has reported to this fleet yet.',
    'fleet.shown': '{shown} of {total} shown', 'fleet.lost': 'The console lost the broker: reconnecting. Rows may be out of date.',
    'shows.today': 'today: {issue}', 'shows.behind': 'behind', 'shows.current': 'today\'s', 'shows.none': '—', 'shows.nothing': 'nothing shown',
    'screen.waiting': 'waiting', 'screen.home': 'home', 'screen.page': 'page', 'screen.index': 'index', 'screen.closed': 'closed', 'screen.fault': 'fault', 'screen.notice': 'urgent notice',
    'unit.d': '{n} d', 'unit.h': '{n} h', 'unit.min': '{n} min',
  },
  zh: {
    'fleet.title': '报亭', 'fleet.total': '报亭总数', 'fleet.online': '在线', 'fleet.silent': '失联', 'fleet.offline': '离线',
    'fleet.failing': '屏幕故障', 'fleet.behind': '未显示今日报纸', 'fleet.today': '今日报纸', 'fleet.today.none': '代理服务器上没有报纸',
    'fleet.filter': '筛选：设备、期号、版本、型号、错误…', 'fleet.chip.all': '全部', 'fleet.chip.online': '在线', 'fleet.chip.silent': '失联',
    'fleet.chip.offline': '离线', 'fleet.chip.failing': '屏幕故障', 'fleet.chip.behind': '落后',
    'fleet.tab.kiosks': '报亭列表', 'fleet.tab.shows': '各报亭显示的期号',
    'fleet.col.device': '报亭', 'fleet.col.state': '状态', 'fleet.col.screen': '画面', 'fleet.col.publication': '报纸',
    'fleet.col.issue': '期号', 'fleet.col.page': '版面', 'fleet.col.sync': '同步', 'fleet.col.version': '版本', 'fleet.col.uptime': '运行',
    'fleet.col.memory': '堆/常驻内存', 'fleet.col.temperature': '温度', 'fleet.col.model': '屏幕', 'fleet.col.storage': '剩余存储',
    'fleet.col.error': '最近错误', 'fleet.col.heard': '最近消息',
    'fleet.state.online': '在线', 'fleet.state.silent': '失联', 'fleet.state.offline': '离线',
    'fleet.since': '{when}起', 'fleet.failing.flag': '故障', 'fleet.unreadable': '状态无法读取',
    'fleet.select.all': '全选显示的报亭', 'fleet.selected': '已选 {n} 台', 'fleet.commands': '向所选报亭发送指令…',
    'fleet.commands.title': '向 {n} 台报亭发送指令', 'fleet.close': '关闭', 'fleet.none': '此报亭组尚无报亭上报状态。',
    'fleet.shown': '显示 {shown} / 共 {total} 台', 'fleet.lost': '控制台与代理服务器断开，正在重新连接，数据可能不是最新。',
    'shows.today': '今日：{issue}', 'shows.behind': '落后', 'shows.current': '今日', 'shows.none': '—', 'shows.nothing': '未显示',
    'screen.waiting': '等待', 'screen.home': '首页', 'screen.page': '版面', 'screen.index': '目录', 'screen.closed': '休息', 'screen.fault': '故障', 'screen.notice': '紧急通知',
    'unit.d': '{n} 天', 'unit.h': '{n} 小时', 'unit.min': '{n} 分钟',
  },
});

const STATES = ['all', 'online', 'silent', 'offline', 'failing', 'behind'];
const COLUMNS = [
  ['device', 'device'], ['state', 'state'], ['screen', 'screen'], ['publication', 'publication'], ['issue', 'issue'], ['page', null],
  ['sync', null], ['version', 'version'], ['uptime', 'uptime'], ['memory', 'memory'], ['temperature', 'temperature'], ['model', 'model'],
  ['storage', 'storage'], ['error', 'error'], ['heard', 'heard'],
];

function uptime(s) {
  if (s == null) return '';
  if (s >= 86400) return t('unit.d', { n: Math.floor(s / 86400) });
  if (s >= 3600) return t('unit.h', { n: Math.floor(s / 3600) });
  return t('unit.min', { n: Math.floor(s / 60) });
}

function megabytes(mb) {
  if (mb == null) return '';
  return mb >= 10240 ? `${(mb / 1024).toFixed(0)} GB` : mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}

// The value each sortable column sorts by (numbers as numbers; missing last).
function sortKey(r, column) {
  switch (column) {
    case 'uptime': return r.uptimeS;
    case 'memory': return r.heapMb;
    case 'temperature': return r.tempC;
    case 'storage': return r.freeMb;
    case 'error': return r.lastError;
    case 'heard': return r.heard ? Date.parse(r.heard) : null;
    case 'state': return r.state;
    default: return r[column];
  }
}

// One collator for every comparison: localeCompare with options builds one per call, seconds for a thousand rows.
const collator = new Intl.Collator(undefined, { numeric: true });

function compare(a, b) {
  if (a == null || a === '') return b == null || b === '' ? 0 : 1;
  if (b == null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export async function show(root) {
  // Asked for first: the rows are on their way while the page is built.
  let first = api('GET', '/api/fleet');
  const rows = new Map(); // device -> { data, tr, cells, box }
  const selected = new Set();
  let counters = null;
  let filter = { state: 'all', text: '' };
  let sort = { column: 'device', descending: false };
  let resortDue = false;

  const numbers = {};
  const counterBox = el('div', { class: 'fleet-counters', id: 'fleet-counters' },
    ...['total', 'online', 'silent', 'offline', 'failing', 'behind'].map(k => {
      numbers[k] = el('strong', { id: 'count-' + k }, '0');
      return el('div', { class: 'counter counter-' + k }, numbers[k], el('span', {}, t('fleet.' + k)));
    }));
  const todayBox = el('div', { class: 'fleet-today', id: 'fleet-today' });
  const lostBox = el('p', { class: 'fleet-lost', id: 'fleet-lost', hidden: true }, t('fleet.lost'));

  const search = el('input', { type: 'search', id: 'fleet-filter', placeholder: t('fleet.filter'), 'aria-label': t('fleet.filter') });
  const chips = el('div', { class: 'chips', role: 'group' }, ...STATES.map(s =>
    el('button', { type: 'button', class: 'chip' + (s === 'all' ? ' on' : ''), dataset: { state: s }, id: 'chip-' + s }, t('fleet.chip.' + s))));
  const shownCount = el('span', { class: 'muted', id: 'fleet-shown' });
  const selectedCount = el('span', { id: 'fleet-selected' }, t('fleet.selected', { n: 0 }));
  const commandsButton = el('button', { type: 'button', id: 'fleet-commands', disabled: true }, t('fleet.commands'));
  const allBox = el('input', { type: 'checkbox', id: 'fleet-select-all', title: t('fleet.select.all'), 'aria-label': t('fleet.select.all') });

  const head = el('tr', { role: 'row' }, el('th', { class: 'pick', role: 'columnheader' }, allBox), ...COLUMNS.map(([name, key]) =>
    el('th', { dataset: key ? { sort: key } : {}, class: key ? 'sortable' : null, id: 'col-' + name, role: 'columnheader' }, t('fleet.col.' + name))));
  const body = el('tbody', { role: 'rowgroup' });
  const table = el('table', { class: 'table fleet', id: 'fleet-table', role: 'table' }, el('thead', { role: 'rowgroup' }, head), body);
  const empty = el('p', { class: 'muted', id: 'fleet-empty', hidden: true }, t('fleet.none'));

  const showsHead = el('thead');
  const showsBody = el('tbody');
  const showsTable = el('table', { class: 'table shows', id: 'shows-table' }, showsHead, showsBody);
  const tabKiosks = el('button', { type: 'button', class: 'tab on', id: 'tab-kiosks' }, t('fleet.tab.kiosks'));
  const tabShows = el('button', { type: 'button', class: 'tab', id: 'tab-shows' }, t('fleet.tab.shows'));
  const kioskSection = el('section', { id: 'fleet-kiosks' },
    el('div', { class: 'fleet-tools' }, search, chips, shownCount, el('span', { class: 'spacer' }), selectedCount, commandsButton),
    table, empty);
  const showsSection = el('section', { id: 'fleet-shows', hidden: true }, showsTable);
  const dialog = el('dialog', { id: 'command-dialog', class: 'command-dialog' });

  root.append(el('h1', {}, t('fleet.title')), counterBox, todayBox, lostBox,
    el('div', { class: 'tabs', role: 'tablist' }, tabKiosks, tabShows), kioskSection, showsSection, dialog);

  // --- rows ---

  // One row made by hand, cloned for each kiosk: a clone costs a fraction of twenty createElement calls.
  const template = el('tr', { role: 'row' }, el('td', { class: 'pick', role: 'cell' }, el('input', { type: 'checkbox', class: 'pick' })),
    el('td', { class: 'device', role: 'cell' }, el('a')),
    ...COLUMNS.slice(1).map(([name]) => el('td', { class: 'c-' + name, role: 'cell' })));
  template.querySelector('.c-state').append(el('span', { class: 'state-word' }), el('small', { class: 'since' }));
  template.querySelector('.c-model').append(el('span'), ' ', el('span', { class: 'flag', hidden: true }, t('fleet.failing.flag')));

  function build(data) {
    const tr = template.cloneNode(true);
    tr.dataset.device = data.device;
    const tds = tr.children;
    const box = tds[0].firstChild;
    box.setAttribute('aria-label', data.device);
    box.checked = selected.has(data.device);
    const link = tds[1].firstChild;
    link.href = '#/kiosk/' + encodeURIComponent(data.device);
    link.textContent = data.device;
    const cells = {};
    COLUMNS.slice(1).forEach(([name], i) => { cells[name] = tds[i + 2]; });
    cells.stateWord = cells.state.firstChild;
    cells.since = cells.state.lastChild;
    cells.modelName = cells.model.firstChild;
    cells.failing = cells.model.lastChild;
    const entry = { data, tr, cells, box, text: {} };
    fill(entry, data);
    return entry;
  }

  body.addEventListener('change', e => {
    const box = e.target.closest('input.pick');
    const entry = box && rows.get(box.closest('tr').dataset.device);
    if (!entry) return;
    if (box.checked) selected.add(entry.data.device); else selected.delete(entry.data.device);
    selectionChanged();
  });

  // Sets a cell's text only when it changed (the DOM is left alone otherwise).
  function set(entry, key, node, text) {
    if (entry.text[key] === text) return;
    entry.text[key] = text;
    node.textContent = text;
  }

  function fill(entry, r) {
    const c = entry.cells;
    entry.data = r;
    const stateClass = 'state-' + r.state + (r.failing ? ' failing' : '') + (r.behind?.length ? ' behind' : '');
    if (entry.tr.className !== stateClass) entry.tr.className = stateClass;
    set(entry, 'state', c.stateWord, r.unreadable ? t('fleet.unreadable') : t('fleet.state.' + r.state));
    set(entry, 'since', c.since, r.since ? ' ' + t('fleet.since', { when: ago(r.since) }) : '');
    set(entry, 'screen', c.screen, r.screen ? t('screen.' + r.screen) : '');
    set(entry, 'publication', c.publication, r.title || r.publication || '');
    // On the home screen no page is open: the issues its titles show stand in.
    set(entry, 'issue', c.issue, r.issue || (r.titles || []).map(x => x.issue).filter(Boolean).join(', '));
    set(entry, 'page', c.page, r.page ? (r.pages ? `${r.page}/${r.pages}` : String(r.page)) : '');
    set(entry, 'sync', c.sync, r.syncing ? `${r.syncing.issue || ''} ${r.syncing.percent ?? 0}%` : '');
    set(entry, 'version', c.version, r.version || '');
    set(entry, 'uptime', c.uptime, uptime(r.uptimeS));
    set(entry, 'memory', c.memory, r.heapMb != null || r.rssMb != null ? `${r.heapMb != null ? Math.round(r.heapMb) : '?'}/${r.rssMb != null ? Math.round(r.rssMb) : '?'} MB` : '');
    set(entry, 'temperature', c.temperature, r.tempC != null ? `${Math.round(r.tempC)} °C` : '');
    set(entry, 'model', c.modelName, r.model || '');
    if (c.failing.hidden === !!r.failing) c.failing.hidden = !r.failing;
    set(entry, 'storage', c.storage, megabytes(r.freeMb));
    set(entry, 'error', c.error, r.lastError || '');
    if (c.error.title !== (r.lastError || '')) c.error.title = r.lastError || '';
    set(entry, 'heard', c.heard, ago(r.heard));
    const hide = !matches(r);
    if (entry.tr.hidden !== hide) entry.tr.hidden = hide;
  }

  function matches(r) {
    switch (filter.state) {
      case 'all': break;
      case 'failing': if (!r.failing) return false; break;
      case 'behind': if (!r.behind?.length) return false; break;
      default: if (r.state !== filter.state) return false;
    }
    if (!filter.text) return true;
    for (const f of [r.device, r.screen, r.publication, r.title, r.issue, r.version, r.model, r.lastError]) {
      if (f && String(f).toLowerCase().includes(filter.text)) return true;
    }
    return false;
  }

  function refilter() {
    for (const entry of rows.values()) {
      const hide = !matches(entry.data);
      if (entry.tr.hidden !== hide) entry.tr.hidden = hide;
    }
    counted();
  }

  function counted() {
    let shown = 0;
    for (const entry of rows.values()) if (!entry.tr.hidden) shown++;
    shownCount.textContent = t('fleet.shown', { shown, total: rows.size });
    empty.hidden = rows.size > 0;
    let all = shown > 0;
    for (const entry of rows.values()) if (!entry.tr.hidden && !selected.has(entry.data.device)) { all = false; break; }
    allBox.checked = all;
  }

  function resort() {
    resortDue = false;
    for (const th of head.querySelectorAll('th[data-sort]')) {
      th.classList.toggle('asc', th.dataset.sort === sort.column && !sort.descending);
      th.classList.toggle('desc', th.dataset.sort === sort.column && sort.descending);
    }
    const k = sort.column;
    const sign = sort.descending ? -1 : 1;
    // Keys taken once per row, not once per comparison.
    const keyed = [...rows.values()].map(e => [sortKey(e.data, k), e]);
    keyed.sort((a, b) => {
      const missing = (a[0] == null || a[0] === '') - (b[0] == null || b[0] === '');
      return missing || sign * compare(a[0], b[0]) || collator.compare(a[1].data.device, b[1].data.device);
    });
    let inOrder = true;
    let node = body.firstElementChild;
    for (const [, e] of keyed) {
      if (node !== e.tr) { inOrder = false; break; }
      node = node.nextElementSibling;
    }
    if (inOrder) return;
    const fragment = document.createDocumentFragment();
    for (const [, e] of keyed) fragment.append(e.tr);
    body.append(fragment);
  }

  // Rows from the API or a live event; a row older than the one shown (rev) is ignored.
  function take(list, removed = []) {
    let added = false;
    const fresh = document.createDocumentFragment();
    for (const r of list) {
      const entry = rows.get(r.device);
      if (entry) {
        if (entry.data.rev >= r.rev) continue;
        const before = sortKey(entry.data, sort.column);
        fill(entry, r);
        if (compare(before, sortKey(r, sort.column)) !== 0) resortDue = true;
        if (shows.built) showsRow(r);
      } else {
        const e = build(r);
        rows.set(r.device, e);
        fresh.append(e.tr);
        added = true;
        if (shows.built) showsRow(r);
      }
    }
    body.append(fresh);
    for (const device of removed) {
      const entry = rows.get(device);
      if (!entry) continue;
      entry.tr.remove();
      rows.delete(device);
      selected.delete(device);
      shows.rows.get(device)?.tr.remove();
      shows.rows.delete(device);
    }
    if (added || resortDue) resort();
    counted();
  }

  function showCounters(c) {
    counters = c;
    for (const k of Object.keys(numbers)) numbers[k].textContent = String(c[k] ?? 0);
    for (const k of ['silent', 'offline', 'failing', 'behind']) numbers[k].parentElement.classList.toggle('alert', (c[k] || 0) > 0);
    todayBox.replaceChildren(el('span', { class: 'label' }, t('fleet.today') + ': '),
      ...(c.today.length ? c.today.map(d => el('span', { class: 'today-issue', dataset: { publication: d.publication } },
        `${d.publication} · ${d.issue}` + (d.date ? ` (${d.date})` : ''))) : [el('span', { class: 'muted' }, t('fleet.today.none'))]));
    lostBox.hidden = c.following !== false;
    if (shows.built && shows.publications !== publications().join('\n')) buildShows();
    else if (shows.built) for (const entry of rows.values()) showsRow(entry.data);
  }

  // --- selection and commands ---

  function selectionChanged() {
    selectedCount.textContent = t('fleet.selected', { n: selected.size });
    commandsButton.disabled = selected.size === 0;
    counted();
  }

  allBox.addEventListener('change', () => {
    for (const entry of rows.values()) {
      if (entry.tr.hidden) continue;
      entry.box.checked = allBox.checked;
      if (allBox.checked) selected.add(entry.data.device); else selected.delete(entry.data.device);
    }
    selectionChanged();
  });

  commandsButton.addEventListener('click', () => {
    const targets = [...selected].sort();
    let panel;
    try {
      panel = commandPanel(targets);
    } catch (err) {
      toast(err.message, true);
      return;
    }
    dialog.replaceChildren(
      el('div', { class: 'dialog-head' }, el('h2', {}, t('fleet.commands.title', { n: targets.length })),
        el('button', { type: 'button', class: 'link', id: 'command-dialog-close', onclick: () => dialog.close() }, t('fleet.close'))),
      panel);
    dialog.showModal();
  });

  // The exact time under "5 min ago", written when the pointer comes (a date format per row would slow the first draw).
  body.addEventListener('mouseover', e => {
    const td = e.target.closest('td.c-state, td.c-heard');
    const entry = td && rows.get(td.parentElement.dataset.device);
    if (!entry) return;
    td.title = when(td.classList.contains('c-heard') ? entry.data.heard : entry.data.since);
  });

  // --- filter and sort ---

  search.addEventListener('input', () => {
    filter.text = search.value.trim().toLowerCase();
    refilter();
  });
  chips.addEventListener('click', e => {
    const chip = e.target.closest('button[data-state]');
    if (!chip) return;
    filter.state = chip.dataset.state;
    for (const c of chips.children) c.classList.toggle('on', c === chip);
    refilter();
  });
  head.addEventListener('click', e => {
    const th = e.target.closest('th[data-sort]');
    if (!th) return;
    sort = { column: th.dataset.sort, descending: sort.column === th.dataset.sort ? !sort.descending : false };
    resort();
  });

  // --- which issue each kiosk shows ---

  const shows = { built: false, rows: new Map(), publications: '' };

  function publications() {
    const all = new Set((counters?.today || []).map(d => d.publication));
    for (const entry of rows.values()) for (const title of entry.data.titles || []) all.add(title.publication);
    return [...all].sort();
  }

  function buildShows() {
    const pubs = publications();
    shows.publications = pubs.join('\n');
    const today = new Map((counters?.today || []).map(d => [d.publication, d.issue]));
    showsHead.replaceChildren(el('tr', {}, el('th', {}, t('fleet.col.device')), el('th', {}, t('fleet.col.state')),
      ...pubs.map(p => el('th', { dataset: { publication: p } }, p, el('br'),
        el('small', {}, today.has(p) ? t('shows.today', { issue: today.get(p) }) : t('fleet.today.none'))))));
    shows.rows.clear();
    const fragment = document.createDocumentFragment();
    const sorted = [...rows.values()].sort((a, b) => collator.compare(a.data.device, b.data.device));
    for (const entry of sorted) {
      const cells = pubs.map(p => el('td', { dataset: { publication: p } }));
      const state = el('td');
      const tr = el('tr', { dataset: { device: entry.data.device } },
        el('td', {}, el('a', { href: '#/kiosk/' + encodeURIComponent(entry.data.device) }, entry.data.device)), state, ...cells);
      shows.rows.set(entry.data.device, { tr, state, cells: new Map(pubs.map((p, i) => [p, cells[i]])), text: {} });
      fragment.append(tr);
    }
    showsBody.replaceChildren(fragment);
    shows.built = true;
    for (const entry of rows.values()) showsRow(entry.data);
  }

  function showsRow(r) {
    let row = shows.rows.get(r.device);
    if (!row) { buildShows(); return; }
    const today = new Map((counters?.today || []).map(d => [d.publication, d.issue]));
    const showing = new Map((r.titles || []).map(x => [x.publication, x.issue]));
    for (const p of (r.titles || []).map(x => x.publication)) if (!row.cells.has(p)) { buildShows(); return; }
    const word = t('fleet.state.' + r.state);
    if (row.text.state !== word) { row.text.state = word; row.state.textContent = word; }
    row.tr.className = 'state-' + r.state;
    for (const [p, td] of row.cells) {
      const issue = showing.get(p);
      const current = today.get(p);
      let text, cls;
      if (!showing.has(p)) { text = t('shows.none'); cls = 'none'; }
      else if (!issue) { text = t('shows.nothing'); cls = current ? 'behind' : 'none'; }
      else if (current && issue !== current) { text = `${issue} (${t('shows.behind')})`; cls = 'behind'; }
      else { text = issue; cls = current ? 'current' : ''; }
      if (row.text[p] !== text) { row.text[p] = text; td.textContent = text; }
      if (td.className !== cls) td.className = cls;
    }
  }

  function tab(which) {
    tabKiosks.classList.toggle('on', which === 'kiosks');
    tabShows.classList.toggle('on', which === 'shows');
    kioskSection.hidden = which !== 'kiosks';
    showsSection.hidden = which !== 'shows';
    if (which === 'shows') buildShows();
  }
  tabKiosks.addEventListener('click', () => tab('kiosks'));
  tabShows.addEventListener('click', () => tab('shows'));

  // --- loading and following ---

  async function load() {
    const data = await (first || api('GET', '/api/fleet'));
    first = null;
    const present = new Set(data.kiosks.map(r => r.device));
    take(data.kiosks, [...rows.keys()].filter(d => !present.has(d)));
    showCounters(data.counters);
  }

  const stops = [
    on('kiosks', e => take(e.rows, e.removed)),
    on('counters', showCounters),
  ];
  // The live stream reconnected (the console restarted, or the network came back): what was missed is read again.
  const liveState = document.getElementById('live-state');
  let wasOn = liveState?.classList.contains('on');
  const observer = new MutationObserver(() => {
    const isOn = liveState.classList.contains('on');
    if (isOn && !wasOn) load().catch(err => toast(err.message, true));
    wasOn = isOn;
  });
  if (liveState) observer.observe(liveState, { attributes: true, attributeFilter: ['class'] });
  // "5 min ago" grows old: the times are written again every 15 s (only those whose words changed).
  const clock = setInterval(() => {
    for (const entry of rows.values()) {
      const r = entry.data;
      set(entry, 'heard', entry.cells.heard, ago(r.heard));
      set(entry, 'since', entry.cells.since, r.since ? ' ' + t('fleet.since', { when: ago(r.since) }) : '');
    }
  }, 15000);

  await load();
  return () => {
    stops.forEach(stop => stop());
    observer.disconnect();
    clearInterval(clock);
    if (dialog.open) dialog.close();
  };
}
