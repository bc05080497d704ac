// The remote commands: a panel to send a command to the kiosks given (one kiosk's page, or several or all of them
// from the fleet view) and to follow each kiosk's answer as it arrives. Admins send; others see why they cannot.
import { api, el, on, toast, user } from './app.js';
import { add, t, when } from './i18n.js';

add({
  en: {
    'cmd.title': 'Remote commands', 'cmd.for.one': 'for {id}', 'cmd.for.some': 'for {n} kiosks: {ids}', 'cmd.for.all': 'for every kiosk of the fleet',
    'cmd.command': 'Command', 'cmd.send': 'Send', 'cmd.sending': 'Sending…', 'cmd.publication': 'Publication', 'cmd.page': 'Page',
    'cmd.setting': 'Setting', 'cmd.value': 'Value (empty: back to the configuration file’s)', 'cmd.admins': 'Only admins send commands to kiosks.',
    'cmd.confirm.all': 'Send “{line}” to every kiosk of the fleet?', 'cmd.confirm.restart': 'Restart {targets}?',
    'cmd.show': 'show a page', 'cmd.refresh': 'refresh (full)', 'cmd.clear': 'clear against ghosting', 'cmd.resync': 'download the issues again',
    'cmd.restart': 'restart the kiosk', 'cmd.set': 'set a setting',
    'cmd.help.show': 'The kiosk turns to that page of the publication, as if a reader had; after its idle time it goes back to the front page.',
    'cmd.help.refresh': 'A full (flashing) refresh of what the panel shows.',
    'cmd.help.clear': 'The panel is flashed white, then what it showed is drawn again, as every night.',
    'cmd.help.resync': 'The kiosk downloads, verifies and installs each issue on its shelf anew.',
    'cmd.help.restart': 'The kiosk answers, stops, and its service starts it again at once.',
    'cmd.help.set': 'Kept by the kiosk over its configuration file, across restarts, and applied at once; checked by the file’s rules.',
    'cmd.kiosk': 'Kiosk', 'cmd.result': 'Result', 'cmd.message': 'Answer', 'cmd.time': 'Time', 'cmd.sent': '{line}: sent as {id}',
    'cmd.finished': '{line}: {summary}', 'cmd.res.waiting': 'waiting…', 'cmd.res.done': 'done', 'cmd.res.failed': 'failed',
    'cmd.res.refused': 'refused', 'cmd.res.silent': 'silent', 'cmd.res.unknown': 'unknown', 'cmd.res.offline': 'offline',
    'cmd.silent.msg': 'no answer in {n} s', 'cmd.offline.msg': 'offline: it carries the command out if it is back before {until}',
    'cmd.notice': 'post a station notice', 'cmd.cancel-notice': 'take a notice down', 'cmd.level': 'Level', 'cmd.text': 'Text',
    'cmd.noticeTitle': 'Title (optional)', 'cmd.for': 'For', 'cmd.unit.m': 'minutes', 'cmd.unit.h': 'hours', 'cmd.unit.d': 'days',
    'cmd.noticeId': 'Notice', 'level.info': 'information (outlined band)', 'level.warning': 'warning (black band)', 'level.urgent': 'urgent (whole screen)',
    'cmd.help.notice': 'Shown until its end by each kiosk’s clock (7 days at most): information and warnings as a band across the top of every page and screen, an urgent notice over the whole screen (a press shows the newspaper; the notice comes back after the idle time). Up to 300 characters.',
    'cmd.help.cancel-notice': 'The notice with that id is taken down at once.',
  },
  zh: {
    'cmd.title': '远程命令', 'cmd.for.one': '发给 {id}', 'cmd.for.some': '发给 {n} 台报亭：{ids}', 'cmd.for.all': '发给本网络的全部报亭',
    'cmd.command': '命令', 'cmd.send': '发送', 'cmd.sending': '正在发送…', 'cmd.publication': '报纸', 'cmd.page': '版面',
    'cmd.setting': '设置项', 'cmd.value': '值（留空：恢复配置文件中的值）', 'cmd.admins': '只有管理员可以向报亭发送命令。',
    'cmd.confirm.all': '向本网络的全部报亭发送“{line}”？', 'cmd.confirm.restart': '重启 {targets}？',
    'cmd.show': '显示某一版', 'cmd.refresh': '全屏刷新', 'cmd.clear': '清除残影', 'cmd.resync': '重新下载报纸',
    'cmd.restart': '重启报亭程序', 'cmd.set': '修改设置',
    'cmd.help.show': '报亭翻到该报纸的这一版，如同读者翻页；空闲时间过后回到头版。',
    'cmd.help.refresh': '对屏幕当前内容做一次全屏（闪烁）刷新。',
    'cmd.help.clear': '屏幕先闪白，再重新绘制原来的内容，与每晚的清屏相同。',
    'cmd.help.resync': '报亭重新下载、校验并安装书架上的每一期报纸。',
    'cmd.help.restart': '报亭先回复，然后退出，由系统服务立即重新启动。',
    'cmd.help.set': '报亭保存该值（优先于配置文件，重启后仍有效）并立即生效；按配置文件的规则检查。',
    'cmd.kiosk': '报亭', 'cmd.result': '结果', 'cmd.message': '回复', 'cmd.time': '时间', 'cmd.sent': '{line}：已发送，编号 {id}',
    'cmd.finished': '{line}：{summary}', 'cmd.res.waiting': '等待中…', 'cmd.res.done': '完成', 'cmd.res.failed': '失败',
    'cmd.res.refused': '被拒绝', 'cmd.res.silent': '无回复', 'cmd.res.unknown': '未知报亭', 'cmd.res.offline': '离线',
    'cmd.silent.msg': '{n} 秒内没有回复', 'cmd.offline.msg': '离线：若在 {until} 前重新上线，将执行该命令',
    'cmd.notice': '发布站内通知', 'cmd.cancel-notice': '撤下通知', 'cmd.level': '级别', 'cmd.text': '内容',
    'cmd.noticeTitle': '标题（可选）', 'cmd.for': '显示时长', 'cmd.unit.m': '分钟', 'cmd.unit.h': '小时', 'cmd.unit.d': '天',
    'cmd.noticeId': '通知', 'level.info': '一般（框线通知条）', 'level.warning': '注意（黑底通知条）', 'level.urgent': '紧急（整屏）',
    'cmd.help.notice': '按各报亭的时钟显示到结束时间（最长 7 天）：一般和注意级别在每个版面和屏幕顶部显示通知条，紧急级别占满整个屏幕（按任意键阅读报纸，空闲时间过后通知重新出现）。最多 300 字。',
    'cmd.help.cancel-notice': '立即撤下该编号的通知。',
  },
});

