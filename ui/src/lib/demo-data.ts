// DEV-ONLY fake backend for UI development and screenshots: used by
// `backend.ts` only outside Tauri and only with `?demo` in the URL. It keeps
// realistic Ukrainian sample data in memory and answers the same commands
// and events as the Tauri shell, roughly (SLA figures are computed with a
// simplified 24×7 model, not the real engine). Never part of the real data path.
import type { CommandName } from '../bindings/client/ipc';
import type { Article } from '../bindings/Article';
import type { Availability } from '../bindings/Availability';
import type { EventKind } from '../bindings/EventKind';
import type { Me } from '../bindings/Me';
import type { MetricReport } from '../bindings/MetricReport';
import type { Op } from '../bindings/Op';
import type { Priority } from '../bindings/Priority';
import type { Requester } from '../bindings/Requester';
import type { SlaReport } from '../bindings/SlaReport';
import type { Status } from '../bindings/Status';
import type { Step } from '../bindings/Step';
import type { Ticket } from '../bindings/Ticket';
import type { TicketEvent } from '../bindings/TicketEvent';
import type { TicketType } from '../bindings/TicketType';
import type { Transport } from './backend';
import type {
  AttentionItem,
  Dashboard,
  Language,
  QueueItem,
  QueueName,
  SearchHit,
  Settings,
  SyncStatus,
  TicketDetail,
  WeekStat,
} from './contract';
import { QUEUE_NAMES, type Directory } from './contract';

const EVERY_ACTION: Availability[] = (
  ['take', 'assign', 'comment', 'request_info', 'info_received', 'postpone', 'resume', 'escalate', 'set_priority', 'set_complexity', 'change_type', 'give_workaround', 'resolve', 'request_confirmation', 'reopen', 'close', 'reject'] as const
).map((op) => ({ op }));

const ZONE = 'Europe/Kyiv';
const H = 3600_000;
const MIN = 60_000;

const ME: Me = {
  id: 'analyst',
  username: 'analyst',
  display_name: 'Олена Коваленко',
  role: 'analyst',
  groups: [
    { id: 'l2-asmo', name: 'L2 АСМО «Інспектор»', line: 'L2' },
    { id: 'l2-ncts', name: 'L2 NCTS / ЕТС', line: 'L2' },
  ],
  permissions: { group_lead: false, kb_editor: false },
};

const COLLEAGUES = ['i.bondar', 's.tkachenko', 'm.shevchuk', 'o.lysenko'];
const MY_GROUPS = ME.groups.map((g) => g.id);
const COLLEAGUE_NAMES = ['Ігор Бондар', 'Світлана Ткаченко', 'Марія Шевчук', 'Олег Лисенко'];
const DIRECTORY: Directory = {
  groups: [...ME.groups, { id: 'l1-contact', name: 'Контакт-центр (L1)', line: 'L1' }, { id: 'l3-eais', name: 'Розробник ЄАІС (L3)', line: 'L3' }],
  users: [
    { id: ME.id, username: ME.username, display_name: ME.display_name, role: 'analyst', groups: MY_GROUPS, active: true },
    ...COLLEAGUES.map((id, i) => ({ id, username: id, display_name: COLLEAGUE_NAMES[i], role: 'analyst' as const, groups: [MY_GROUPS[i % 2]], active: true })),
  ],
};

type Pause = { from: number; to: number | null; status: Status };
/** `sent`: how many events and comments the server has; the rest are unsent while `pending`. */
type DemoTicket = { t: Ticket; events: TicketEvent[]; pauses: Pause[]; takenAt: number | null; pending: number; sent?: [number, number] };

