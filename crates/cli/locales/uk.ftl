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
