# Українські тексти `helpdesk` (мова за замовчуванням). Кожне повідомлення
# en.ftl має бути й тут (це перевіряє тест).

## Тривалість

unit-days = { $n ->
    [one] { $n } день
    [few] { $n } дні
   *[many] { $n } днів
}
unit-hours = { $n ->
    [one] { $n } година
    [few] { $n } години
   *[many] { $n } годин
}
unit-minutes = { $n ->
    [one] { $n } хвилина
    [few] { $n } хвилини
   *[many] { $n } хвилин
}
unit-seconds = { $n ->
    [one] { $n } секунда
    [few] { $n } секунди
   *[many] { $n } секунд
}
working-time = { $duration } робочого часу

## Строки політики

term-working-days = { $n ->
    [one] { $n } робочий день
    [few] { $n } робочі дні
   *[many] { $n } робочих днів
}
term-working-hours = { $n ->
    [one] { $n } робоча година
    [few] { $n } робочі години
   *[many] { $n } робочих годин
}
term-working-minutes = { $n ->
    [one] { $n } робоча хвилина
    [few] { $n } робочі хвилини
   *[many] { $n } робочих хвилин
}
term-calendar-days = { $n ->
    [one] { $n } календарний день
    [few] { $n } календарні дні
   *[many] { $n } календарних днів
}
term-calendar-hours = { $n ->
    [one] { $n } година
    [few] { $n } години
   *[many] { $n } годин
}
term-calendar-minutes = { $n ->
    [one] { $n } хвилина
    [few] { $n } хвилини
   *[many] { $n } хвилин
}
term-by-agreement = за домовленістю
term-none = строк регламентом не встановлено

## Дати

weekday-mon = пн
weekday-tue = вт
weekday-wed = ср
weekday-thu = чт
weekday-fri = пт
weekday-sat = сб
weekday-sun = нд
date = { $weekday } { $day }.{ $month }.{ $year }
datetime = { $date } { $time }

## Назви

metric-reaction = реакція
metric-resolution = вирішення
metric-conclusion = висновок щодо запиту на доопрацювання
metric-answer = відповідь користувачеві
metric-registration = реєстрація
metric-l2_processing = опрацювання на L2
metric-l3_processing = опрацювання на L3
metric-continuity_confirmation = підтвердження збою системи
metric-paper_permission = дозвіл на паперову декларацію
metric-timeline_conclusion = висновок щодо строків реалізації

status-new = новий
status-in_progress = у роботі
status-awaiting_info = очікує інформацію
status-postponed = відкладено
status-resolved = вирішено
status-closed = закрито

type-incident = інцидент
type-service_request = запит на обслуговування
type-consultation = консультація
type-change_request = запит на доопрацювання

complexity-simple = проста
complexity-medium = середня
complexity-complex = складна

state-not_started = не почався
state-running = триває
state-paused = призупинено
state-met = дотримано
state-breached = порушено
state-no_term = строк регламентом не встановлено

cond-priority = пріоритет { $priority }
priority-none = без пріоритету
cond-complexity = складність «{ $complexity }»
cond-workaround = з обхідним рішенням

cause-received = звернення надійшло
cause-registered = звернення зареєстровано
cause-escalated = звернення передано на { $line }
cause-registered-on = звернення зареєстровано одразу на { $line }
cause-taken = виконавець { $line } узяв звернення в роботу
cause-status = звернення набуло статусу «{ $status }»
cause-met = метрику «{ $metric }» дотримано
milestone-paper_permission_granted = митницю відправлення і суб’єкта режиму поінформовано про дозвіл на паперову декларацію
milestone-timeline_clarification_requested = надійшов запит про уточнення строків реалізації
milestone-timeline_conclusion_given = надано висновок щодо строків реалізації

stop-taken = звернення взято в роботу
stop-registered = звернення зареєстровано
stop-status = звернення набуло статусу «{ $status }»

## Пояснення

