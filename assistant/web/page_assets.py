"""The chat page's CSS and its small scripts (run by Gradio's gr.HTML `js_on_load`).

The scripts only forward clicks: a citation [n] or a report name becomes a
Gradio event with the numbers or id from data attributes (never HTML), and
the copy button copies a textarea's plain text.
"""

CHAT_JS = """
watch('value', () => {  // keep the newest question and its (streaming) answer in view
  const last = element.querySelector('.rq-turn:last-child');
  if (last) last.scrollIntoView({block: 'start'});
});
element.addEventListener('click', (ev) => {
  const cite = ev.target.closest('.rq-cite');
  if (cite) {
    trigger('click', {turn: Number(cite.dataset.turn), n: Number(cite.dataset.n)});
    return;
  }
  const copy = ev.target.closest('.rq-copy');
  if (!copy) return;
  const text = copy.parentElement.querySelector('.rq-plain').value;
  const done = () => {
    copy.textContent = '已复制';
    setTimeout(() => { copy.textContent = '复制答案和来源'; }, 1500);
  };
  const fallback = () => {  // plain http on an intranet has no navigator.clipboard
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
    done();
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
  else fallback();
});
"""

OPEN_REPORT_JS = """
element.addEventListener('click', (ev) => {
  const open = ev.target.closest('.rq-open');
  if (open) trigger('click', {report_id: open.dataset.report});
});
"""

REVIEW_TABLE_JS = """
element.addEventListener('click', (ev) => {  // a check with a quote, or a report's name, in the review table
  const open = ev.target.closest('.rq-rv-open');
  if (open) trigger('click', {report_id: open.dataset.report, part: open.dataset.part || ''});
});
"""

VIEWER_JS = """
watch('value', () => {  // bring the cited paragraph (or a newly opened report's start) into view
  const cited = element.querySelector('.rq-cited');
  const target = cited || element.querySelector('.rq-context');
  if (target) target.scrollIntoView({block: cited ? 'center' : 'start'});
});
"""