const SUBJECTS: [TicketType, string, string, string][] = [
  ['incident', 'Не формується митна декларація в АСМО «Інспектор» — помилка 0x1F при підписанні', 'АСМО «Інспектор»', 'Під час накладання КЕП на МД типу ІМ40ДЕ система видає помилку 0x1F «Сертифікат не знайдено». Проблема з 08:40, на двох АРМ пункту пропуску.'],
  ['incident', 'NCTS: транзитна декларація зависла у статусі «Очікує гарантії»', 'NCTS / ЕТС', 'Декларація 25UA500000000123 з 07:15 у статусі «Очікує гарантії», хоча гарантію підтверджено. Вантаж стоїть на кордоні.'],
  ['service_request', 'Надати доступ до модуля «Аналіз ризиків» новому інспектору', 'АСМО «Інспектор»', 'Прошу надати роль «Інспектор ВМО» працівнику Петренку В. І. з 01.06. Службову записку додано.'],
  ['consultation', 'Як зареєструвати уповноваженого вантажовідправника в ЕТС?', 'NCTS / ЕТС', 'Підприємство отримало авторизацію. Які кроки в ЕТС, щоб почати оформлювати транзит без пред’явлення на митниці?'],
  ['incident', 'Повільна робота ЄАІС на Волинській митниці після оновлення', 'ЄАІС', 'Після нічного оновлення відкриття картки МД триває понад 2 хвилини. Стосується всіх АРМ митниці.'],
  ['incident', 'Не друкується картка відмови у пропуску (форма МД-9)', 'АСМО «Інспектор»', 'При друку картки відмови з’являється порожній аркуш. Принтер працює, інші форми друкуються.'],
  ['change_request', 'Додати поле «Номер контейнера» до звіту про огляд', 'АСМО «Інспектор»', 'Для аналізу ризиків просимо додати номер контейнера до звіту про митний огляд (вивантаження у XLSX).'],
  ['incident', 'Помилка синхронізації довідника УКТЗЕД з центральною базою', 'ЄАІС', 'Довідник УКТЗЕД на митному посту «Ягодин» не оновлюється з 12.05, останнє повідомлення — «timeout».'],
  ['service_request', 'Перевипустити сертифікат КЕП для АРМ інспектора', 'Електронний підпис', 'Строк дії сертифіката закінчується 30.06. Прошу перевипустити для АРМ № 14.'],
  ['consultation', 'Як внести зміни до вже випущеної транзитної декларації?', 'NCTS / ЕТС', 'Декларант помилився у ваговому показнику. Чи можна змінити відомості після випуску?'],
  ['incident', 'Не приходять повідомлення IE029 від митниці відправлення', 'NCTS / ЕТС', 'Декларант не отримує IE029 по трьох деклараціях за сьогодні. Транзит не може розпочатись.'],
  ['incident', 'АРМ інспектора не бачить сканер штрихкодів', 'АСМО «Інспектор»', 'Після заміни ПК сканер Honeywell не визначається у програмі. Драйвер встановлено.'],
  ['service_request', 'Розблокувати обліковий запис після трьох невдалих спроб входу', 'Доступ', 'Обліковий запис k.marchenko заблоковано, прошу розблокувати.'],
  ['incident', 'Помилка «Недійсний код EORI» для чинного номера', 'Єдине вікно', 'Під час подання попередньої декларації ЄВ повертає «Недійсний код EORI» для UA123456780000, хоча номер чинний.'],
  ['consultation', 'Чи потрібна гарантія для транзиту порожніх контейнерів?', 'NCTS / ЕТС', 'Брокер питає, чи треба надавати гарантію для переміщення порожніх контейнерів у режимі транзиту.'],
  ['incident', 'Звіт «Оформлені МД за добу» показує нулі', 'ЄАІС', 'Звіт за 14.05 порожній, хоча оформлено 312 декларацій.'],
  ['incident', 'Не відкривається електронна черга на пункті пропуску «Ягодин»', 'Електронна черга', 'Сторінка електронної черги видає 502 з 06:00. Водії не можуть зареєструватися.'],
  ['service_request', 'Налаштувати доступ до ЕТС для нового митного поста', 'NCTS / ЕТС', 'Відкривається митний пост «Рава-Руська-2». Потрібно налаштувати код підрозділу в ЕТС.'],
  ['incident', 'Дублюються записи в журналі огляду транспортних засобів', 'АСМО «Інспектор»', 'Кожен огляд записується двічі з різницею в секунду. Почалося після оновлення 3.14.'],
  ['consultation', 'Порядок заповнення графи 44 для товарів подвійного призначення', 'ЄАІС', 'Які коди документів вказувати у графі 44 для товарів подвійного призначення?'],
];

const REQUESTERS: Requester[] = [
  { kind: 'official', name: 'Ярослав Мельник', organisation: 'Волинська митниця', edrpou: null, tax_number: null, customs_unit: 'UA205020 — митний пост «Ягодин»', position: 'головний державний інспектор', email: 'y.melnyk@customs.gov.ua', phone: '+380 33 2 11 22 33', user_id: null },
  { kind: 'legal_entity', name: 'Ірина Савчук', organisation: 'ТОВ «Західтрансброкер»', edrpou: '38451277', tax_number: null, customs_unit: null, position: 'митний брокер', email: 'savchuk@ztb.com.ua', phone: '+380 67 555 12 34', user_id: 'r-savchuk' },
  { kind: 'official', name: 'Андрій Гнатюк', organisation: 'Львівська митниця', edrpou: null, tax_number: null, customs_unit: 'UA209000 — Львівська митниця', position: 'інспектор відділу митного оформлення', email: 'a.hnatiuk@customs.gov.ua', phone: null, user_id: null },
  { kind: 'entrepreneur', name: 'Василь Дорошенко', organisation: 'ФОП Дорошенко В. П.', edrpou: null, tax_number: '3012456789', customs_unit: null, position: null, email: 'doroshenko.vp@ukr.net', phone: '+380 50 111 22 33', user_id: null },
  { kind: 'official', name: 'Наталія Кравець', organisation: 'Одеська митниця', edrpou: null, tax_number: null, customs_unit: 'UA500000 — Одеська митниця', position: 'начальник сектору', email: 'n.kravets@customs.gov.ua', phone: '+380 48 700 10 20', user_id: null },
];

const TARGET_H: Record<number, number> = { 1: 4, 2: 8, 3: 24, 4: 40, 5: 160 };

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function pausedMs(d: DemoTicket, until: number): number {
  return d.pauses.reduce((s, p) => s + Math.max(0, Math.min(p.to ?? until, until) - p.from), 0);
}