explain-header = Політика «{ $policy }» ({ $id }), станом на { $now } ({ $zone }).
explain-ticket = Звернення: { $conditions }.
explain-metric = Метрика «{ $metric }»{ $cite }, часовий пояс { $zone }:
explain-not-started = Відлік не почався: він почнеться, коли { $cause }{ $cite }.
step-started = { $at }: відлік почався — { $cause }.
step-target = { $at }: для такого звернення ({ $conditions }) строк — { $term }{ $cite }.
step-target-none = { $at }: для такого звернення ({ $conditions }) регламент строку не встановлює{ $cite }: дедлайну й попереджень немає.
target-placeholder = Цей строк тимчасовий, не з регламенту.
target-placeholder-why = Цей строк тимчасовий, не з регламенту: { $why }.
step-no-target = { $at }: політика не встановлює фіксованого строку ({ $term }), тож дедлайну немає.
step-no-rule = { $at }: жодне правило політики не підходить до цього звернення, тож дедлайну немає.
step-hour-count = { $term } лічаться від { $from }; без пауз строк спливає { $due }.
step-hour-count-later = { $term } лічаться від першої робочої миті, { $first } (початок { $from } припав на неробочий час); без пауз строк спливає { $due }.
step-day-count-working = { $term }: строк починається наступного дня після { $start }; лічаться робочі дні з { $first } по { $last }, і строк спливає з закінченням робочого часу { $last }: { $due }.
step-day-count-calendar = { $term }: від дня, наступного після { $start }, останній день — { $last }; строк спливає з закінченням його робочого часу: { $due }.
step-day-count-calendar-moved = { $term }: від дня, наступного після { $start }, строк припадає на { $date } — неробочий день, тож переноситься на закінчення наступного робочого дня, { $last }: { $due }.
day-count-holidays = Святкові дні не лічаться: { $dates }.
step-paused = { $from } — { $to }: відлік призупинено (статус «{ $status }»){ $cite }; строк відсунуто на { $added }.
step-paused-open = З { $from } відлік призупинено (статус «{ $status }»){ $cite }; поки що строк відсунуто на { $added }.
step-priority-lowered = { $at }: пріоритет знижено з { $from } до { $to }: строк перераховано від початкового старту за новим нормативом; уже відпрацьовані { $worked } зараховуються{ $cite }.
step-priority-raised = { $at }: пріоритет підвищено з { $from } до { $to }: відлік починається заново з цієї миті за новим нормативом; попередній час не переноситься{ $cite }.
step-priority-kept = { $at }: пріоритет змінено з { $from } на { $to }; норматив не змінився.
step-type-lengthened = { $at }: тип змінено з «{ $from }» на «{ $to }», строк подовжився: його перераховано від початкового старту за новим нормативом; уже відпрацьовані { $worked } зараховуються{ $cite }.
step-type-shortened = { $at }: тип змінено з «{ $from }» на «{ $to }», строк скоротився: відлік починається заново з цієї миті за новим нормативом{ $cite }.
step-type-kept = { $at }: тип змінено з «{ $from }» на «{ $to }»; норматив не змінився.
step-workaround = { $at }: надано обхідне рішення: діє норматив «з обхідним рішенням», що лічиться від початкового старту{ $cite }.
step-complexity = { $at }: складність — «{ $complexity }»: норматив перераховано від старту{ $cite }.
step-extended = { $at }: строк продовжено до { $until }{ $cite }.
step-capped = Строк обмежено максимумом { $term } від старту{ $cite }: { $due }.
step-stopped = { $at }: відлік зупинено — { $by }.
step-resumed = { $at }: відлік відновлено — { $cause }.
resume-status = звернення перейшло зі статусу «{ $from }» у «{ $to }»
resume-handed-over-group = звернення передано іншій робочій групі
resume-handed-over = звернення передано на { $line }
resume-information-received = користувач надав інформацію
resume-postponement-ended = роботу відновлено після відкладення
resume-reopened = звернення повторно відкрито
step-pauses-total = З урахуванням пауз (разом { $added }) строк переноситься з { $from } на { $due }{ $cite }.
reclass-agreed = Зміну типу чи пріоритету, що подовжує строк, запропоновано { $asked }; заявник погодився { $at }, і вона діє з цієї миті (002 §7.3.4).
reclass-refused = Зміну типу чи пріоритету, що подовжує строк, запропоновано { $asked }; заявник не погодився { $at }, тож класифікація не змінилась (002 §7.3.4).
reclass-deemed = Зміну типу чи пріоритету, що подовжує строк, запропоновано { $asked }; відповіді до { $due } не надійшло, тож зміну вважають погодженою з { $due } (002 §7.3.4).
reclass-pending = Зміну типу чи пріоритету, що подовжує строк, запропоновано { $asked }; відповідь заявника очікується до { $due }, без неї зміну вважатимуть погодженою (002 §7.3.4).
explain-result = Строк: { $due }; стан: { $state }.
explain-result-no-due = Строку немає; стан: { $state }.
explain-counted = Зараховано: { $elapsed }; залишилось: { $remaining }.
explain-counted-only = Зараховано: { $elapsed }.
warning-reached = Попередження на { $percent } % строку: настало { $at }.
warning-pending = Попередження на { $percent } % строку: настане { $at }, якщо нічого не зміниться.
warning-breach-reached = Порушення: строк { $at } минув.
warning-breach-pending = Порушення після { $at }, якщо нічого не зміниться.

## The workflow's refusals, by their code (helpdesk_domain::refusal_code), and the ops they name.

op-take = взяти в роботу
op-assign = призначити
op-comment = коментар
op-request_info = запитати заявника
op-info_received = відповідь отримано
op-postpone = відкласти
op-resume = відновити
op-escalate = ескалювати
op-add_co_executor = додати співвиконавця
op-set_priority = пріоритет
op-set_complexity = складність
op-give_workaround = обхідне рішення
op-resolve = вирішити
op-request_confirmation = попросити підтвердити рішення
op-reopen = відкрити повторно
op-close = закрити
op-reject = відхилити
op-link_kb = прив’язати статтю
op-link_ticket = пов’язати звернення
op-extend_deadline = продовжити строк
op-change_type = змінити тип
op-grant_paper_permission = дозволити паперову декларацію
op-request_timeline_clarification = запит на уточнення строків
op-give_timeline_conclusion = висновок щодо строків
op-propose_reclassification = запропонувати зміну класифікації
op-answer_reclassification = відповісти на зміну класифікації
op-rate = оцінити відповідь

