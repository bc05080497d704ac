// Today's issue (#/issue, #/issue/ID): upload a page of text or a package (editors), see how the page was read,
// preview its pages for each panel model of the fleet, publish it (now or under an embargo; to the fleet or on trial),
// watch each kiosk take it, withdraw it with a reason; the uploads, newest first; which issue each kiosk shows.
import { api, el, on, toast, user } from './app.js';
import { add, t, when, language } from './i18n.js';

add({
  en: {
    'issue.title': "Today's issue", 'issue.upload': 'Upload', 'issue.text': 'A page of plain text (UTF-8)',
    'issue.package': 'An issue package (a zip of its folder)', 'issue.file': 'File', 'issue.paper': 'Newspaper (optional)',
    'issue.date': 'Date (optional)', 'issue.publication': 'Publication (optional)', 'issue.send': 'Upload',
    'issue.uploads': 'Uploads', 'issue.none': 'Nothing uploaded yet.', 'issue.when': 'Uploaded', 'issue.issue': 'Issue',
    'issue.name': 'Newspaper', 'issue.pub': 'Publication', 'issue.source': 'From', 'issue.state': 'State', 'issue.by': 'By', 'issue.articles': 'Articles',
    'source.text': 'text', 'source.package': 'package',
    'state.uploaded': 'uploaded', 'state.published': 'published', 'state.replaced': 'replaced', 'state.withdrawn': 'withdrawn',
    'issue.trial': 'on trial: {list}', 'issue.embargo': 'shown from {when}', 'issue.uploaded': 'Uploaded {issue}.',
    'issue.explain': 'How the page was read', 'issue.line': 'Line', 'issue.article': 'Article', 'issue.role': 'Read as', 'issue.block': 'Text',
    'issue.articleList': 'Articles',
    'issue.previews': 'Pages as each panel shows them', 'issue.addModel': 'Add a panel model', 'issue.rendering': 'rendering…',
    'issue.failed': 'cannot be rendered: {why}', 'issue.pages': '{n} pages', 'issue.page': 'page {n}', 'issue.close': 'Close',
    'issue.publish': 'Publish', 'issue.now': 'now', 'issue.embargoAt': 'from (embargo)', 'issue.expires': 'expires (default: in 7 days)',
    'issue.only': 'Only these kiosks (a trial; none ticked: the whole fleet)', 'issue.publishNow': 'Publish',
    'issue.published': 'Published {issue} (sequence {sequence}).', 'issue.progress': 'Publishing',
    'issue.withdraw': 'Withdraw…', 'issue.reason': 'Why is it withdrawn? (goes to the audit log)', 'issue.confirmWithdraw': 'Withdraw {issue} from the fleet',
    'issue.cancel': 'Cancel', 'issue.withdrawn': 'Withdrew {issue}.', 'issue.reasonShown': 'Withdrawn {when} by {user}: {reason}',
    'issue.kiosks': 'Kiosks', 'issue.kiosk': 'Kiosk', 'issue.model': 'Panel', 'issue.took': '{took} of {all} kiosks hold it',
    'issue.showing': 'Showing', 'issue.noKiosks': 'No kiosk has reported yet.', 'issue.titles': 'What each kiosk shows',
    'kstate.shows': 'shows it', 'kstate.stored': 'has it (not shown yet)', 'kstate.syncing': 'downloading {percent}%',
    'kstate.waiting': 'not yet', 'kstate.not-targeted': 'not in the trial', 'kstate.not-published': 'not published',
    'kstate.removed': 'removed', 'kstate.still-holds': 'still holds it', 'issue.offline': 'offline',
    'kind.kicker': 'kicker', 'kind.headline': 'headline', 'kind.subhead': 'subhead', 'kind.byline': 'byline', 'kind.dateline': 'dateline',
    'kind.paragraph': 'paragraph', 'kind.caption': 'caption', 'kind.joined': 'joined', 'kind.moved': 'moved', 'kind.banner': 'banner', 'kind.other': '—',
    'issue.choose': 'Choose an upload above to preview, publish or withdraw it.',
    'pstage.started': 'started', 'pstage.progress': 'sending', 'pstage.done': 'done', 'pstage.failed': 'failed', 'pstage.withdrawn': 'withdrawn',
  },
  zh: {
    'issue.title': '今日报纸', 'issue.upload': '上传', 'issue.text': '纯文本版面（UTF-8）', 'issue.package': '报纸包（其文件夹的 zip）',
    'issue.file': '文件', 'issue.paper': '报名（可选）', 'issue.date': '日期（可选）', 'issue.publication': '刊物（可选）', 'issue.send': '上传',
    'issue.uploads': '已上传', 'issue.none': '尚未上传任何内容。', 'issue.when': '上传时间', 'issue.issue': '期号',
    'issue.name': '报名', 'issue.pub': '刊物', 'issue.source': '来源', 'issue.state': '状态', 'issue.by': '操作人', 'issue.articles': '文章数',
    'source.text': '文本', 'source.package': '报纸包',
    'state.uploaded': '已上传', 'state.published': '已发布', 'state.replaced': '已被替换', 'state.withdrawn': '已撤回',
    'issue.trial': '试发：{list}', 'issue.embargo': '{when} 起显示', 'issue.uploaded': '已上传 {issue}。',
    'issue.explain': '版面识别结果', 'issue.line': '行', 'issue.article': '文章', 'issue.role': '识别为', 'issue.block': '文字',
    'issue.articleList': '文章',
    'issue.previews': '各型号屏幕上的版面', 'issue.addModel': '添加屏幕型号', 'issue.rendering': '正在排版…',
    'issue.failed': '无法排版：{why}', 'issue.pages': '共 {n} 页', 'issue.page': '第 {n} 页', 'issue.close': '关闭',
    'issue.publish': '发布', 'issue.now': '立即', 'issue.embargoAt': '定时（禁发至）', 'issue.expires': '过期时间（默认 7 天后）',
    'issue.only': '仅发给这些报亭（试发；不勾选则发给全部报亭）', 'issue.publishNow': '发布',
    'issue.published': '已发布 {issue}（序号 {sequence}）。', 'issue.progress': '发布进度',
    'issue.withdraw': '撤回…', 'issue.reason': '撤回原因（记入操作记录）', 'issue.confirmWithdraw': '从全部报亭撤回 {issue}',
    'issue.cancel': '取消', 'issue.withdrawn': '已撤回 {issue}。', 'issue.reasonShown': '{when} 由 {user} 撤回：{reason}',
    'issue.kiosks': '报亭', 'issue.kiosk': '报亭', 'issue.model': '屏幕', 'issue.took': '{all} 台报亭中 {took} 台已收到',
    'issue.showing': '正在显示', 'issue.noKiosks': '尚无报亭上报状态。', 'issue.titles': '各报亭正在显示的报纸',
    'kstate.shows': '正在显示', 'kstate.stored': '已收到（尚未显示）', 'kstate.syncing': '下载中 {percent}%',
    'kstate.waiting': '尚未收到', 'kstate.not-targeted': '不在试发范围', 'kstate.not-published': '未发布',
    'kstate.removed': '已移除', 'kstate.still-holds': '仍保留', 'issue.offline': '离线',
    'kind.kicker': '眉题', 'kind.headline': '标题', 'kind.subhead': '副题', 'kind.byline': '署名', 'kind.dateline': '电头',
    'kind.paragraph': '正文', 'kind.caption': '图片说明', 'kind.joined': '接续段落', 'kind.moved': '移入正文', 'kind.banner': '版名', 'kind.other': '—',
    'issue.choose': '请在上方选择一份上传的报纸，以预览、发布或撤回。',
    'pstage.started': '开始', 'pstage.progress': '发送中', 'pstage.done': '完成', 'pstage.failed': '失败', 'pstage.withdrawn': '已撤回',
  },
});

