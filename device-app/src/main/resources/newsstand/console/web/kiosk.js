// One kiosk (#/kiosk/ID): what its panel shows and how it is, its latest screenshot beside the page this console
// renders for it (a ghosted or failing panel is seen at once), its recent events as they come, and the commands.
import { api, el, on, toast, user } from './app.js';
import { add, ago, language, t, when } from './i18n.js';
import { commandPanel } from './commands.js';

add({
  en: {
    'kiosk.title': 'Kiosk {id}', 'kiosk.back': '← Fleet', 'kiosk.online': 'online', 'kiosk.offline': 'offline', 'kiosk.unknown': 'no status',
    'kiosk.none': 'No kiosk {id} in this fleet.', 'kiosk.state': 'State', 'kiosk.shows': 'Shows', 'kiosk.sync': 'Sync',
    'kiosk.version': 'Version', 'kiosk.uptime': 'Up for', 'kiosk.memory': 'Memory', 'kiosk.temperature': 'Temperature',
    'kiosk.panel': 'Panel', 'kiosk.storage': 'Free storage', 'kiosk.lastError': 'Last error', 'kiosk.heard': 'Last heard',
    'kiosk.banner': 'Banner', 'kiosk.synced': 'up to date', 'kiosk.syncing': 'downloading {issue}: {percent}% ({chunks} of {of} chunks)',
    'kiosk.memoryText': 'heap {heap} MB, resident {rss} MB', 'kiosk.anonText': ' (anonymous {anon} MB)', 'kiosk.noTemp': 'no sensor', 'kiosk.none.error': 'none',
    'kiosk.panelText': '{model}: {refreshes} refreshes ({full} full), {failures} failures, last {ms} ms',
    'kiosk.panelFailing': 'FAILING: {why}', 'kiosk.pageOf': 'page {page} of {pages}',
    'screen.waiting': 'waiting for its first issue', 'screen.home': 'front (titles)', 'screen.page': 'a page', 'screen.index': 'the index',
    'screen.closed': 'closed (outside opening hours)', 'screen.fault': 'fault', 'screen.notice': 'an urgent notice (whole screen)',
    'kiosk.notices': 'Notices', 'kiosk.noNotices': 'none', 'kiosk.noticeUntil': 'until {until}', 'kiosk.takeDown': 'Take down',
    'kiosk.takenDown': 'Notice {id}: taking it down (command {cmd})', 'banner.offline': 'offline', 'banner.stale': 'issue out of date',
    'kiosk.screens': 'The panel and the page it should show', 'kiosk.shot': 'Screenshot of the panel', 'kiosk.expected': 'Rendered by this console',
    'kiosk.fresh': 'Fresh screenshot', 'kiosk.taking': 'Taking a screenshot…', 'kiosk.noShot': 'No screenshot yet.',
    'kiosk.shotBy': '{time}, asked by {user}: {message}', 'kiosk.notUploaded': 'Not rendered here: the issue was not uploaded to this console.',
    'kiosk.noPage': 'The panel showed no page of an issue then.', 'kiosk.expectedOf': '{issue}, page {page}, {model}',
    'kiosk.shotFailed': 'The screenshot failed: {why}', 'kiosk.events': 'Recent events', 'kiosk.noEvents': 'No events since the console started.',
    'ev.time': 'Time', 'ev.event': 'Event', 'ev.issue': 'Issue', 'ev.detail': 'Details',
    'ev.downloading': 'downloading', 'ev.verified': 'verified', 'ev.embargoed': 'embargoed', 'ev.activated': 'activated', 'ev.withdrawn': 'withdrawn',
    'ev.rejected': 'rejected', 'ev.high-water': 'sequence reset', 'ev.problem': 'problem', 'ev.imported': 'imported', 'ev.import-embargoed': 'imported, embargoed',
    'ev.import-already-stored': 'import: already stored', 'ev.import-refused': 'import refused', 'ev.command': 'command',
  },
  zh: {
    'kiosk.title': '报亭 {id}', 'kiosk.back': '← 全部报亭', 'kiosk.online': '在线', 'kiosk.offline': '离线', 'kiosk.unknown': '无状态',
    'kiosk.none': '本网络中没有报亭 {id}。', 'kiosk.state': '状态', 'kiosk.shows': '正在显示', 'kiosk.sync': '同步',
    'kiosk.version': '版本', 'kiosk.uptime': '已运行', 'kiosk.memory': '内存', 'kiosk.temperature': '温度',
    'kiosk.panel': '屏幕', 'kiosk.storage': '剩余存储', 'kiosk.lastError': '最近错误', 'kiosk.heard': '最近联系',
    'kiosk.banner': '提示条', 'kiosk.synced': '已是最新', 'kiosk.syncing': '正在下载 {issue}：{percent}%（{chunks}/{of} 块）',
    'kiosk.memoryText': '堆 {heap} MB，常驻 {rss} MB', 'kiosk.anonText': '（匿名 {anon} MB）', 'kiosk.noTemp': '无传感器', 'kiosk.none.error': '无',
    'kiosk.panelText': '{model}：刷新 {refreshes} 次（全刷 {full} 次），失败 {failures} 次，最近一次 {ms} 毫秒',
    'kiosk.panelFailing': '故障：{why}', 'kiosk.pageOf': '第 {page} 版，共 {pages} 版',
    'screen.waiting': '等待第一期报纸', 'screen.home': '首页（报名列表）', 'screen.page': '版面', 'screen.index': '目录',
    'screen.closed': '休息（营业时间外）', 'screen.fault': '故障', 'screen.notice': '紧急通知（整屏）',
    'kiosk.notices': '站内通知', 'kiosk.noNotices': '无', 'kiosk.noticeUntil': '至 {until}', 'kiosk.takeDown': '撤下',
    'kiosk.takenDown': '通知 {id}：正在撤下（命令 {cmd}）', 'banner.offline': '离线', 'banner.stale': '报纸已过期',
    'kiosk.screens': '屏幕实况与应显示的版面', 'kiosk.shot': '屏幕截图', 'kiosk.expected': '本控制台渲染的版面',
    'kiosk.fresh': '重新截图', 'kiosk.taking': '正在截图…', 'kiosk.noShot': '尚无截图。',
    'kiosk.shotBy': '{time}，由 {user} 请求：{message}', 'kiosk.notUploaded': '此处无法渲染：该期报纸没有上传到本控制台。',
    'kiosk.noPage': '截图时屏幕上不是报纸版面。', 'kiosk.expectedOf': '{issue}，第 {page} 版，{model}',
    'kiosk.shotFailed': '截图失败：{why}', 'kiosk.events': '最近事件', 'kiosk.noEvents': '控制台启动以来没有事件。',
    'ev.time': '时间', 'ev.event': '事件', 'ev.issue': '期号', 'ev.detail': '详情',
    'ev.downloading': '下载中', 'ev.verified': '已校验', 'ev.embargoed': '待发布（禁发期）', 'ev.activated': '已启用', 'ev.withdrawn': '已撤回',
    'ev.rejected': '已拒绝', 'ev.high-water': '序号已重置', 'ev.problem': '问题', 'ev.imported': '已导入', 'ev.import-embargoed': '已导入，待发布',
    'ev.import-already-stored': '导入：已存在', 'ev.import-refused': '导入被拒绝', 'ev.command': '命令',
  },
});