refusal-wrong_status = Дію «{ $op }» не можна виконати, коли звернення має статус «{ $status }»; вона можлива лише в статусі: { $allowed }.
refusal-forbidden_role = Ваша роль не дозволяє дію «{ $op }».
refusal-not_requester = Звернення подав інший заявник: дію «{ $op }» може виконати лише він.
refusal-not_owner = Дію «{ $op }» може виконати лише виконавець звернення або керівник групи. Візьміть звернення в роботу або попросіть керівника.
refusal-not_in_group = Звернення належить групі «{ $group }», до якої ви не входите. Зверніться до керівника цієї групи.
refusal-not_group_lead = Передати звернення іншому може лише керівник групи «{ $group }» або поточний виконавець.
refusal-forbidden_line = Дію «{ $op }» може виконати лише група лінії { $required } або вищої.
refusal-missing_reason = Для дії «{ $op }» вкажіть «{ $field }» — цього вимагає регламент.
refusal-empty_text = Поле «{ $field }» порожнє — заповніть його.
refusal-same_value = Нічого не змінилося: «{ $field }» вже має це значення.
refusal-invalid_target = Неприпустиме значення поля «{ $field }» для дії «{ $op }».
refusal-invalid_input = Перевірте поле «{ $field }».
refusal-not_applicable = Дія «{ $op }» не застосовна до звернення типу «{ $ticket_type }».
refusal-too_few_info_requests = Відхилити через відсутність відповіді можна після { $required } { $required ->
        [one] запиту
       *[other] запитів
    } до заявника; зроблено { $made }. Запитайте ще раз.
refusal-allowed-now = Зараз можна: { $commands }.
refusal-nothing-allowed-now = Зараз жодна дія командного рядка з цим зверненням неможлива.

## Що не вдалося на шляху до сервера (helpdesk_sync::http::failure::FailureKind).
net-refused = за адресою { $host } ніхто не відповідає (з’єднання відхилено): перевірте адресу сервера або чи він запущений
net-unknown_host = ім’я { $host } не вдається знайти: перевірте адресу й мережу
net-connect_timeout = немає з’єднання з { $host } протягом { $seconds } с: перевірте мережу (VPN, проксі)
net-no_answer = { $host } прийняв з’єднання, але не відповів протягом { $seconds } с: сервер перевантажений або завис
net-tls = захищене з’єднання з { $host } не встановлено: перевірте сертифікат сервера та схему адреси
net-cut = з’єднання з { $host } обірвалося до того, як надійшла відповідь
net-other = обмін даними з { $host } не вдався
failure-try-later = { $reason }; нічого не втрачено: спробуйте пізніше

## Помилки клієнтського ядра (helpdesk_client::ClientErrorCode) — за кодом і тим, про що
## була команда (`-ticket`, `-article`, `-profile`…). Англійською — речення самого ядра.
client-error-not_signed_in = ви не ввійшли: виконайте `helpdesk login --server URL --user NAME`
client-error-sign_in_required = сервер більше не приймає ваш вхід: знову виконайте `helpdesk login`; черга на надсилання зберігається
client-error-bad_credentials = неправильне ім’я користувача або пароль: перевірте їх і спробуйте ще раз
client-error-offline = сервер зараз недоступний, а без нього цю дію не виконати; нічого не збережено — спробуйте, коли з’єднання відновиться
client-error-server_error = на сервері сталася помилка (HTTP { $http_status })
client-error-not_found = не знайдено: синхронізуйте або перевірте номер
client-error-not_found-ticket = звернення «{ $number }» у цій репліці немає: синхронізуйте або перевірте номер
client-error-not_found-article = статті «{ $id }» у цій репліці немає: синхронізуйте або перевірте ідентифікатор
client-error-invalid_input = значення «{ $field }» не прийнято: перевірте його
client-error-other_user_outbox = у цьому профілі { $count } { $count ->
        [one] ненадіслана дія
        [few] ненадіслані дії
       *[other] ненадісланих дій
    } іншого користувача або сервера: увійдіть як він і синхронізуйте або скористайтеся іншим профілем
client-error-replica = помилка локальної бази даних (репліки): спробуйте ще раз; якщо повториться — зверніться до адміністратора
client-error-storage = не вдалося прочитати або записати файл профілю: перевірте права доступу до теки профілю; якщо повториться — знову виконайте `helpdesk login`
client-error-storage-profile = не вдалося відкрити профіль «{ $dir }»: перевірте, що це тека і що у вас є право записувати до неї
client-error-storage-no-profile = не вдається визначити, де цей обліковий запис зберігає дані застосунку: вкажіть теку профілю через --profile або HELPDESK_PROFILE
client-error-storage-folder = не вдалося зберегти звіт у «{ $dir }»: виберіть іншу теку
client-error-no_such_attention = дії №{ $seq } немає серед тих, що потребують уваги: перегляньте список — `helpdesk attention`
client-error-kb-own_approval = автор не може затвердити власний текст: його затверджує інший член постійно діючої робочої групи (003 п. 1.5.10, 4.16)
client-error-kb-wrong_status = такий перехід статті зараз неможливий: перегляньте, у якому вона стані, і спробуйте ще раз
client-error-kb-conflict = статтю щойно змінив хтось інший: перегляньте її та внесіть зміни знову
client-error-kb-review_not_later = дата наступного перегляду має бути пізнішою за сьогоднішню
client-error-kb-invalid_article = статтю заповнено неправильно: вкажіть назву й текст не довші, ніж дозволено

## Що сталося з дією після спроби її надіслати.
send-needs-attention = надіслано, але сервер її не застосував: див. `helpdesk attention` (написаний вами текст збережено там)
send-applied = надіслано: застосовано { $applied }
send-applied-some-not = надіслано: застосовано { $applied }, не застосовано { $not_applied } — див. `helpdesk attention`
send-applied-pull-failed = надіслано: сервер її застосував; отримати останні зміни не вдалося ({ $reason }): вони надійдуть з наступним `helpdesk sync`
send-applied-no-pull = надіслано: сервер її застосував; останні зміни надійдуть з наступним `helpdesk sync`
send-kept-sign-in = не надіслано: { $reason }; { $count ->
        [one] { $count } дію буде надіслано
        [few] { $count } дії буде надіслано
       *[other] { $count } дій буде надіслано
    } після `helpdesk login`