// The importer's roles in Chinese, phrase by phrase (the English is the importer's own).
const ROLE_ZH = [
  [/^paragraph, joined with the next block \(cut by a column\)/, '正文，与下一段相接（被分栏截断）'],
  [/^paragraph, continuing the block before/, '正文，接续上一段'],
  [/^moved to the start of the first paragraph/, '移至第一段开头'],
  [/^banner \(the section's title\)/, '版名（栏目标题）'],
  [/ \(a teaser: nothing under it\)/, '（导读：其下无正文）'],
  [/^dateline (.*), then /, '电头 $1，其后为'],
  [/\bheadline\b/, '标题'], [/\bsubhead\b/, '副题'], [/\bkicker\b/, '眉题'], [/\bbyline\b/, '署名'],
  [/\bcaption\b/, '图片说明'], [/\bparagraph\b/, '正文'],
];

function role(text) {
  if (language() !== 'zh' || !text) return text || '—';
  let s = text;
  for (const [re, zh] of ROLE_ZH) s = s.replace(re, zh);
  return s;
}

const editor = () => user() && (user().role === 'editor' || user().role === 'admin');

export async function show(root, params) {
  const stops = [];
  const selected = params[0] || null;
  root.append(el('h1', {}, t('issue.title')));
  if (editor()) root.append(uploadForms());
  const list = el('section', { id: 'uploads' });
  const detail = el('section', { id: 'upload-detail' });
  const titles = el('section', { id: 'titles' });
  root.append(list, detail, titles);

  const data = await api('GET', '/api/issues');
  listUploads(list, data.uploads, selected);
  if (selected) {
    stops.push(await showUpload(detail, selected, data));
  } else {
    detail.append(el('p', { class: 'muted' }, t('issue.choose')));
  }
  await showTitles(titles);
  const timer = setInterval(() => showTitles(titles).catch(() => {}), 5000);
  stops.push(() => clearInterval(timer));
  return () => stops.forEach(s => s && s());
}

function uploadForms() {
  const text = el('form', { id: 'upload-text', class: 'upload' },
    el('h2', {}, t('issue.text')),
    el('label', {}, t('issue.file'), el('input', { type: 'file', name: 'file', id: 'text-file', accept: '.txt,text/plain', required: true })),
    el('label', {}, t('issue.paper'), el('input', { name: 'title', id: 'text-title', maxlength: 120 })),
    el('label', {}, t('issue.date'), el('input', { name: 'date', id: 'text-date', type: 'date' })),
    el('label', {}, t('issue.publication'), el('input', { name: 'publication', id: 'text-publication', maxlength: 64, pattern: '[a-z0-9][a-z0-9-]{0,63}' })),
    el('button', { type: 'submit', id: 'text-send' }, t('issue.send')));
  const pkg = el('form', { id: 'upload-package', class: 'upload' },
    el('h2', {}, t('issue.package')),
    el('label', {}, t('issue.file'), el('input', { type: 'file', name: 'file', id: 'package-file', accept: '.zip,application/zip', required: true })),
    el('button', { type: 'submit', id: 'package-send' }, t('issue.send')));
  async function send(form, kind, extra) {
    const file = form.file.files[0];
    if (!file) return;
    const q = new URLSearchParams({ name: file.name, ...extra });
    form.querySelector('button').disabled = true;
    try {
      const u = await api('POST', `/api/issues/${kind}?${q}`, file, { type: kind === 'text' ? 'text/plain; charset=utf-8' : 'application/zip' });
      toast(t('issue.uploaded', { issue: u.issue }));
      form.reset();
      location.hash = '#/issue/' + u.id;
    } catch (e) {
      toast(e.message, true);
      form.querySelector('.error')?.remove();
      form.append(el('p', { class: 'error', id: `${kind}-error` }, e.message));
    } finally {
      form.querySelector('button').disabled = false;
    }
  }
  text.addEventListener('submit', e => {
    e.preventDefault();
    const extra = {};
    for (const k of ['title', 'date', 'publication']) if (text[k].value.trim()) extra[k] = text[k].value.trim();
    send(text, 'text', extra);
  });
  pkg.addEventListener('submit', e => { e.preventDefault(); send(pkg, 'package', {}); });
  return el('section', { class: 'uploads-forms' }, text, pkg);
}

function stateText(u) {
  let s = t('state.' + u.state);
  if (u.state === 'published' && u.targets.length) s += ' · ' + t('issue.trial', { list: u.targets.join(', ') });
  if (u.state === 'published' && u.activateAt) s += ' · ' + t('issue.embargo', { when: when(u.activateAt) });
  return s;
}

function listUploads(root, uploads, selected) {
  root.append(el('h2', {}, t('issue.uploads')));
  if (!uploads.length) { root.append(el('p', {}, t('issue.none'))); return; }
  root.append(el('table', { class: 'table', id: 'upload-list' },
    el('thead', {}, el('tr', {}, ['when', 'issue', 'name', 'pub', 'articles', 'source', 'by', 'state'].map(k => el('th', {}, t('issue.' + k))))),
    el('tbody', {}, uploads.map(u => el('tr', { class: (u.id === selected ? 'here ' : '') + 'state-' + u.state, dataset: { upload: u.id } },
      el('td', { class: 'nowrap' }, el('a', { href: '#/issue/' + u.id }, when(u.time))),
      el('td', {}, el('a', { href: '#/issue/' + u.id }, u.issue)), el('td', {}, u.title), el('td', {}, u.publication),
      el('td', {}, u.articles), el('td', {}, t('source.' + u.source)), el('td', {}, u.user),
      el('td', { class: 'upload-state' }, stateText(u)))))));
}

async function showUpload(root, id, data) {
  const stops = [];
  let u;
  try {
    u = await api('GET', '/api/issues/' + encodeURIComponent(id));
  } catch (e) {
    root.append(el('p', { class: 'error' }, e.message));
    return null;
  }
  const head = el('div', { class: 'upload-head' });
  function fillHead() {
    head.replaceChildren(el('h2', { id: 'upload-title' }, `${u.title} · ${u.issue}`),
      el('p', { id: 'upload-state', class: 'state-' + u.state }, `${t('issue.state')}: ${stateText(u)}`),
      ...(u.state === 'withdrawn' ? [el('p', { class: 'warn', id: 'upload-reason' }, t('issue.reasonShown', { when: when(u.withdrawn), user: u.withdrawnBy, reason: u.reason }))] : []));
  }
  fillHead();
  root.append(head);

  // Publishing and withdrawing (editors).
  const actions = el('div', { class: 'issue-actions' });
  const log = el('pre', { id: 'publish-log', class: 'log', hidden: true });
  root.append(actions, log);
  const kiosksBox = el('div', { id: 'issue-kiosks' });
  let lastKiosks = [];

  function fillActions() {
    actions.replaceChildren();
    if (!editor()) return;
    if (u.state === 'uploaded' || (u.state === 'published' && u.targets.length)) actions.append(publishForm());
    if (u.state === 'published') actions.append(withdrawBox());
  }

  function publishForm() {
    const whenNow = el('input', { type: 'radio', name: 'when', value: 'now', id: 'publish-now', checked: true });
    const whenLater = el('input', { type: 'radio', name: 'when', value: 'later', id: 'publish-later' });
    const at = el('input', { type: 'datetime-local', name: 'activateAt', id: 'publish-at' });
    const expires = el('input', { type: 'datetime-local', name: 'expires', id: 'publish-expires' });
    const devices = el('div', { class: 'devices', id: 'publish-devices' },
      lastKiosks.map(k => el('label', {}, el('input', { type: 'checkbox', value: k.device }), ' ' + k.device)));
    at.addEventListener('input', () => { whenLater.checked = true; });
    const form = el('form', { id: 'publish-form', class: 'box' },
      el('h3', {}, t('issue.publish')),
      el('div', { class: 'row' }, el('label', {}, whenNow, ' ' + t('issue.now')), el('label', {}, whenLater, ' ' + t('issue.embargoAt')), at),
      el('label', { class: 'row' }, t('issue.expires'), expires),
      el('p', { class: 'muted' }, t('issue.only')), devices,
      el('button', { type: 'submit', id: 'publish-submit' }, t('issue.publishNow')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const body = { devices: [...devices.querySelectorAll('input:checked')].map(i => i.value) };
      if (whenLater.checked && at.value) body.activateAt = new Date(at.value).toISOString();
      if (expires.value) body.expires = new Date(expires.value).toISOString();
      form.querySelector('button').disabled = true;
      log.hidden = false;
      log.textContent = '';
      try {
        u = await api('POST', `/api/issues/${u.id}/publish`, body);
        toast(t('issue.published', { issue: u.issue, sequence: u.sequence }));
        fillHead();
        fillActions();
        refreshList();
      } catch (err) {
        toast(err.message, true);
        log.textContent += err.message + '\n';
      } finally {
        form.querySelector('button').disabled = false;
      }
    });
    return form;
  }

  function withdrawBox() {
    const open = el('button', { type: 'button', class: 'danger', id: 'withdraw-open' }, t('issue.withdraw'));
    const reason = el('textarea', { id: 'withdraw-reason', rows: 2, maxlength: 500, required: true, placeholder: t('issue.reason') });
    const confirmBtn = el('button', { type: 'submit', class: 'danger', id: 'withdraw-confirm' }, t('issue.confirmWithdraw', { issue: u.issue }));
    const cancel = el('button', { type: 'button', class: 'link', id: 'withdraw-cancel' }, t('issue.cancel'));
    const form = el('form', { id: 'withdraw-form', class: 'box confirm', hidden: true }, el('label', {}, t('issue.reason'), reason),
      el('div', { class: 'row' }, confirmBtn, cancel));
    open.addEventListener('click', () => { form.hidden = false; open.hidden = true; reason.focus(); });
    cancel.addEventListener('click', () => { form.hidden = true; open.hidden = false; });
    form.addEventListener('submit', async e => {
      e.preventDefault();
      confirmBtn.disabled = true;
      try {
        u = await api('POST', `/api/issues/${u.id}/withdraw`, { reason: reason.value });
        toast(t('issue.withdrawn', { issue: u.issue }));
        fillHead();
        fillActions();
        refreshList();
      } catch (err) {
        toast(err.message, true);
      } finally {
        confirmBtn.disabled = false;
      }
    });
    return el('div', {}, open, form);
  }

  stops.push(on('publish', ev => {
    if (ev.upload !== u.id) return;
    log.hidden = false;
    log.textContent += `${t('pstage.' + ev.stage)}: ${ev.line}\n`;
  }));

  // Which kiosks took it: asked every 2 s.
  root.append(el('h3', {}, t('issue.kiosks')), kiosksBox);
  async function fillKiosks() {
    const k = await api('GET', `/api/issues/${u.id}/kiosks`);
    const firstTime = !lastKiosks.length && k.kiosks.length;
    lastKiosks = k.kiosks;
    if (!k.kiosks.length) { kiosksBox.replaceChildren(el('p', {}, t('issue.noKiosks'))); return; }
    kiosksBox.replaceChildren(el('p', { id: 'issue-took' }, t('issue.took', { took: k.took, all: k.kiosks.length })),
      el('table', { class: 'table', id: 'issue-kiosk-rows' },
        el('thead', {}, el('tr', {}, ['kiosk', 'model', 'state', 'showing'].map(h => el('th', {}, t('issue.' + h))))),
        el('tbody', {}, k.kiosks.map(r => el('tr', { dataset: { device: r.device, state: r.state }, class: 'kstate-' + r.state },
          el('td', {}, el('a', { href: '#/kiosk/' + encodeURIComponent(r.device) }, r.device), r.online ? '' : ` (${t('issue.offline')})`),
          el('td', {}, r.model || ''),
          el('td', { class: 'kiosk-took' }, t('kstate.' + r.state, { percent: r.percent ?? 0 })),
          el('td', {}, r.activeIssue || ''))))));
    if (firstTime) fillActions();
  }
  await fillKiosks().catch(() => {});
  fillActions();
  const poll = setInterval(() => fillKiosks().catch(() => {}), 2000);
  stops.push(() => clearInterval(poll));

  // How the page was read.
  if (u.explain) root.append(explainView(u.explain));

  // The previews, a column per model.
  root.append(previewsView(u, data, stops));
  return () => stops.forEach(s => s && s());
}

async function refreshList() {
  const list = document.getElementById('uploads');
  if (!list) return;
  const data = await api('GET', '/api/issues');
  list.replaceChildren();
  listUploads(list, data.uploads, location.hash.split('/')[2]);
}

function explainView(x) {
  return el('section', { id: 'explain' },
    el('h3', {}, t('issue.explain')),
    x.note ? el('p', { class: 'warn' }, x.note) : null,
    el('table', { class: 'table explain', id: 'explain-blocks' },
      el('thead', {}, el('tr', {}, ['line', 'article', 'role', 'block'].map(k => el('th', {}, t('issue.' + k))))),
      el('tbody', {}, x.blocks.map(b => el('tr', { class: 'kind-' + b.kind, dataset: { kind: b.kind } },
        el('td', { class: 'num' }, b.line), el('td', {}, b.article || '—'),
        el('td', {}, el('span', { class: 'badge kind-' + b.kind }, t('kind.' + b.kind)), ' ', b.role && b.role !== b.kind ? el('span', { class: 'muted' }, role(b.role)) : null),
        el('td', { class: 'block-text' }, b.text))))),
    el('h3', {}, t('issue.articleList')),
    el('ol', { id: 'explain-articles', class: 'articles' }, x.articles.map(a => el('li', {},
      a.kicker ? el('span', { class: 'badge' }, a.kicker) : null, ' ', el('strong', {}, a.headline),
      a.subhead ? ` / ${a.subhead}` : '', el('span', { class: 'muted' }, ` — ${a.id}, ${a.paragraphs} ¶` + (a.captions ? `, ${a.captions} 📷` : ''))))));
}

function previewsView(u, data, stops) {
  const models = [...data.models];
  const columns = el('div', { class: 'preview-columns', id: 'previews' });
  const chooser = el('select', { id: 'preview-model' }, el('option', { value: '' }, t('issue.addModel')),
    data.allModels.map(m => el('option', { value: m }, m)));
  chooser.addEventListener('change', () => {
    if (chooser.value && !models.includes(chooser.value)) { models.push(chooser.value); column(chooser.value); }
    chooser.value = '';
  });
  const big = el('div', { id: 'page-large', class: 'overlay', hidden: true });
  big.addEventListener('click', () => { big.hidden = true; big.replaceChildren(); });
  let alive = true;
  stops.push(() => { alive = false; });
  function column(model) {
    const col = el('div', { class: 'preview-column', dataset: { model } }, el('h4', {}, model), el('p', { class: 'muted preview-state' }, t('issue.rendering')));
    columns.append(col);
    (async function load() {
      while (alive) {
        let s;
        try { s = await api('GET', `/api/issues/${u.id}/previews/${encodeURIComponent(model)}`); } catch (e) { col.querySelector('.preview-state').textContent = e.message; return; }
        if (s.state === 'ready') {
          col.querySelector('.preview-state').textContent = t('issue.pages', { n: s.pages });
          const thumbs = el('div', { class: 'thumbs' });
          for (let n = 1; n <= s.pages; n++) {
            const src = `/api/issues/${u.id}/pages/${encodeURIComponent(model)}/${n}.png`;
            thumbs.append(el('figure', { class: 'thumb' },
              el('img', { src, alt: `${model} ${t('issue.page', { n })}`, dataset: { page: n },
                onclick: () => { big.replaceChildren(el('img', { src, alt: '' }), el('p', {}, `${model} · ${t('issue.page', { n })} · ${t('issue.close')}`)); big.hidden = false; } }),
              el('figcaption', {}, t('issue.page', { n }))));
          }
          col.append(thumbs);
          return;
        }
        if (s.state === 'failed') { col.querySelector('.preview-state').textContent = t('issue.failed', { why: s.error }); return; }
        await new Promise(r => setTimeout(r, 1000));
      }
    })();
  }
  for (const m of models) column(m);
  return el('section', { id: 'preview-section' }, el('div', { class: 'row' }, el('h3', {}, t('issue.previews')), chooser), columns, big);
}

async function showTitles(root) {
  const x = await api('GET', '/api/issues/titles');
  root.replaceChildren(el('h2', {}, t('issue.titles')));
  if (!x.kiosks.length) { root.append(el('p', {}, t('issue.noKiosks'))); return; }
  root.append(el('table', { class: 'table', id: 'title-table' },
    el('thead', {}, el('tr', {}, el('th', {}, t('issue.kiosk')), x.publications.map(p => el('th', {}, p)))),
    el('tbody', {}, x.kiosks.map(k => el('tr', { dataset: { device: k.device } },
      el('td', {}, k.device, k.online ? '' : ` (${t('issue.offline')})`),
      x.publications.map(p => el('td', {}, k.titles[p] || '—')))))));
}