function metricReports(d: DemoTicket, now: number): MetricReport[] {
  const t = d.t;
  const reg = Date.parse(t.registered_at);
  // Reaction: 30 minutes from registration, stopped when taken.
  const rTarget = 30 * MIN;
  const rDue = reg + rTarget;
  const rStop = d.takenAt;
  const rEnd = rStop ?? now;
  const rSteps: Step[] = [
    { step: 'started', at: t.registered_at, cause: 'registered' },
    { step: 'target', at: t.registered_at, term: '30 calendar minutes', priority: t.priority, complexity: t.complexity, workaround: false },
    { step: 'hour_count', from: t.registered_at, first_working: t.registered_at, due: iso(rDue) },
  ];
  if (rStop) rSteps.push({ step: 'stopped', at: iso(rStop), by: 'taken' });
  const reaction: MetricReport = {
    name: 'reaction',
    target: '30 calendar minutes',
    due: iso(rDue),
    state: rStop ? (rStop <= rDue ? 'met' : 'breached') : now > rDue ? 'breached' : 'running',
    started_at: t.registered_at,
    stopped_at: rStop ? iso(rStop) : null,
    elapsed_working_seconds: Math.round((rEnd - reg) / 1000),
    remaining_working_seconds: Math.max(0, Math.round((rDue - rEnd) / 1000)),
    used_share: (rEnd - reg) / rTarget,
    warnings: [],
    steps: rSteps,
  };
  // Resolution: by priority, calendar hours, paused while awaiting/postponed.
  const hours = TARGET_H[t.priority] ?? 24;
  const target = hours * H;
  const stopAt = t.resolved_at ? Date.parse(t.resolved_at) : null;
  const end = stopAt ?? now;
  const paused = pausedMs(d, end);
  const due = reg + target + paused;
  const sSteps: Step[] = [
    { step: 'started', at: t.registered_at, cause: 'registered' },
    { step: 'target', at: t.registered_at, term: `${hours} calendar hours`, priority: t.priority, complexity: t.complexity, workaround: t.workaround != null },
    { step: 'hour_count', from: t.registered_at, first_working: t.registered_at, due: iso(reg + target) },
  ];
  for (const p of d.pauses) {
    sSteps.push({ step: 'paused', from: iso(p.from), to: p.to ? iso(p.to) : null, status: p.status, added_seconds: Math.round(((p.to ?? end) - p.from) / 1000) });
  }
  if (stopAt) sSteps.push({ step: 'stopped', at: iso(stopAt), by: 'resolved' });
  const worked = end - reg - paused;
  const isPaused = !stopAt && (t.status === 'awaiting_info' || t.status === 'postponed');
  const resolution: MetricReport = {
    name: 'resolution',
    target: `${hours} calendar hours`,
    due: iso(due),
    state: stopAt ? (stopAt <= due ? 'met' : 'breached') : end > due ? 'breached' : isPaused ? 'paused' : 'running',
    started_at: t.registered_at,
    stopped_at: stopAt ? iso(stopAt) : null,
    elapsed_working_seconds: Math.round(worked / 1000),
    remaining_working_seconds: Math.max(0, Math.round((target - worked) / 1000)),
    used_share: worked / target,
    warnings: [0.75, 0.9, 1].map((th) => ({ at: iso(reg + paused + th * target), threshold: th, reached: worked >= th * target })),
    steps: sSteps,
  };
  return [reaction, resolution];
}

function slaReport(d: DemoTicket, now: number): SlaReport {
  return { metrics: metricReports(d, now), next_change: null };
}

function queueItem(d: DemoTicket, now: number): QueueItem {
  const t = d.t;
  const metrics = metricReports(d, now);
  const counting = metrics.filter((m) => m.due && (m.state === 'running' || (m.state === 'breached' && !m.stopped_at))).map((m) => m.due!).sort();
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    type: t.type,
    status: t.status,
    priority: t.priority,
    group: t.group,
    owner: t.owner,
    requester: t.requester.name,
    updated_at: t.updated_at,
    pending_ops: d.pending,
    sla: metrics.map((m) => ({
      name: m.name,
      due: m.due,
      state: m.state,
      used_share: m.used_share,
      remaining_working_seconds: m.remaining_working_seconds,
      counting: m.state === 'running' || (m.state === 'breached' && !m.stopped_at),
      warnings: m.warnings,
    })),
    next_due: counting[0] ?? null,
    time_zone: ZONE,
  };
}