send-kept-offline = офлайн: { $reason }; { $count ->
        [one] { $count } дію буде надіслано
        [few] { $count } дії буде надіслано
       *[other] { $count } дій буде надіслано
    } під час наступної синхронізації
send-kept-no-result = надіслано, але сервер ще не дав результату; { $count ->
        [one] { $count } дію буде надіслано
        [few] { $count } дії буде надіслано
       *[other] { $count } дій буде надіслано
    } повторно під час наступної синхронізації
send-kept-no-answer = сервер не відповів протягом { $seconds } с; { $count ->
        [one] { $count } дію буде надіслано
        [few] { $count } дії буде надіслано
       *[other] { $count } дій буде надіслано
    } під час наступної синхронізації

## Синхронізація, вихід, стан.
sync-done = надіслано { $pushed ->
        [one] { $pushed } дію
        [few] { $pushed } дії
       *[other] { $pushed } дій
    }: застосовано { $applied }, потребують уваги { $not_applied }; отримано { $changes ->
        [one] { $changes } зміну
        [few] { $changes } зміни
       *[other] { $changes } змін
    }; очікують { $pending }, потребують уваги { $attention }
sync-failed = синхронізація не вдалася: { $reason }; { $count ->
        [one] { $count } дія залишається
        [few] { $count } дії залишаються
       *[other] { $count } дій залишаються
    } у черзі на надсилання: нічого не втрачено, спробуйте пізніше
logout-done = ви вийшли; { $count ->
        [one] { $count } дія залишається
        [few] { $count } дії залишаються
       *[other] { $count } дій залишаються
    } у черзі й будуть надіслані після наступного входу
profile-server = сервер: { $server }
profile-user = користувач: { $user }
profile-pending = очікують надсилання: { $count }
profile-attention = потребують уваги: { $count }
profile-last-sync = остання успішна синхронізація: { $when }
profile-never = ніколи
profile-last-failure = остання синхронізація не вдалася { $when }: { $reason }
act-saved = { $number }: збережено як дію №{ $seq } ({ $status })
act-not-signed-in = ви не ввійшли: дію буде надіслано після `helpdesk login`
attention-none = нічого не потребує уваги
attention-retried = видано повторно як дію №{ $seq }
attention-discarded = дію №{ $id } скасовано
watch-start = синхронізація до переривання (Ctrl-C)…
watch-online = онлайн
watch-offline = офлайн, повторні спроби
watch-sign-in = потрібен вхід: виконайте `helpdesk login` ще раз
watch-line = { $state }; очікують { $pending }, потребують уваги { $attention }
watch-synced = синхронізовано: дії надіслано або отримано зміни
input-instant = `{ $text }` — це не дата й час зі зміщенням; напишіть, наприклад, 2026-12-10T16:00:00+02:00 або 2026-12-10T14:00:00Z
exit-codes =
    Коди завершення:
      0 виконано (дія, збережена офлайн, виконана: її буде надіслано пізніше)
      1 відмовлено правилом процесу або сервером
      2 неправильне використання або неправильні дані
      3 сервер недосяжний, не відповів вчасно або збоїть (нічого не втрачено: спробуйте пізніше)
      4 потрібен вхід (виконайте `helpdesk login`)
## Реєстрація звернення (`helpdesk register`)

register-refused = { $n ->
    [one] Звернення не зареєстровано: бракує { $n } поля
    [few] Звернення не зареєстровано: бракує { $n } полів
   *[many] Звернення не зареєстровано: бракує { $n } полів
} — { $fields }. Додайте їх і повторіть команду; нічого не записано.
register-missing = не заповнено
register-invalid = хибне значення
register-saved = { $reference }: реєстрацію збережено як дію #{ $seq }; номер звернення дасть сервер під час синхронізації.
register-numbered = { $reference } зареєстровано як { $number }.
register-field-type = тип звернення
register-field-subject = тема
register-field-description = опис
register-field-service = послуга
register-field-channel = канал
register-field-impact = вплив
register-field-urgency = терміновість
register-field-requester_kind = тип заявника
register-field-requester_name = ПІБ заявника
register-field-requester_email_or_phone = e-mail або телефон заявника
register-field-requester_email = e-mail заявника
register-field-requester_phone = телефон заявника
register-field-requester_organisation = організація заявника
register-field-requester_edrpou = код ЄДРПОУ
register-field-requester_tax_number = РНОКПП
register-field-requester_customs_unit = митний підрозділ
register-field-requester_position = посада заявника
register-field-expected_result = очікуваний результат
register-field-actual_result = фактичний результат

## Вхід, черги, звернення, «потребує уваги».
login-signed-in = ви ввійшли на { $server } як { $name } ({ $user })
login-synced = синхронізовано: { $changes ->
        [one] { $changes } зміна
        [few] { $changes } зміни
       *[other] { $changes } змін
    } на { $pages ->
        [one] { $pages } сторінці
       *[other] { $pages } сторінках
    }
login-sync-failed = ви ввійшли, але перша синхронізація не вдалася: { $reason }
queue-empty = черга порожня
queue-unsent = не надіслано: { $count }
show-header = { $type } · P{ $priority } · { $status } · група { $group } · лінія { $line } · виконавець { $owner }
show-requester = заявник: { $name }
show-actions = зараз можна: { $commands }
show-sla = SLA { $metric }: { $state }, строк { $due }
show-reply = відповідь від { $author }
show-internal-note = внутрішня нотатка від { $author }
attention-conflict = «{ $op }»: конфлікт — звернення на сервері змінилося раніше; перегляньте його, тоді `helpdesk attention retry { $seq }` або `discard { $seq }`
attention-held = «{ $op }»: затримано, бо попередню дію з цим зверненням не застосовано
attention-refused = «{ $op }»: сервер відмовив — { $message }