export async function show(root, [id]) {
  let detail;
  try {
    detail = await api('GET', '/api/kiosks/' + encodeURIComponent(id || ''));
  } catch (e) {
    root.append(el('p', { class: 'error', id: 'kiosk-missing' }, e.status === 404 ? t('kiosk.none', { id }) : e.message),
      el('a', { href: '#/' }, t('kiosk.back')));
    return null;
  }
  const badge = el('span', { class: 'badge', id: 'kiosk-online' });
  const facts = el('dl', { class: 'facts', id: 'kiosk-facts' });
  const fresh = el('button', { type: 'button', id: 'kiosk-fresh', disabled: user().role === 'viewer' }, t('kiosk.fresh'));
  const shotNote = el('p', { class: 'muted', id: 'kiosk-shot-note' });
  const shotBox = el('div', { class: 'frame', id: 'kiosk-shot' });
  const expectedNote = el('p', { class: 'muted', id: 'kiosk-expected-note' });
  const expectedBox = el('div', { class: 'frame', id: 'kiosk-expected' });
  const events = el('tbody', { id: 'kiosk-events' });
  const publications = (detail.status?.titles || []).map(x => x.publication).filter(Boolean);
  const panel = commandPanel([id], { publications, notices: detail.status?.notices || [] });
  root.append(
    el('p', {}, el('a', { href: '#/' }, t('kiosk.back'))),
    el('h1', {}, t('kiosk.title', { id }), ' ', badge),
    el('section', { class: 'kiosk-state' }, el('h2', {}, t('kiosk.state')), facts),
    el('section', { class: 'kiosk-screens' }, el('h2', {}, t('kiosk.screens')),
      el('div', { class: 'pair' },
        el('figure', {}, el('figcaption', {}, t('kiosk.shot'), ' ', fresh), shotBox, shotNote),
        el('figure', {}, el('figcaption', {}, t('kiosk.expected')), expectedBox, expectedNote))),
    panel,
    el('section', { class: 'kiosk-events' }, el('h2', {}, t('kiosk.events')),
      el('table', { class: 'table' }, el('thead', {}, el('tr', {}, ['time', 'event', 'issue', 'detail'].map(k => el('th', {}, t('ev.' + k))))), events)));

  function fact(key, value, cls) {
    return [el('dt', {}, t('kiosk.' + key)), el('dd', { class: cls || null, dataset: { fact: key } }, value ?? '—')];
  }
  function state(d) {
    const s = d.status || {};
    const h = s.health || {};
    const p = h.panel || {};
    badge.textContent = !d.status ? t('kiosk.unknown') : s.online ? t('kiosk.online') : t('kiosk.offline');
    badge.className = 'badge ' + (!d.status ? '' : s.online ? 'good' : 'bad');
    let shows = s.screen ? t('screen.' + s.screen) : null;
    if (s.screen === 'fault' && s.fault) shows += ' ' + s.fault;
    if (s.title || s.issue) {
      const what = [s.title, s.issue, s.page ? t('kiosk.pageOf', { page: s.page, pages: s.pages }) : null].filter(Boolean).join(' · ');
      shows = s.screen === 'page' ? what : `${what} (${shows})`;
    }
    const sync = s.syncing ? t('kiosk.syncing', s.syncing) : d.status ? t('kiosk.synced') : null;
    const panelText = p.model ? t('kiosk.panelText', { model: p.model, refreshes: p.refreshes ?? 0, full: p.fullRefreshes ?? 0, failures: p.failures ?? 0, ms: p.lastRefreshMs ?? '—' }) : null;
    facts.replaceChildren(
      ...fact('shows', shows),
      ...(s.banner ? fact('banner', t('banner.' + s.banner), 'warn') : []),
      ...fact('notices', (s.notices || []).length ? el('ul', { class: 'notices', id: 'kiosk-notices' }, s.notices.map(n =>
        el('li', { class: 'notice-' + n.level, dataset: { notice: n.id } }, el('span', { class: 'badge ' + (n.level === 'info' ? '' : 'bad') }, t('level.' + n.level)), ' ',
          n.title ? el('strong', {}, n.title, ' ') : '', n.text, ' ', el('span', { class: 'muted' }, t('kiosk.noticeUntil', { until: when(n.until) })), ' ',
          user().role === 'admin' ? el('button', { type: 'button', class: 'link take-down', onclick: () => takeDown(n.id) }, t('kiosk.takeDown')) : ''))) : t('kiosk.noNotices')),
      ...fact('sync', sync),
      ...fact('version', s.version),
      ...fact('uptime', h.uptimeS != null ? duration(h.uptimeS) : null),
      ...fact('memory', h.heapMb != null ? t('kiosk.memoryText', { heap: h.heapMb, rss: h.rssMb ?? '—' })
        + (h.rssAnonMb != null ? t('kiosk.anonText', { anon: h.rssAnonMb }) : '') : null),
      ...fact('temperature', h.cpuTempC != null ? `${h.cpuTempC} °C` : h.uptimeS != null ? t('kiosk.noTemp') : null),
      ...fact('panel', p.failing ? [panelText, ' ', el('strong', {}, t('kiosk.panelFailing', { why: p.lastFailure || '' }))] : panelText, p.failing ? 'bad' : null),
      ...fact('storage', h.freeStorageMb != null ? `${h.freeStorageMb} MB` : null),
      ...fact('lastError', s.lastError ? `${s.lastError.message} (${when(s.lastError.time)})` : t('kiosk.none.error'), s.lastError ? 'bad' : null),
      ...fact('heard', d.heard ? `${when(d.heard)} (${ago(d.heard)})` : null));
  }
  async function takeDown(notice) {
    try {
      const round = await api('POST', '/api/commands', { targets: [id], command: 'cancel-notice', args: [notice] });
      toast(t('kiosk.takenDown', { id: notice, cmd: round.id }));
    } catch (e) {
      toast(e.message, true);
    }
  }
  function screens(d) {
    const s = d.screenshot;
    if (!s) {
      shotBox.replaceChildren(el('p', { class: 'placeholder' }, t('kiosk.noShot')));
      shotNote.textContent = '';
      expectedBox.replaceChildren();
      expectedNote.textContent = '';
    } else {
      const img = shotBox.querySelector('img');
      if (!img || img.dataset.name !== s.name) shotBox.replaceChildren(el('img', { src: s.url, alt: t('kiosk.shot'), dataset: { name: s.name } }));
      shotNote.textContent = t('kiosk.shotBy', { time: when(s.time), user: s.user || '—', message: s.message || '' });
      const x = s.expected || {};
      if (x.available) {
        const e = expectedBox.querySelector('img');
        if (!e || e.dataset.name !== s.name) expectedBox.replaceChildren(el('img', { src: x.url, alt: t('kiosk.expected'), dataset: { name: s.name } }));
        expectedNote.textContent = t('kiosk.expectedOf', x);
      } else {
        expectedBox.replaceChildren(el('p', { class: 'placeholder', id: 'kiosk-expected-missing' }, t(x.why === 'no-page' ? 'kiosk.noPage' : 'kiosk.notUploaded')));
        expectedNote.textContent = x.issue ? t('kiosk.expectedOf', x) : '';
      }
    }
  }
  function eventRow(e) {
    const detailText = [e.command, e.result ? t('cmd.res.' + e.result) : null, e.message, e.reason, e.repeats ? `×${e.repeats}` : null].filter(Boolean).join(' · ');
    return el('tr', { class: e.result === 'failed' || e.result === 'refused' || e.event === 'rejected' || e.event === 'problem' ? 'warn' : null, dataset: { event: e.event } },
      el('td', { class: 'nowrap' }, when(e.time || e.received)), el('td', {}, t('ev.' + e.event) === 'ev.' + e.event ? e.event : t('ev.' + e.event)),
      el('td', {}, e.issue || ''), el('td', {}, detailText));
  }
  function eventList(list) {
    events.replaceChildren(...(list.length ? list.map(eventRow) : [el('tr', { class: 'none' }, el('td', { colspan: 4 }, t('kiosk.noEvents')))]));
  }
  function draw(d) {
    detail = d;
    state(d);
    screens(d);
    eventList(d.events);
  }
  draw(detail);

  let shooting = detail.shooting || null;
  function taking(on) {
    fresh.disabled = on || user().role === 'viewer';
    fresh.textContent = on ? t('kiosk.taking') : t('kiosk.fresh');
  }
  taking(!!shooting);
  fresh.addEventListener('click', async () => {
    taking(true);
    try {
      shooting = (await api('POST', `/api/kiosks/${encodeURIComponent(id)}/screenshot`)).id;
    } catch (e) {
      taking(false);
      toast(e.message, true);
    }
  });

  // Asks for the kiosk again; while an answer is awaited, changes are gathered into one more call (a download's
  // flood of events costs two calls, not one each).
  let loading = false, again = false;
  async function reload() {
    if (loading) { again = true; return; }
    loading = true;
    try { draw(await api('GET', '/api/kiosks/' + encodeURIComponent(id))); } catch (e) { /* shown at the next change */ }
    loading = false;
    if (again) { again = false; reload(); }
  }
  const timer = setInterval(reload, 5000);
  const stops = [
    on('kiosk-event', e => {
      if (e.device === id) reload(); // the list comes back in the kiosk's order of time
    }),
    on('kiosk-screenshot', e => {
      if (e.device !== id) return;
      if (e.id === shooting) { shooting = null; taking(false); }
      if (e.error) toast(t('kiosk.shotFailed', { why: e.error }), true);
      reload();
    }),
  ];
  return () => {
    clearInterval(timer);
    stops.forEach(s => s());
    panel.stop();
  };
}

// Seconds as "3 d 4 h", "2 h 5 min", "40 s".
function duration(s) {
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  const u = language() === 'zh' ? { d: ' 天', h: ' 小时', m: ' 分钟', s: ' 秒' } : { d: ' d', h: ' h', m: ' min', s: ' s' };
  if (d) return `${d}${u.d} ${h}${u.h}`;
  if (h) return `${h}${u.h} ${m}${u.m}`;
  if (m) return `${m}${u.m}`;
  return `${s}${u.s}`;
}