function makeTicket(i: number, now: number): DemoTicket {
  const [type, subject, service, description] = SUBJECTS[i % SUBJECTS.length];
  const priority: Priority = [2, 3, 1, 4, 3, 2, 5, 3, 4, 3, 2, 3, 4, 2, 4, 3, 1, 4, 3, 5][i % 20];
  const ageH = [0.4, 3, 1.2, 20, 5, 7.5, 60, 2.5, 30, 16, 1.7, 6, 12, 2.2, 34, 26, 0.15, 50, 18, 120][i % 20] * (1 + Math.floor(i / 20) * 0.7);
  const reg = now - ageH * H;
  const group = i % 3 === 2 ? 'l2-ncts' : 'l2-asmo';
  const statuses: Status[] = ['new', 'in_progress', 'in_progress', 'awaiting_info', 'in_progress', 'in_progress', 'postponed', 'in_progress', 'resolved', 'in_progress', 'new', 'in_progress', 'awaiting_info', 'in_progress', 'closed', 'in_progress', 'new', 'in_progress', 'in_progress', 'resolved'];
  const status = statuses[i % 20];
  const owner = status === 'new' ? null : i % 4 === 3 ? COLLEAGUES[i % COLLEAGUES.length] : ME.id;
  const requester = REQUESTERS[i % REQUESTERS.length];
  const num = `HD-2025-${String(4512 + i).padStart(6, '0')}`;
  const t: Ticket = {
    id: `t-${i}`,
    number: num,
    version: 1,
    type,
    subject,
    description,
    service,
    channel: (['portal', 'phone', 'email', 'chat_bot', 'portal'] as const)[i % 5],
    requester,
    impact: priority <= 2 ? 'high' : priority <= 4 ? 'medium' : 'low',
    urgency: priority === 1 ? 'high' : priority <= 3 ? 'medium' : 'low',
    priority,
    complexity: null,
    line: 'L2',
    group,
    owner,
    co_executor_groups: [],
    status,
    postpone_reason: status === 'postponed' ? 'software_change' : null,
    workaround: null,
    resolution: null,
    expected_result: type === 'incident' ? 'Декларація підписується та надсилається без помилок.' : null,
    actual_result: type === 'incident' ? 'Помилка під час операції; роботу зупинено.' : null,
    kb_links: [],
    links: [],
    attachments: type === 'incident' ? [{ name: 'screenshot.png', sha256: '9f2c'.padEnd(64, '0'), size: 184_233 }] : [],
    comments: [],
    info_requests: 0,
    received_at: iso(reg - 4 * MIN),
    registered_at: iso(reg),
    resolved_at: null,
    closed_at: null,
    updated_at: iso(reg),
    rejection: null,
    deadline_extensions: [],
  };
  const d: DemoTicket = { t, events: [], pauses: [], takenAt: null, pending: 0 };
  const ev = (at: number, actor: string, kind: EventKind) => {
    d.events.push({ at: iso(at), actor, kind });
    t.updated_at = iso(Math.max(at, Date.parse(t.updated_at)));
  };
  const comment = (at: number, author: string, visibility: 'public' | 'internal', text: string) => {
    t.comments.push({ visibility, author, at: iso(at), text });
    ev(at, author, { type: 'comment_added', visibility });
  };
  ev(reg, 'l1.operator', { type: 'registered', number: num, ticket_type: type, status: 'new', channel: t.channel, priority, impact: t.impact, urgency: t.urgency, complexity: null, line: 'L1', group: 'l1-contact-centre', received_at: t.received_at });
  ev(reg + 2 * MIN, 'l1.operator', { type: 'escalated', from_line: 'L1', line: 'L2', from_group: 'l1-contact-centre', group, note: 'Потрібен аналіз на L2: відповіді в базі знань немає.' });
  if (status !== 'new') {
    const taken = reg + Math.min(ageH * H * 0.1, (i % 5 === 4 ? 45 : 18) * MIN);
    d.takenAt = taken;
    ev(taken, owner ?? ME.id, { type: 'owner_changed', from: null, to: owner });
    ev(taken, owner ?? ME.id, { type: 'status_changed', from: 'new', to: 'in_progress' });
    comment(taken + 5 * MIN, owner ?? ME.id, 'internal', 'Перевірив журнали сервера підписання: помилки з’явились після оновлення сертифікатів ЦСК. Уточнюю в адміністраторів.');
    comment(taken + 9 * MIN, owner ?? ME.id, 'public', 'Доброго дня! Звернення взято в роботу. Будь ласка, повідомте номер АРМ та точний час, коли виникла помилка.');
    if (status === 'awaiting_info') {
      const at = taken + 20 * MIN;
      ev(at, owner ?? ME.id, { type: 'info_requested', question: 'Надішліть, будь ласка, знімок екрана з повним текстом помилки.', count: 1 });
      ev(at, owner ?? ME.id, { type: 'status_changed', from: 'in_progress', to: 'awaiting_info' });
      t.status = 'awaiting_info';
      t.info_requests = 1;
      d.pauses.push({ from: at, to: null, status: 'awaiting_info' });
    }
    if (status === 'postponed') {
      const at = taken + 60 * MIN;
      ev(at, owner ?? ME.id, { type: 'postponed', reason: 'software_change', note: 'Потрібне виправлення в релізі 3.15 (заявка розробнику № 2291).' });
      ev(at, owner ?? ME.id, { type: 'status_changed', from: 'in_progress', to: 'postponed' });
      d.pauses.push({ from: at, to: null, status: 'postponed' });
    }
    if (i % 7 === 1 && status === 'in_progress') {
      const at = taken + 40 * MIN;
      ev(at, 'i.bondar', { type: 'priority_changed', from: priority + 1, to: priority, impact: t.impact, urgency: t.urgency, note: 'Зупинено оформлення на пункті пропуску' });
      comment(at + 10 * MIN, 'r-savchuk', 'public', 'Помилка повторюється на всіх АРМ, у черзі вже 40 вантажівок.');
    }
    if (status === 'resolved' || status === 'closed') {
      const at = Math.min(now - 10 * MIN, taken + 3 * H);
      t.resolution = { code: 'fixed', text: 'Оновлено ланцюжок сертифікатів ЦСК на АРМ; підписання працює.' };
      t.resolved_at = iso(at);
      t.kb_links = ['kb-101'];
      ev(at, owner ?? ME.id, { type: 'kb_linked', article: 'kb-101' });
      ev(at, owner ?? ME.id, { type: 'resolved', code: 'fixed', text: t.resolution.text });
      ev(at, owner ?? ME.id, { type: 'status_changed', from: 'in_progress', to: 'resolved' });
      if (status === 'closed') {
        t.status = 'closed';
        t.closed_at = iso(at + 30 * MIN);
        ev(at + 30 * MIN, 'r-savchuk', { type: 'closed', basis: 'confirmed' });
        ev(at + 30 * MIN, 'r-savchuk', { type: 'status_changed', from: 'resolved', to: 'closed' });
      }
    }
  }
  t.version = d.events.length;
  return d;
}