## Повідомлення самих команд (analyst.rs, kb_editorial.rs, register.rs, more_ops.rs, cli.rs).
cli-cannot-start = не вдалося запуститися: { $reason }
input-unknown-name = невідоме значення «{ $given }»; допустимі: { $allowed }
input-unknown-answer = невідома відповідь «{ $value }»; допустимі: { $allowed }
input-unknown-reject-reason = невідома причина «{ $value }»; допустимі: { $allowed }
input-give-one-of = вкажіть одне з: { $allowed }
input-not-a-date = «{ $text }» — це не дата у форматі YYYY-MM-DD
input-read-stdin = не вдалося прочитати стандартне введення: { $reason }
input-read-file = не вдалося прочитати «{ $file }»: { $reason }
login-server-address = вкажіть адресу сервера разом зі схемою, наприклад https://helpdesk.example або http://127.0.0.1:8080
login-password-prompt = Пароль:
login-password-unreadable = не вдалося прочитати пароль: { $reason }
login-password-missing = пароль не вказано: введіть його або задайте HELPDESK_PASSWORD
usage-assign-needs-target = для assign вкажіть --user або --group
usage-escalate-needs-target = для escalate вкажіть --group, --line або обидва
usage-priority-needs-level = для priority вкажіть --level або --impact разом з --urgency
usage-propose-needs-change = для propose-reclassification вкажіть --type, --level або обидва
usage-not-an-action = { $command } — це не дія
sign-in-keyring-off = токен цього входу зберігається у сховищі ключів ОС, яке вимикає HELPDESK_KEYRING=off: приберіть цю змінну або знову виконайте `helpdesk login`; черга на надсилання зберігається
sign-in-token-unreadable = токен цього входу не вдається прочитати ({ $problem }): розблокуйте сховище ключів ОС або знову виконайте `helpdesk login`; черга на надсилання зберігається
sign-in-signed-out = ви вийшли: знову виконайте `helpdesk login`; черга на надсилання зберігається
sign-in-none = ви не ввійшли: виконайте `helpdesk login --server URL --user NAME`
search-nothing-found = за запитом «{ $query }» нічого не знайдено
kb-tags = теги: { $tags }
kb-review-due = перегляд { $date }
kb-links = { $count } { $count ->
        [one] посилання
        [few] посилання
       *[other] посилань
    }
kb-no-articles = статей немає
kb-saved-as-revision = { $id }: збережено як редакцію ({ $status }) версії { $version }; опублікований текст діє, доки редакцію не затвердять і не опублікують
kb-revision = { $id }: редакція { $status }, автор { $author }, на основі версії { $version } (її можна перевести: { $moves })
kb-moves-none = нікуди
kb-no-revision = { $id }: редакції, що очікує рішення, немає
kb-revision-moved = { $id }: редакція { $status }
kb-overdue = прострочено на { $days } { $days ->
        [one] день
        [few] дні
       *[other] днів
    }  власник { $owner }
kb-none-due = немає статей, строк перегляду яких минув
kb-remark-saved = { $id }: зауваження №{ $remark } збережено
kb-usage = { $id }: { $views } { $views ->
        [one] перегляд
        [few] перегляди
       *[other] переглядів
    }, { $tickets } { $tickets ->
        [one] звернення
        [few] звернення
       *[other] звернень
    }, { $remarks } { $remarks ->
        [one] зауваження
        [few] зауваження
       *[other] зауважень
    }
report-row = { $period }  { $group } звернень { $tickets }  вчасно за SLA { $within_sla }  порушень { $breaches }  MTTR { $mttr }  інцидентів { $incidents }  MTBF { $mtbf }  відповідей { $answered } ({ $from_kb } з бази знань)  середній час відповіді { $mean_answer }
report-hours = год
report-overall = усього
report-unknown-period = невідомий період «{ $value }»; допустимі: { $allowed }
report-saved = збережено { $path }
presets-placeholders = тимчасові строки, не з регламенту: { $metrics } ({ $why })
policy-unknown = невідома політика «{ $given }»; допустимі: { $presets }