PAGE_CSS = """
.rq-header h1 { font-size: 1.5rem; margin: 0.2rem 0; }
.rq-header p { color: var(--body-text-color-subdued); margin: 0; }
.rq-chat { display: flex; flex-direction: column; gap: 0.9rem; padding: 0.5rem; }
.rq-empty { color: var(--body-text-color-subdued); padding: 1rem; }
.rq-q { align-self: flex-end; margin-left: 20%; background: var(--color-accent-soft);
        border-radius: 10px; padding: 0.5rem 0.8rem; white-space: pre-wrap; }
.rq-turn { display: flex; flex-direction: column; gap: 0.4rem; }
.rq-a { margin-right: 10%; border: 1px solid var(--border-color-primary); border-radius: 10px;
        padding: 0.6rem 0.8rem; line-height: 1.7; }
.rq-not-found { border-style: dashed; }
.rq-error { color: var(--error-text-color, #b91c1c); border-color: currentColor; }
.rq-cursor { animation: rq-blink 1s steps(2) infinite; }
.rq-draft { font-size: 12px; color: #8a5a00; background: #fff4d6; border: 1px dashed #c98a00; padding: 2px 6px; margin-bottom: 4px; display: inline-block; }
@keyframes rq-blink { 50% { opacity: 0; } }
button.rq-cite { border: none; background: none; padding: 0 1px; color: var(--link-text-color, #2563eb);
                 cursor: pointer; font-weight: 600; font-size: inherit; }
button.rq-cite:hover { text-decoration: underline; }
/* An answer's notes: how it was reached, not part of it. Small, subdued, marked ⓘ, under the text. */
.rq-notes { margin: 0.4rem 0 0; padding: 0.3rem 0.6rem; list-style: none; font-size: 0.85em;
            color: var(--body-text-color-subdued); background: var(--background-fill-secondary, #f6f7f9);
            border-left: 3px solid var(--border-color-primary); border-radius: 4px; }
.rq-notes li::before { content: "ⓘ "; }
.rq-sources { margin: 0.5rem 0 0; padding-left: 0; list-style: none; font-size: 0.9em; }
.rq-sources li { margin: 0.25rem 0; }
.rq-where { color: var(--body-text-color-subdued); }
.rq-quote { display: block; margin-left: 1.8rem; }
.rq-tools { margin-top: 0.4rem; }
.rq-copy, .rq-open { border: 1px solid var(--border-color-primary); border-radius: 6px; background: none;
                     padding: 0.1rem 0.5rem; cursor: pointer; font-size: 0.85em; }
.rq-context .rq-title { font-weight: 700; font-size: 1.05em; }
.rq-head { position: sticky; top: -10px; z-index: 1; margin-top: -10px; padding: 10px 0 0.3rem;
           background: var(--background-fill-primary, #fff); border-bottom: 1px solid var(--border-color-primary); }
.rq-facts, .rq-section, .rq-src { color: var(--body-text-color-subdued); font-size: 0.9em; }
.rq-para { margin: 0.4rem 0; line-height: 1.7; white-space: pre-wrap; }
.rq-near { color: var(--body-text-color-subdued); }
.rq-cited { border-left: 3px solid var(--color-accent); padding-left: 0.5rem; }
.rq-cited mark { background: #fde68a; color: inherit; padding: 0 2px; }
.rq-n { display: inline-block; min-width: 2.2em; color: var(--body-text-color-subdued); font-size: 0.8em; }
.rq-reports { list-style: none; padding: 0; margin: 0; }
.rq-reports li { margin: 0.4rem 0; }
.rq-warn, .rq-warnings { color: #b45309; font-size: 0.85em; }
/* The review table (报告审查): every check says its symbol and word, the colour only repeats it. Wide
   tables scroll inside their box, so a phone's page never grows wider than the screen. */
#rq-rv-table { min-width: 0; max-width: 100%; }
.rq-rv-wrap { overflow-x: auto; max-width: 100%; -webkit-overflow-scrolling: touch;
              border: 1px solid var(--border-color-primary); border-radius: 8px; }
.rq-rv { border-collapse: collapse; width: 100%; font-size: 0.9em; }
.rq-rv th, .rq-rv td { border-bottom: 1px solid var(--border-color-primary); padding: 0.35rem 0.5rem;
                       text-align: left; vertical-align: top; }
.rq-rv thead th { background: var(--background-fill-secondary); white-space: nowrap; }
/* The 单位 column stays in view while a narrow screen scrolls the checks sideways. */
.rq-rv-name, .rq-rv thead th:first-child { position: sticky; left: 0; z-index: 1;
                                            background: var(--background-fill-primary, #fff);
                                            box-shadow: 1px 0 0 var(--border-color-primary); }
.rq-rv thead th:first-child { z-index: 2; background: var(--background-fill-secondary); }
.rq-rv-name { min-width: 9em; font-weight: normal; }
.rq-rv-cell { white-space: nowrap; }
.rq-rv-note { display: block; font-size: 0.85em; color: var(--body-text-color-subdued); white-space: normal; }
.rq-rv-summary, .rq-rv-legend { color: var(--body-text-color-subdued); font-size: 0.9em; margin: 0.2rem 0; }
button.rq-rv-open { border: none; background: none; padding: 0; font: inherit; color: inherit; cursor: pointer;
                    text-align: left; text-decoration: underline dotted; text-underline-offset: 3px; }
button.rq-rv-open:hover { text-decoration-style: solid; }
.rq-rv-part, .rq-rv-good { background: #dcfce7; color: #14532d; }
.rq-rv-inside { background: #fef3c7; color: #713f12; }
.rq-rv-missing, .rq-rv-bad { background: #fee2e2; color: #7f1d1d; }
.rq-rv-unknown, .rq-rv-na { background: #f1f5f9; color: #334155; }
.rq-rv-warn { color: #b45309; cursor: help; }
@media (max-width: 600px) {
  .rq-rv { font-size: 0.8em; }
  .rq-rv th, .rq-rv td { padding: 0.25rem 0.35rem; }
  .rq-rv-name { min-width: 7em; }
}
/* A phone: the indicator table keeps 单位, 年度, 数值 and 原文; the figure as written and its qualifier
   (columns 4 and 5) give way, so the value column is never pushed out of view. */
@media (max-width: 600px) {
  #rq-ind-table th:nth-child(4), #rq-ind-table td:nth-child(4),
  #rq-ind-table th:nth-child(5), #rq-ind-table td:nth-child(5) { display: none; }
  #rq-ind-table th:nth-child(3), #rq-ind-table td:nth-child(3) { min-width: 4.5em; }
}
"""