const ARTICLES: Article[] = [
  ['kb-101', 'Помилка 0x1F під час накладання КЕП в АСМО «Інспектор»', 'Електронний підпис', ['КЕП', 'АСМО', 'сертифікат'], 'Причина: на АРМ відсутній актуальний ланцюжок сертифікатів ЦСК після його планової заміни.\n\nРішення:\n1. Завантажте пакет сертифікатів ЦСК з внутрішнього порталу (розділ «Електронний підпис»).\n2. Встановіть його через «Засоби КЕП → Імпорт сертифікатів».\n3. Перезапустіть АСМО «Інспектор» і повторіть підписання.\n\nЯкщо помилка лишається — перевірте строк дії особистого сертифіката інспектора.'],
  ['kb-102', 'NCTS: декларація у статусі «Очікує гарантії» після підтвердження гарантії', 'NCTS / ЕТС', ['NCTS', 'гарантія', 'IE028'], 'Статус не змінюється, якщо повідомлення IE203 від гарантійної системи надійшло раніше за IE015. Повторно надішліть запит на перевірку гарантії (дія «Перевірити гарантію» у картці декларації). Якщо за 15 хвилин статус не змінився — ескалюйте на L3 (постачальник ЕТС) з номером MRN.'],
  ['kb-103', 'Надання ролей у модулі «Аналіз ризиків»', 'Доступ', ['ролі', 'доступ', 'аналіз ризиків'], 'Роль надається за службовою запискою керівника підрозділу. Перевірте наявність погодження, створіть заявку в IDM з кодом ролі RISK_INSPECTOR. Строк виконання — 3 робочі дні.'],
  ['kb-104', 'Реєстрація уповноваженого вантажовідправника в ЕТС', 'NCTS / ЕТС', ['ЕТС', 'авторизація', 'транзит'], 'Після отримання авторизації підприємство додається до довідника уповноважених осіб. Перевірте номер авторизації, внесіть місця завантаження та зазначте гарантію. Відомості набувають чинності наступного робочого дня.'],
  ['kb-105', 'Повільна робота ЄАІС: перевірка кешу клієнта', 'ЄАІС', ['ЄАІС', 'продуктивність'], 'Після оновлення очистіть локальний кеш клієнта ЄАІС (%APPDATA%\\EAIS\\cache) і перезапустіть програму. Якщо повільно на всіх АРМ митниці — перевірте канал зв’язку та повідомте групу мережевої інфраструктури.'],
  ['kb-106', 'Зміна відомостей транзитної декларації після випуску', 'NCTS / ЕТС', ['NCTS', 'зміни', 'IE013'], 'Після випуску в транзит зміни до декларації не вносяться. Невідповідність ваги оформлюється митницею призначення як розбіжність (IE044). Порадьте декларанту звернутися до митниці призначення.'],
  ['kb-107', 'Сканер штрихкодів не визначається в АРМ інспектора', 'АСМО «Інспектор»', ['сканер', 'АРМ', 'драйвер'], 'Переведіть сканер у режим емуляції клавіатури (HID), відскануйте службовий штрихкод з інструкції виробника. У налаштуваннях АСМО вкажіть суфікс Enter.'],
  ['kb-108', 'Розблокування облікового запису', 'Доступ', ['обліковий запис', 'блокування'], 'Обліковий запис блокується після трьох невдалих спроб входу на 30 хвилин. Розблокування вручну — через консоль IDM після перевірки особи заявника за телефоном з довідника.'],
  ['kb-109', 'Помилка «Недійсний код EORI» в Єдиному вікні', 'Єдине вікно', ['EORI', 'Єдине вікно'], 'Код EORI перевіряється за реєстром, що оновлюється щодоби о 02:00. Новий номер стає чинним наступного дня після реєстрації. Якщо номер зареєстровано раніше — ескалюйте на L3 з текстом відповіді сервісу.'],
  ['kb-110', 'Заповнення графи 44 для товарів подвійного призначення', 'ЄАІС', ['графа 44', 'подвійне призначення'], 'Вказуйте код документа 5013 (висновок Держекспортконтролю) або 5014 (ідентифікаційний висновок) з номером і датою. Без висновку декларація не приймається.'],
].map(([id, title, category, tags, body]) => ({
  id: id as string,
  title: title as string,
  body: body as string,
  category: category as string,
  tags: tags as string[],
  language: 'uk',
  status: 'published',
  public: true,
  review_due: '2025-12-31',
  author: 'kb.editor',
  version: 3,
  updated_at: '2025-03-18T10:12:00Z',
}));