## --help (help_texts.rs): заголовки, прапорці, команди (help-<шлях>) і аргументи (help-<шлях>--<аргумент>).
help-usage = Використання:
help-commands = Команди
help-arguments = Аргументи
help-options = Параметри
help-flag-help = Показати довідку
help-flag-version = Показати версію
help = HELP DESK Державної митної служби: ядро клієнта без вікна
help-sla = Політики SLA і строки, як їх установлюють регламенти.
help-login = Увійти на сервер (пароль з HELPDESK_PASSWORD або стандартного введення).
help-login--server = Адреса сервера разом зі схемою (https://helpdesk.example). Також змінна HELPDESK_SERVER.
help-login--user = Ваше ім’я користувача на цьому сервері. Також змінна HELPDESK_USER.
help-logout = Вийти; репліка й черга на надсилання залишаються.
help-sync = Надіслати чергу дій і отримати зміни.
help-status = Що чекає на надсилання, що потребує уваги, остання синхронізація.
help-queue = Черга звернень.
help-search = Знайти звернення в усіх чергах цієї репліки за номером, темою, описом чи коментарями (основи й префікси, українська та російська).
help-show = Звернення з історією та строками.
help-take = Взяти звернення в роботу.
help-assign = Передати звернення користувачеві (id) або робочій групі.
help-comment = Додати публічну відповідь або, з --internal, внутрішню нотатку.
help-ask = Запитати в заявника інформацію.
help-postpone = Відкласти з причиною: software_change, external_vendor, diagnostics, agreed_delay, force_majeure.
help-resume = Продовжити роботу після відкладення чи очікування відповіді заявника.
help-escalate = Ескалювати до іншої групи та/або лінії.
help-priority = Змінити пріоритет: --level 1–5 або --impact і --urgency.
help-reclassify = Виправити тип звернення (002 §7.3.2–7.3.4): incident, service_request, consultation, change_request; примітка — обґрунтування або згода заявника.
help-propose-reclassification = Запропонувати заявникові новий тип та/або пріоритет, що подовжує строк (002 §7.3.4): діє після згоди або вважається погодженим, якщо відповіді немає протягом робочого дня.
help-answer-reclassification = Записати відповідь заявника на запропоновану зміну класифікації (002 §7.3.4).
help-rate = Записати оцінку заявника щодо закритого звернення, один раз: від 1 до 5 і необов’язковий коментар (003 §6.1.12, §6.2.5).
help-paper-permission = Записати, що L1 повідомила митницю відправлення й суб’єкта режиму про дозвіл на паперову декларацію: діє 24 години (001 §IV.6–7).
help-timeline-request = Записати запит на уточнення строків реалізації запиту на доопрацювання: висновок — протягом 5 робочих днів (002 §12).
help-timeline-conclusion = Надати висновок щодо уточнення строків (002 §12).
help-workaround = Надати обхідне рішення.
help-resolve = Вирішити: код рішення, текст і посилання на статті бази знань.
help-confirm-request = Попросити заявника підтвердити рішення (002 §14.4: для автозакриття потрібні два такі запити).
help-reopen = Повторно відкрити вирішене звернення.
help-close = Закрити вирішене звернення: за підтвердженням заявника (типово) або `--basis agreed`, якщо закрито за домовленістю з ним (002 §14.2).
help-reject = Відхилити: out_of_scope, duplicate_of:НОМЕР, no_response, abusive, unclear, no_ministry_approval (запити на доопрацювання, 004 §3.5).
help-info-received = Записати відповідь заявника, отриману службою (телефоном, листом): звернення виходить зі стану очікування, і відлік строку триває.
help-complexity = Установити складність (003 §4.10): simple, medium, complex.
help-co-executor = Залучити іншу робочу групу співвиконавцем (003 §4.10, §4.15).
help-link = Пов’язати інше звернення (002 §6.7–6.8): related або duplicate_of.
help-link-kb = Прив’язати до звернення статтю бази знань.
help-extend-deadline = Продовжити строк з обґрунтуванням (001 §III.3(2), §III.13; 002 §8.3): метрика, як її називає `helpdesk show` (resolution, reaction…), новий строк у форматі RFC 3339 (2026-12-10T16:00:00+02:00).
help-kb = База знань.
help-report = KPI моїх робочих груп за періоди (000 §13.6; 003 §6.2).
help-register = Зареєструвати звернення від імені заявника (L1: телефон, e-mail, папір, чат); зберігається в черзі на надсилання, номер дає сервер під час синхронізації.
help-attention = Дії, які сервер не застосував.
help-queue--which = Черга: mine (типово), group, unassigned, breaching, awaiting, recent.
help-queue--json = Вивести у форматі JSON.
help--profile = Каталог профілю (типово — той самий, що в настільного застосунку). Також змінна HELPDESK_PROFILE.
help-sla-replay = Відтворити події відліку звернення за політикою й вивести строк і стан кожної метрики у форматі JSON (або, з --explain, словами).
help-sla-replay--file = Випадок у форматі JSON: { "{" }policy, holidays?, working_days?, ticket, events, now?{ "}" }; `-` читає стандартне введення.
help-sla-replay--explain = Пояснити кожен строк крок за кроком словами замість JSON.
help-sla-replay--lang = Мова --explain і повідомлень про неправильні дані; типово з LC_ALL, LC_MESSAGES чи LANG, інакше мова ОС (Windows, macOS), інакше українська.
help-sla-presets = Перелічити вбудовані політики (назва, заголовок, метрики з тимчасовими, не регламентними значеннями).
help-sla-policy = Вивести вбудовану політику у форматі TOML.
help-sla-policy--name = Назва з переліку `helpdesk sla presets`.
help-sync--watch = Синхронізувати, доки не буде перервано.
help-priority--note = Обґрунтування або згода заявника (002 §7.3.2, §7.3.4).
help-answer-reclassification--answer = `agreed` або `declined`.
help-info-received--text = Що відповів заявник.
help-complexity--complexity = simple, medium або complex.
help-co-executor--group = Id групи (як їх називає `helpdesk show`).
help-link--other = Номер іншого звернення.
help-link--kind = related або duplicate_of (це звернення повторює інше).
help-link-kb--article = Id статті (як її показує `helpdesk kb search`).
help-extend-deadline--metric = Метрика строку: resolution, reaction…
help-extend-deadline--until = Новий строк, RFC 3339 зі зміщенням.
help-extend-deadline--justification = Чому (бачить лише служба).
help-kb-search = Пошук під час введення: основи й префікси, українська та російська.
help-kb-show = Одна стаття.
help-kb-suggest = Статті, що відповідають на звернення, за його темою.
help-kb-list = Статті в заданих статусах (через кому; типово всі), як їх бачать редактори.
help-kb-create = Написати чернетку: текст із файлу (`-` — стандартне введення).
help-kb-create--body = Файл із текстом або `-` для стандартного введення.
help-kb-create--public = Доступна користувачам Self Service після публікації.
help-kb-create--review_due = Дата періодичного перегляду, РРРР-ММ-ДД.
help-kb-edit = Редагувати статтю; для опублікованої створюється редакція, що проходить рецензування.
help-kb-edit--body = Файл із текстом або `-` для стандартного введення.
help-kb-edit--public = Доступна користувачам Self Service після публікації.
help-kb-edit--review_due = Дата періодичного перегляду, РРРР-ММ-ДД.
help-kb-edit--base_version = Версія, з якої зроблено правку (пізніша — конфлікт).
help-kb-move = Перевести статтю: review, approved, published, draft, archived.
help-kb-revision = Редакція опублікованої статті, що очікує рішення.
help-kb-revise-move = Перевести редакцію: review, approved, published (замінює текст), draft, archived (відкликає її).
help-kb-reviewed = Статтю перевірено на актуальність: дата перегляду зсувається (типово на рік).
help-kb-due = Опубліковані статті, строк перегляду яких минув.
help-kb-due--mine = Лише мої статті.
help-kb-remarks = Зауваження до статті; з ТЕКСТОМ — додати зауваження.
help-kb-usage = Перегляди, посилання зі звернень і зауваження до статті.
help-report--from = Перший день, РРРР-ММ-ДД (типово — за 12 тижнів до `--to`).
help-report--to = Останній день, РРРР-ММ-ДД, включно (типово — сьогодні).
help-report--period = day, week або month.
help-report--group = Одна робоча група (типово — усі мої).
help-report--csv = Зберегти у форматі CSV у цю теку замість виведення.
help-register--ticket_type = incident, service_request, consultation або change_request.
help-register--requester_kind = legal_entity, entrepreneur, official, employee або citizen.
help-register--channel = phone, email, paper, chat_bot або portal (без неї — як задано на сервері).
help-register--group = Робоча група; без неї групу обирають правила маршрутизації сервера.
help-register--service = Послуга або підсистема (без неї — як задано на сервері).
help-register--impact = high, medium або low (без неї — як задано на сервері).
help-register--urgency = high, medium або low (без неї — як задано на сервері).
help-attention-retry = Видати дію повторно щодо звернення в його теперішньому стані.
help-attention-discard = Скасувати дію.

## Помилки в командному рядку (usage_errors.rs) і заповнювачі довідки.
usage-value-missing = параметр { $arg } потребує значення
usage-value-invalid = недопустиме значення «{ $value }» для { $arg }
usage-allowed = допустимі: { $values }
usage-unknown-argument = невідомий параметр «{ $arg }»
usage-unknown-command = невідома команда «{ $command }»
usage-missing = бракує обов’язкових аргументів: { $args }
usage-missing-command = «{ $command }» потребує команди
usage-commands = команди: { $commands }
usage-repeated = { $arg } можна вказати лише раз
usage-conflict = { $arg } не можна вказувати разом із { $other }
usage-value-count = неправильна кількість значень для { $arg }
usage-not-utf8 = аргументи мають бути в UTF-8
usage-other = команду не розпізнано
usage-did-you-mean = можливо, «{ $suggestion }»?
usage-see-help = див. `{ $help }`
help-value-options = ПАРАМЕТРИ
help-value-command = КОМАНДА
help-help-command = Показати довідку до команди: `helpdesk help kb due` — те саме, що `helpdesk kb due --help`.

## Заповнювачі значень у довідці (<ФАЙЛ>, <ГРУПА>).
help-value-profile = КАТАЛОГ
help-value-file = ФАЙЛ
help-value-lang = МОВА
help-value-name = НАЗВА
help-value-server = АДРЕСА
help-value-user = КОРИСТУВАЧ
help-value-which = ЧЕРГА
help-value-query = ЗАПИТ
help-value-number = НОМЕР
help-value-group = ГРУПА
help-value-text = ТЕКСТ
help-value-reason = ПРИЧИНА
help-value-note = ПРИМІТКА
help-value-line = ЛІНІЯ
help-value-level = РІВЕНЬ
help-value-impact = ВПЛИВ
help-value-urgency = ТЕРМІНОВІСТЬ
help-value-ticket-type = ТИП
help-value-answer = ВІДПОВІДЬ
help-value-score = ОЦІНКА
help-value-comment = КОМЕНТАР
help-value-code = КОД
help-value-kb = СТАТТЯ
help-value-basis = ПІДСТАВА
help-value-complexity = СКЛАДНІСТЬ
help-value-other = ІНШЕ
help-value-kind = ВИД
help-value-article = СТАТТЯ
help-value-metric = ПОКАЗНИК
help-value-until = ДО
help-value-justification = ОБҐРУНТУВАННЯ
help-value-id = ID
help-value-status = СТАТУС
help-value-title = ЗАГОЛОВОК
help-value-body = ТЕКСТ
help-value-category = КАТЕГОРІЯ
help-value-tag = ТЕГ
help-value-language = МОВА
help-value-review-due = ДАТА
help-value-base-version = ВЕРСІЯ
help-value-to = ДО
help-value-next = ДАТА
help-value-from = ВІД
help-value-period = ПЕРІОД
help-value-csv = ФАЙЛ
help-value-subject = ТЕМА
help-value-description = ОПИС
help-value-requester-name = ПІБ
help-value-requester-email = EMAIL
help-value-requester-phone = ТЕЛЕФОН
help-value-requester-kind = ВИД
help-value-requester-organisation = ОРГАНІЗАЦІЯ
help-value-requester-edrpou = ЄДРПОУ
help-value-requester-tax-number = РНОКПП
help-value-requester-customs-unit = ПІДРОЗДІЛ
help-value-requester-position = ПОСАДА
help-value-channel = КАНАЛ
help-value-service = ПОСЛУГА
help-value-expected-result = ТЕКСТ
help-value-actual-result = ТЕКСТ

## `helpdesk sla replay`: неправильні дані (replay.rs). Кожне повідомлення йде
## після JSON-шляху поля, про яке воно (`events[3].to: …`), — шлях не
## перекладають; назви, переліки й дати наводять так, як їх подано у випадку.
replay-read-stdin = не вдалося прочитати випадок: { $reason }
replay-read-file = не вдалося прочитати «{ $file }»: { $reason }
replay-malformed-json = некоректний JSON: { $detail }
replay-json-null = null
replay-json-boolean = логічне значення
replay-json-number = число
replay-json-string = рядок
replay-json-array = масив
replay-json-object = об’єкт
replay-expected-object = очікувався об’єкт, а не { $found }
replay-expected-array-of-events = очікувався масив подій, а не { $found }
replay-expected-array-of-dates = очікувався масив дат у форматі YYYY-MM-DD, а не { $found }
replay-expected-string = очікувався рядок, а не { $found }
replay-expected-name = очікувався рядок, а не { $found }; допустимі: { $allowed }
replay-expected-boolean = очікувалося true або false, а не { $found }
replay-expected-priority = очікувалося число або назва рівня, а не { $found }; допустимі: { $allowed }
replay-unknown-field = невідоме поле; тут допустимі: { $allowed }
replay-unknown-event-field = невідоме поле для події виду «{ $kind }»; допустимі: { $allowed }
replay-missing = не вказано; потрібно: { $expected }
replay-expect-policy = назва вбудованої політики або шлях до TOML-файлу політики
replay-expect-ticket = об’єкт із полями type, priority?, complexity?, service?
replay-expect-events = масив подій
replay-expect-timestamp = дата й час у форматі RFC 3339 зі зміщенням
replay-expect-timestamp-example = дата й час у форматі RFC 3339 зі зміщенням, наприклад 2026-10-19T10:00:00+03:00
replay-expect-boolean = true або false
replay-not-a-date = «{ $text }» — це не дата; напишіть її у форматі YYYY-MM-DD, наприклад 2026-11-04
replay-not-a-timestamp = «{ $text }» — це не дата й час у форматі RFC 3339 зі зміщенням; напишіть, наприклад, 2026-10-19T10:00:00+03:00
replay-unknown-policy = невідома політика «{ $given }»; допустимі: { $presets } або шлях до TOML-файлу політики
replay-policy-unreadable = не вдалося прочитати файл політики «{ $file }»: { $reason }
replay-policy-syntax = файл політики «{ $file }» не є правильною політикою: { $detail }
replay-policy-file-invalid = у файлі політики «{ $file }» є помилка: { $detail }
# Помилка самої політики, як її формулює рушій.
replay-policy-invalid = у політиці є помилка: { $detail }
replay-working-day-is-holiday = { $date } — це також святковий день (політики або з «holidays»); залиште його лише в одному переліку
replay-holiday-is-working-day = { $date } — це також перенесений робочий день політики; залиште його лише в одному переліку
replay-no-working-time = у календарі немає робочого часу протягом { $days } { $days ->
        [one] дня
       *[other] днів
    } після { $date }; додайте робочі години (або working_days) чи вилучіть святкові дні
# Помилка календаря, як її формулює рушій.
replay-calendar-failed = не вдалося обчислити строк за календарем: { $detail }
replay-priority-levels = 1–5 або { $levels }
replay-priority-needed = не вказано; строки цієї політики для звернення типу «{ $ticket_type }» залежать від пріоритету; потрібно: { $allowed }
replay-unknown-priority = невідомий пріоритет «{ $value }»; допустимі: { $allowed }
replay-unknown-ticket-type = невідомий тип звернення «{ $value }»; допустимі: { $allowed }
replay-unknown-type = невідомий тип «{ $value }»; допустимі: { $allowed }
replay-unknown-complexity = невідома складність «{ $value }»; допустимі: { $allowed }
replay-unknown-status = невідомий статус «{ $value }»; допустимі: { $allowed }
replay-unknown-milestone = невідома контрольна точка «{ $value }»; допустимі: { $allowed }
replay-unknown-line = невідома лінія «{ $value }»; допустимі: { $allowed }
replay-unknown-event-kind = невідомий вид події «{ $value }»; допустимі: { $allowed }
replay-unknown-metric = невідома метрика «{ $value }»; у цій політиці є: { $allowed }
replay-out-of-order = { $at } раніше, ніж { $previous_path } ({ $previous }); наведіть події в тому порядку, у якому вони відбувалися
replay-earlier-than-previous = раніше за попередню подію; наведіть події в тому порядку, у якому вони відбувалися
replay-received-twice = звернення надходить лише один раз і до його реєстрації
replay-registered-twice = звернення реєструють лише один раз
replay-before-registration = «{ $kind }» до реєстрації звернення; події починаються з «received» (необов’язково) і «registered»
replay-step-not-allowed = процес не дозволяє перехід «{ $from }» → «{ $to }»; зі статусу «{ $from }» допустимі: { $allowed }
replay-step-none = жодного (статус «{ $status }» остаточний)
replay-proposal-waiting = пропозиція змінити класифікацію ще чекає на відповідь; спершу додайте «reclassification_answered»
replay-proposal-empty = пропозиція змінює «type», «priority» або обидва; вкажіть хоча б одне з них
replay-no-proposal = жодна пропозиція не чекає на відповідь; додайте перед цією подією «reclassification_proposed»