# The admin upload sends the chosen files' bytes to POST /api/reports with the admin key and follows
# each job at /api/jobs/{id}: the page never hands the server a path, and Gradio's upload route is off.
ADMIN_UPLOAD_HTML = """<div class="rq-upload">
<input type="file" class="rq-files" multiple accept=".txt,.md,.html,.htm,.pdf,.docx,.png,.jpg,.jpeg,.tif,.tiff">
<button type="button" class="rq-up lg secondary">上传并索引</button>
<pre class="rq-up-status" aria-live="polite"></pre></div>"""

ADMIN_UPLOAD_JS = """
const base = window.location.pathname.replace(/[^/]*$/, '');
const status = element.querySelector('.rq-up-status');
const say = (line) => { status.textContent += line + '\\n'; };
// The server's message names the file already ("a.pdf:…"): the line says the name once.
const message = (body, fallback, name) => {
  const text = (body && body.error && body.error.message) || fallback;
  return name && text.startsWith(name + ':') ? text.slice(name.length + 1) : text;
};
async function follow(url, name, key) {
  const before = status.textContent;  // a scan's OCR progress is one line below, rewritten each second
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const job = await (await fetch(url, {headers: {Authorization: 'Bearer ' + key}})).json();
    status.textContent = before;
    if (job.ocr) { say('… ' + name + ':扫描件 OCR 识别 ' + job.ocr.page + '/' + job.ocr.pages + ' 页'); }
    if (job.status === 'done') { say('✓ ' + name + ':' + (job.result.status === 'unchanged' ? '内容未变' : '已索引')); return; }
    if (job.status === 'failed') { say('✗ ' + name + ':' + message(job, '索引失败', name)); return; }
    if (job.error) { say('✗ ' + name + ':' + message(job, '无法查询任务')); return; }
  }
}
element.querySelector('.rq-up').addEventListener('click', async () => {
  const keyBox = document.querySelector('#rq-admin-key input, #rq-admin-key textarea');
  const key = keyBox ? keyBox.value.trim() : '';
  const files = element.querySelector('.rq-files').files;
  status.textContent = '';
  if (!key) { say('请先输入管理员密钥。'); return; }
  if (!files.length) { say('请选择文件。'); return; }
  for (const file of files) {
    say('… ' + file.name + ':上传中');
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const response = await fetch(base + 'api/reports', {method: 'POST', body: form, headers: {Authorization: 'Bearer ' + key}});
      const body = await response.json().catch(() => null);
      if (response.status !== 202) { say('✗ ' + file.name + ':' + message(body, '上传失败(' + response.status + ')', file.name)); continue; }
      say('… ' + file.name + ':已上传,正在索引');
      await follow(base + 'api/jobs/' + body.job_id, file.name, key);
    } catch (err) {
      say('✗ ' + file.name + ':网络错误,请稍后再试');
    }
  }
  const refresh = document.querySelector('#rq-admin-refresh');
  if (refresh) refresh.click();
});
"""