function searchKb(query: string): SearchHit[] {
  const terms = query.toLocaleLowerCase().split(/[\s,.;:!?«»"()]+/).filter((w) => w.length > 1);
  if (!terms.length) return [];
  const hits: SearchHit[] = [];
  for (const a of ARTICLES) {
    const hay = `${a.title} ${a.body} ${a.tags.join(' ')}`.toLocaleLowerCase();
    let rank = 0;
    for (const t of terms) {
      const stem = t.length > 5 ? t.slice(0, t.length - 2) : t;
      if (hay.includes(stem)) rank += a.title.toLocaleLowerCase().includes(stem) ? 3 : 1;
    }
    if (!rank) continue;
    const body = a.body.replace(/\n+/g, ' ');
    const first = terms.map((t) => body.toLocaleLowerCase().indexOf(t.length > 5 ? t.slice(0, t.length - 2) : t)).filter((x) => x >= 0).sort((x, y) => x - y)[0] ?? 0;
    const start = Math.max(0, first - 40);
    const text = (start > 0 ? '…' : '') + body.slice(start, start + 160) + (start + 160 < body.length ? '…' : '');
    hits.push({ id: a.id, title: a.title, snippet: [{ text, hit: false }], matched: rank });
  }
  return hits.sort((x, y) => y.matched - x.matched);
}

export function createDemoTransport(mode: string): Transport {
  const now0 = Date.now();
  const params = new URLSearchParams(typeof window !== 'undefined' ? window.location.search : '');
  const lang = (['uk', 'en', 'ru'].includes(params.get('lang') ?? '') ? params.get('lang') : 'uk') as Language;
  const count = mode === 'big' ? 10_000 : 40;
  const tickets = new Map<string, DemoTicket>();
  for (let i = 0; i < count; i++) {
    const d = makeTicket(i, now0);
    tickets.set(d.t.number, d);
  }
  let signedIn = mode !== 'signedout';
  let settings: Settings = { language: lang, thresholds: [0.75, 0.9, 1], quiet_hours: { from: '22:00', to: '07:00' }, theme: 'system' };
  let status: SyncStatus = {
    connectivity: mode === 'offline' ? 'offline' : 'online',
    pending: mode === 'offline' ? 3 : 0,
    needs_attention: 2,
    last_sync: iso(now0 - 4 * MIN),
    clock_skew_seconds: 1,
    last_error: mode === 'offline' ? 'connection refused' : null,
  };
  const firstTwo = [...tickets.values()].filter((d) => d.t.owner === ME.id && d.t.status === 'in_progress');
  let attention: AttentionItem[] = [
    { seq: 41, ticket_id: firstTwo[0]?.t.id ?? 't-1', number: firstTwo[0]?.t.number ?? 'HD-2025-004513', subject: firstTwo[0]?.t.subject ?? null, op: { op: 'comment', visibility: 'public', text: 'Сертифікати оновлено, перевірте, будь ласка, підписання ще раз.' }, code: 'ticket_closed', message: 'Звернення вже закрито заявником — коментар не додано. Відкрийте звернення повторно або створіть нове.', current: null, at: iso(now0 - 35 * MIN) },
    { seq: 44, ticket_id: firstTwo[1]?.t.id ?? 't-2', number: firstTwo[1]?.t.number ?? 'HD-2025-004514', subject: firstTwo[1]?.t.subject ?? null, op: { op: 'take' }, code: 'already_owned', message: 'Звернення вже взяв у роботу інший аналітик (i.bondar) — поки ви були офлайн.', current: null, at: iso(now0 - 12 * MIN) },
  ];
  for (const a of attention) {
    const d = a.number ? tickets.get(a.number) : undefined;
    if (d) a.current = { ticket: d.t, events: d.events, policy: 'customs-helpdesk' };
  }
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((h) => h(payload));
  const setStatus = (s: Partial<SyncStatus>) => {
    status = { ...status, ...s };
    emit('sync-status', status);
  };

  const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  const unsentOf = (d: DemoTicket) =>
    d.pending > 0 && d.sent ? { events: range(d.sent[0], d.events.length), comments: range(d.sent[1], d.t.comments.length) } : { events: [], comments: [] };
  const detail = (d: DemoTicket): TicketDetail => ({
    view: { ticket: d.t, events: d.events, policy: 'customs-helpdesk' },
    sla: slaReport(d, Date.now()),
    time_zone: ZONE,
    policy_name: 'Держмитслужба — HELP DESK',
    pending_ops: d.pending,
    unsent: unsentOf(d),
    // No workflow here: every action is offered (the real app asks the domain).
    actions: EVERY_ACTION,
  });

  const settle = () => {
    if (status.connectivity === 'offline') return;
    setStatus({ connectivity: 'syncing' });
    setTimeout(() => {
      for (const d of tickets.values()) d.pending = 0;
      setStatus({ connectivity: 'online', pending: 0, last_sync: new Date().toISOString() });
      emit('data-changed', null);
    }, 1200);
  };

  function act(d: DemoTicket, op: Op): void {
    const now = Date.now();
    const t = d.t;
    if (d.pending === 0) d.sent = [d.events.length, t.comments.length];
    const ev = (kind: EventKind) => d.events.push({ at: iso(now), actor: ME.id, kind });
    const setStatusTo = (to: Status) => {
      if (t.status === to) return;
      const from = t.status;
      const open = d.pauses.find((p) => p.to === null);
      if (open) open.to = now;
      if (to === 'awaiting_info' || to === 'postponed') d.pauses.push({ from: now, to: null, status: to });
      t.status = to;
      ev({ type: 'status_changed', from, to });
    };
    const fail = (code: string, message: string) => {
      throw { code, message };
    };
    switch (op.op) {
      case 'take':
        if (t.status === 'closed') fail('invalid_transition', 'Закрите звернення не можна взяти в роботу.');
        ev({ type: 'owner_changed', from: t.owner, to: ME.id });
        t.owner = ME.id;
        d.takenAt ??= now;
        if (t.status === 'new') setStatusTo('in_progress');
        break;
      case 'assign':
        if ('user' in op.to) {
          ev({ type: 'owner_changed', from: t.owner, to: op.to.user });
          t.owner = op.to.user;
          d.takenAt ??= now;
          if (t.status === 'new') setStatusTo('in_progress');
        } else {
          ev({ type: 'group_changed', from: t.group, to: op.to.group });
          t.group = op.to.group;
        }
        break;
      case 'comment':
        t.comments.push({ visibility: op.visibility, author: ME.id, at: iso(now), text: op.text });
        ev({ type: 'comment_added', visibility: op.visibility });
        break;
      case 'request_info':
        t.info_requests += 1;
        ev({ type: 'info_requested', question: op.question, count: t.info_requests });
        setStatusTo('awaiting_info');
        break;
      case 'info_received':
        ev({ type: 'info_received', text: op.text });
        setStatusTo('in_progress');
        break;
      case 'postpone':
        t.postpone_reason = op.reason;
        ev({ type: 'postponed', reason: op.reason, note: op.note });
        setStatusTo('postponed');
        break;
      case 'resume':
        t.postpone_reason = null;
        setStatusTo('in_progress');
        break;
      case 'escalate':
        ev({ type: 'escalated', from_line: t.line, line: op.line ?? t.line, from_group: t.group, group: op.group ?? t.group, note: op.note });
        t.line = op.line ?? t.line;
        t.group = op.group ?? t.group;
        break;
      case 'set_priority': {
        const m: Record<string, Record<string, number>> = { high: { high: 1, medium: 2, low: 3 }, medium: { high: 3, medium: 4, low: 5 }, low: { high: 4, medium: 5, low: 5 } };
        const to = op.level ?? m[op.urgency ?? 'medium'][op.impact ?? 'medium'];
        ev({ type: 'priority_changed', from: t.priority, to, impact: op.impact ?? t.impact, urgency: op.urgency ?? t.urgency, note: op.note ?? null });
        t.priority = to;
        break;
      }
      case 'set_complexity':
        ev({ type: 'complexity_changed', from: t.complexity, to: op.complexity });
        t.complexity = op.complexity;
        break;
      case 'change_type':
        ev({ type: 'type_changed', from: t.type, to: op.ticket_type, note: op.note });
        t.type = op.ticket_type;
        break;
      case 'give_workaround':
        t.workaround = op.text;
        ev({ type: 'workaround_given', text: op.text });
        break;
      case 'resolve':
        for (const a of op.kb ?? []) if (!t.kb_links.includes(a)) t.kb_links.push(a);
        t.resolution = { code: op.code, text: op.text };
        t.resolved_at = iso(now);
        ev({ type: 'resolved', code: op.code, text: op.text });
        setStatusTo('resolved');
        break;
      case 'reopen':
        t.resolved_at = null;
        t.resolution = null;
        ev({ type: 'reopened', reason: op.reason });
        setStatusTo('in_progress');
        break;
      case 'close':
        t.closed_at = iso(now);
        ev({ type: 'closed', basis: op.basis });
        setStatusTo('closed');
        break;
      case 'reject':
        t.rejection = { reason: op.reason, note: op.note } as never;
        ev({ type: 'rejected', reason: op.reason, note: op.note });
        setStatusTo('closed');
        break;
      case 'link_kb':
        if (!t.kb_links.includes(op.article)) t.kb_links.push(op.article);
        ev({ type: 'kb_linked', article: op.article });
        break;
      default:
        fail('unsupported', `Демо не підтримує дію ${op.op}.`);
    }
    t.updated_at = iso(now);
    t.version += 1;
    d.pending += 1;
    setStatus({ pending: status.pending + 1 });
    emit('data-changed', null);
    settle();
  }

  function queue(name: QueueName): QueueItem[] {
    const now = Date.now();
    const all = [...tickets.values()];
    const mineOrGroup = (d: DemoTicket) => d.t.owner === ME.id || MY_GROUPS.includes(d.t.group);
    let rows: DemoTicket[];
    switch (name) {
      case 'mine':
        rows = all.filter((d) => d.t.owner === ME.id && d.t.status !== 'closed');
        break;
      case 'group':
        rows = all.filter((d) => MY_GROUPS.includes(d.t.group) && d.t.status !== 'closed');
        break;
      case 'unassigned':
        rows = all.filter((d) => MY_GROUPS.includes(d.t.group) && !d.t.owner && d.t.status !== 'closed');
        break;
      case 'awaiting':
        rows = all.filter((d) => d.t.status === 'awaiting_info' && mineOrGroup(d));
        break;
      case 'breaching':
        rows = all.filter((d) => mineOrGroup(d) && metricReports(d, now).some((m) => (m.state === 'running' && (m.used_share ?? 0) >= 0.75) || (m.state === 'breached' && !m.stopped_at)));
        break;
      case 'recent':
        rows = all.slice().sort((a, b) => Date.parse(b.t.updated_at) - Date.parse(a.t.updated_at)).slice(0, 200);
        break;
    }
    return rows.map((d) => queueItem(d, now));
  }

  const delay = <T>(v: T, ms = 60): Promise<T> => new Promise((r) => setTimeout(() => r(structuredClone(v)), ms));
  const needSession = () => {
    if (!signedIn) throw { code: 'not_signed_in', message: 'Увійдіть, щоб продовжити.' };
  };

  // Every command of the IPC contract, no more: the type check fails when the contract changes.
  const needsServer = (): never => {
    throw { code: 'offline', message: 'Потрібен сервер: у демо-режимі його немає.' };
  };

  const commands: Record<CommandName, (a: Record<string, unknown>) => unknown> = {
    session_get: () => ({ server: 'https://helpdesk.customs.gov.ua', me: signedIn ? ME : null }),
    login: (a) => {
      if (a.password === 'wrong') throw { code: 'bad_credentials', message: 'Невірний логін або пароль.' };
      signedIn = true;
      return ME;
    },
    logout: () => {
      signedIn = false;
      return null;
    },
    sync_now: () => {
      needSession();
      settle();
      return { pushed: status.pending, applied: status.pending, not_applied: 0, pages: 1, changes: 3 };
    },
    sync_status: () => status,
    queue: (a) => (needSession(), queue(a.name as QueueName)),
    directory: () => (needSession(), DIRECTORY),
    queue_counts: () => {
      needSession();
      const c = Object.fromEntries(QUEUE_NAMES.map((q) => [q, queue(q).length]));
      return c;
    },
    ticket: (a) => {
      needSession();
      const d = tickets.get(a.number as string);
      if (!d) throw { code: 'not_found', message: `Звернення ${a.number} не знайдено.` };
      return detail(d);
    },
    act: (a) => {
      needSession();
      const d = tickets.get(a.number as string);
      if (!d) throw { code: 'not_found', message: `Звернення ${a.number} не знайдено.` };
      act(d, a.op as Op);
      return detail(d);
    },
    kb_search: (a) => searchKb(String(a.query ?? '')),
    kb_article: (a) => {
      const art = ARTICLES.find((x) => x.id === a.id);
      if (!art) throw { code: 'not_found', message: 'Статтю не знайдено.' };
      return art;
    },
    ticket_search: (a) => {
      const q = String(a.query ?? '').toLocaleLowerCase().trim();
      if (!q) return [];
      return [...tickets.values()]
        .filter((d) => `${d.t.number} ${d.t.subject} ${d.t.description}`.toLocaleLowerCase().includes(q))
        .slice(0, 50)
        .map((d) => ({ id: d.t.number, title: d.t.subject, snippet: [{ text: d.t.description.slice(0, 160), hit: false }], matched: 1 }));
    },
    kb_suggest: (a) => {
      const d = tickets.get(a.number as string);
      return d ? searchKb(`${d.t.subject}`).slice(0, 4) : [];
    },
    attention_list: () => attention,
    attention_retry: (a) => {
      attention = attention.filter((x) => x.seq !== a.seq);
      setStatus({ needs_attention: attention.length, pending: status.pending + 1 });
      settle();
      return null;
    },
    attention_discard: (a) => {
      attention = attention.filter((x) => x.seq !== a.seq);
      setStatus({ needs_attention: attention.length });
      return null;
    },
    settings_get: () => settings,
    settings_set: (a) => {
      settings = a.settings as Settings;
      return null;
    },
    // The editorial cycle and the group report are online only; the demo has no server.
    kb_editorial_list: needsServer,
    kb_create: needsServer,
    kb_edit: needsServer,
    kb_move: needsServer,
    kb_revision: needsServer,
    kb_revision_move: needsServer,
    kb_reviewed: needsServer,
    kb_review_due: needsServer,
    kb_comments: needsServer,
    kb_comment: needsServer,
    kb_usage: needsServer,
    // Registration checks the domain's rules in the client core; the demo has none.
    registration_form: needsServer,
    register_ticket: needsServer,
    refused_registrations: () => [],
    discard_registration: () => null,
    kpi_series: needsServer,
    kpi_export_csv: needsServer,
    dashboard: (): Dashboard => {
      const weeks: string[] = [];
      const monday = new Date(now0);
      monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
      for (let w = 7; w >= 0; w--) weeks.push(new Date(monday.getTime() - w * 7 * 24 * H).toISOString().slice(0, 10));
      const week = (starts: string, resolved: number, share: number, mttr: number): WeekStat => {
        const within = Math.round(resolved * share);
        return { week: `W${starts}`, starts, resolved, within_sla: within, breaches: resolved - within, share_within_sla: resolved ? within / resolved : null, mttr_hours: mttr };
      };
      const mineShare = [0.82, 0.88, 0.79, 0.91, 0.86, 0.93, 0.9, 0.95];
      const groupShare = [0.76, 0.81, 0.78, 0.84, 0.8, 0.87, 0.85, 0.88];
      return {
        mine: weeks.map((starts, i) => week(starts, [11, 14, 9, 16, 13, 15, 12, 6][i], mineShare[i], [6.2, 5.4, 7.1, 4.9, 5.6, 4.4, 4.8, 3.9][i])),
        groups: weeks.map((starts, i) => week(starts, [64, 71, 58, 77, 69, 82, 75, 31][i], groupShare[i], [9.8, 8.9, 10.4, 8.1, 8.7, 7.6, 7.9, 7.2][i])),
        mine_total: week(weeks[0], 96, 0.89, 5.2),
        groups_total: week(weeks[0], 527, 0.83, 8.6),
        group_ids: MY_GROUPS,
        time_zone: ZONE,
        generated_at: new Date().toISOString(),
      };
    },
  };

  return {
    invoke: async (cmd, args = {}) => {
      const f = commands[cmd as CommandName];
      if (!f) throw { code: 'unknown_command', message: cmd };
      try {
        return await delay(f(args));
      } catch (e) {
        await delay(null);
        throw e;
      }
    },
    listen: async (event, handler) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(handler);
      return () => set.delete(handler);
    },
  };
}

/** For tests and the perf check: n queue rows shaped like the backend's. */
export function demoQueueItems(n: number, now = Date.now()): QueueItem[] {
  const out: QueueItem[] = [];
  for (let i = 0; i < n; i++) out.push(queueItem(makeTicket(i, now), now));
  return out;
}