const COMMANDS = ['show', 'notice', 'cancel-notice', 'refresh', 'clear', 'resync', 'restart', 'set'];
const UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000 };
let menu = null; // what the console offers (the settings that may be set from afar), asked once

// A panel for commands to these kiosks (device ids; ['*'] for every kiosk of the fleet). options.publications: the
// publications to offer for show (those the kiosk shows), when known; options.notices: the notices to offer for
// cancel-notice (those the kiosks show), when known.
export function commandPanel(targets, options = {}) {
  const all = targets.length === 1 && targets[0] === '*';
  const admin = user()?.role === 'admin';
  const forWhom = all ? t('cmd.for.all') : targets.length === 1 ? t('cmd.for.one', { id: targets[0] })
    : t('cmd.for.some', { n: targets.length, ids: targets.slice(0, 8).join(', ') + (targets.length > 8 ? ' …' : '') });
  const command = el('select', { name: 'command', disabled: !admin }, COMMANDS.map(c => el('option', { value: c }, t('cmd.' + c))));
  const publications = el('datalist', { id: 'cmd-pubs-' + Math.random().toString(36).slice(2) },
    (options.publications || []).map(p => el('option', { value: p })));
  const publication = el('input', { name: 'publication', list: publications.id, placeholder: t('cmd.publication'), value: (options.publications || [])[0] || '', size: 16 });
  const page = el('input', { name: 'page', type: 'number', min: 1, max: 999, value: 1, class: 'page-number' });
  const setting = el('select', { name: 'setting' });
  const value = el('input', { name: 'value', placeholder: t('cmd.value'), size: 28 });
  const allowed = el('span', { class: 'muted setting-allowed' });
  const showArgs = el('span', { class: 'args args-show' }, el('label', {}, t('cmd.publication'), publication), publications, el('label', {}, t('cmd.page'), page));
  const setArgs = el('span', { class: 'args args-set', hidden: true }, el('label', {}, t('cmd.setting'), setting), el('label', {}, '=', value), allowed);
  const level = el('select', { name: 'level' }, ['info', 'warning', 'urgent'].map(l => el('option', { value: l }, t('level.' + l))));
  const text = el('input', { name: 'text', maxlength: 300, size: 40, placeholder: t('cmd.text') });
  const noticeTitle = el('input', { name: 'title', maxlength: 40, size: 16, placeholder: t('cmd.noticeTitle') });
  const lasts = el('input', { name: 'for', type: 'number', min: 1, max: 10080, value: 2, class: 'page-number' });
  const unit = el('select', { name: 'unit' }, Object.keys(UNITS).map(u => el('option', { value: u, selected: u === 'h' }, t('cmd.unit.' + u))));
  const noticeArgs = el('span', { class: 'args args-notice', hidden: true }, el('label', {}, t('cmd.level'), level),
    el('label', {}, t('cmd.noticeTitle'), noticeTitle), el('label', {}, t('cmd.text'), text), el('label', {}, t('cmd.for'), lasts, unit));
  const known = el('datalist', { id: 'cmd-notices-' + Math.random().toString(36).slice(2) },
    (options.notices || []).map(n => el('option', { value: n.id }, `${n.level}: ${n.text}`)));
  const noticeId = el('input', { name: 'notice', list: known.id, size: 38, value: (options.notices || [])[0]?.id || '' });
  const cancelArgs = el('span', { class: 'args args-cancel-notice', hidden: true }, el('label', {}, t('cmd.noticeId'), noticeId), known);
  const help = el('p', { class: 'muted cmd-help' });
  const send = el('button', { type: 'submit', disabled: !admin }, t('cmd.send'));
  const form = el('form', { class: 'command-form' }, el('label', {}, t('cmd.command'), command), showArgs, setArgs, noticeArgs, cancelArgs, send);
  const rows = el('tbody', { class: 'answers-rows' });
  const table = el('table', { class: 'table answers', hidden: true },
    el('thead', {}, el('tr', {}, ['kiosk', 'result', 'message', 'time'].map(k => el('th', {}, t('cmd.' + k))))), rows);
  const status = el('p', { class: 'cmd-status' });
  const panel = el('section', { class: 'commands', dataset: { targets: targets.join(',') } },
    el('h2', {}, t('cmd.title'), ' ', el('span', { class: 'muted' }, forWhom)),
    admin ? '' : el('p', { class: 'muted' }, t('cmd.admins')), form, help, status, table);

  function chosen() {
    const c = command.value;
    showArgs.hidden = c !== 'show';
    setArgs.hidden = c !== 'set';
    noticeArgs.hidden = c !== 'notice';
    cancelArgs.hidden = c !== 'cancel-notice';
    help.textContent = t('cmd.help.' + c);
    const s = menu?.settings.find(x => x.key === setting.value);
    allowed.textContent = s ? s.allowed : '';
  }
  command.addEventListener('change', chosen);
  setting.addEventListener('change', chosen);
  for (const input of [publication, page, setting, value, level, text, noticeTitle, lasts, unit, noticeId]) input.disabled = !admin;
  (menu ? Promise.resolve(menu) : api('GET', '/api/commands').then(m => (menu = m))).then(m => {
    setting.replaceChildren(...m.settings.map(s => el('option', { value: s.key }, s.key)));
    chosen();
  }).catch(() => chosen());
  chosen();

  // The rows of the latest command sent from this panel, by device.
  let current = null;
  const byDevice = new Map();
  function row(device) {
    let r = byDevice.get(device);
    if (!r) {
      r = el('tr', { dataset: { device } }, el('td', {}, device), el('td', { class: 'result' }), el('td', { class: 'message' }), el('td', { class: 'nowrap' }));
      byDevice.set(device, r);
      rows.append(r);
    }
    return r;
  }
  function mark(device, result, message, time) {
    const r = row(device);
    r.dataset.result = result;
    r.className = 'res-' + result;
    r.children[1].replaceChildren(el('span', { class: 'badge res-' + result }, t('cmd.res.' + result)));
    r.children[2].textContent = message || '';
    r.children[3].textContent = time ? when(time) : '';
  }
  function fill(round) {
    for (const a of round.answers) mark(a.device, a.result, a.message, a.time);
    if (!round.finished) return;
    const until = when(round.expires);
    for (const d of round.silent) {
      if (!round.offline.includes(d)) mark(d, 'silent', t('cmd.silent.msg', { n: round.wait || current?.wait || 30 }));
    }
    for (const d of round.offline) mark(d, 'offline', t('cmd.offline.msg', { until }));
    for (const d of round.unknown) mark(d, 'unknown', '');
    status.textContent = t('cmd.finished', { line: round.line, summary: round.error || round.summary });
    const good = !round.error && !round.silent.length && !round.unknown.length && round.answers.every(a => a.result === 'done');
    status.className = 'cmd-status ' + (good ? 'good' : 'warn');
  }

  const early = []; // live events that came before the POST's answer gave the id
  const stops = [
    on('command-answer', a => {
      if (!panel.isConnected && current) return stop();
      if (current && a.id === current.id) mark(a.device, a.result, a.message, a.time);
      else if (!current || current.pending) early.push(a);
    }),
    on('command-done', round => {
      if (current && round.id === current.id) fill(round);
      else if (!current || current.pending) early.push(round);
    }),
  ];
  function stop() { stops.forEach(s => s()); }

  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!admin) return;
    const name = command.value;
    let args = name === 'show' ? [publication.value.trim(), String(page.value || 1)] : name === 'set' ? [`${setting.value}=${value.value.trim()}`] : [];
    if (name === 'notice') {
      // Its end as an instant: the kiosks take it down then by their own clocks.
      const until = new Date(Date.now() + Number(lasts.value || 0) * UNITS[unit.value]).toISOString().replace(/\.\d+Z$/, 'Z');
      args = [level.value, until, text.value.trim()];
      if (noticeTitle.value.trim()) args.push(noticeTitle.value.trim());
    } else if (name === 'cancel-notice') {
      args = [noticeId.value.trim()];
    }
    const line = [name, ...args].join(' ');
    if (all && !confirm(t('cmd.confirm.all', { line }))) return;
    if (!all && name === 'restart' && !confirm(t('cmd.confirm.restart', { targets: targets.join(', ') }))) return;
    send.disabled = true;
    send.textContent = t('cmd.sending');
    rows.replaceChildren();
    byDevice.clear();
    early.length = 0;
    current = { pending: true };
    try {
      const round = await api('POST', '/api/commands', { targets, command: name, args });
      current = round;
      table.hidden = false;
      if (!all) for (const d of targets) mark(d, 'waiting', '');
      status.textContent = t('cmd.sent', { line: round.line, id: round.id });
      status.className = 'cmd-status';
      for (const x of early.splice(0)) {
        if (x.id !== round.id) continue;
        if ('answers' in x) fill(x); else mark(x.device, x.result, x.message, x.time);
      }
    } catch (err) {
      current = null;
      status.textContent = err.message;
      status.className = 'cmd-status bad';
      toast(err.message, true);
    } finally {
      send.disabled = false;
      send.textContent = t('cmd.send');
    }
  });
  panel.stop = stop;
  return panel;
}
