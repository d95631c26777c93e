# Русские тексты `helpdesk`. Каждое сообщение en.ftl должно быть и здесь
# (это проверяет тест).

## Длительность

unit-days = { $n ->
    [one] { $n } день
    [few] { $n } дня
   *[many] { $n } дней
}
unit-hours = { $n ->
    [one] { $n } час
    [few] { $n } часа
   *[many] { $n } часов
}
unit-minutes = { $n ->
    [one] { $n } минута
    [few] { $n } минуты
   *[many] { $n } минут
}
unit-seconds = { $n ->
    [one] { $n } секунда
    [few] { $n } секунды
   *[many] { $n } секунд
}
working-time = { $duration } рабочего времени

## Сроки политики

term-working-days = { $n ->
    [one] { $n } рабочий день
    [few] { $n } рабочих дня
   *[many] { $n } рабочих дней
}
term-working-hours = { $n ->
    [one] { $n } рабочий час
    [few] { $n } рабочих часа
   *[many] { $n } рабочих часов
}
term-working-minutes = { $n ->
    [one] { $n } рабочая минута
    [few] { $n } рабочие минуты
   *[many] { $n } рабочих минут
}
term-calendar-days = { $n ->
    [one] { $n } календарный день
    [few] { $n } календарных дня
   *[many] { $n } календарных дней
}
term-calendar-hours = { $n ->
    [one] { $n } час
    [few] { $n } часа
   *[many] { $n } часов
}
term-calendar-minutes = { $n ->
    [one] { $n } минута
    [few] { $n } минуты
   *[many] { $n } минут
}
term-by-agreement = по согласованию
term-none = срок регламентом не установлен

## Даты

weekday-mon = пн
weekday-tue = вт
weekday-wed = ср
weekday-thu = чт
weekday-fri = пт
weekday-sat = сб
weekday-sun = вс
date = { $weekday } { $day }.{ $month }.{ $year }
datetime = { $date } { $time }

## Названия

metric-reaction = реакция
metric-resolution = решение
metric-conclusion = заключение по запросу на доработку
metric-answer = ответ пользователю
metric-registration = регистрация
metric-l2_processing = обработка на L2
metric-l3_processing = обработка на L3
metric-continuity_confirmation = подтверждение сбоя системы
metric-paper_permission = разрешение на бумажную декларацию
metric-timeline_conclusion = заключение о сроках реализации

status-new = новое
status-in_progress = в работе
status-awaiting_info = ожидает ответа
status-postponed = отложено
status-resolved = решено
status-closed = закрыто

type-incident = инцидент
type-service_request = запрос на обслуживание
type-consultation = консультация
type-change_request = запрос на доработку

complexity-simple = простая
complexity-medium = средняя
complexity-complex = сложная

state-not_started = не начат
state-running = идёт
state-paused = приостановлен
state-met = соблюдён
state-breached = нарушен
state-no_term = срок регламентом не установлен

cond-priority = приоритет { $priority }
priority-none = без приоритета
cond-complexity = сложность «{ $complexity }»
cond-workaround = с обходным решением

cause-received = обращение поступило
cause-registered = обращение зарегистрировано
cause-escalated = обращение передано на { $line }
cause-registered-on = обращение зарегистрировано сразу на { $line }
cause-taken = исполнитель { $line } взял обращение в работу
cause-status = обращение перешло в статус «{ $status }»
cause-met = метрика «{ $metric }» соблюдена
milestone-paper_permission_granted = таможня отправления и субъект режима проинформированы о разрешении на бумажную декларацию
milestone-timeline_clarification_requested = поступил запрос об уточнении сроков реализации
milestone-timeline_conclusion_given = дано заключение о сроках реализации

stop-taken = обращение взято в работу
stop-registered = обращение зарегистрировано
stop-status = обращение перешло в статус «{ $status }»

## Объяснение

explain-header = Политика «{ $policy }» ({ $id }), по состоянию на { $now } ({ $zone }).
explain-ticket = Обращение: { $conditions }.
explain-metric = Метрика «{ $metric }»{ $cite }, часовой пояс { $zone }:
explain-not-started = Отсчёт не начат: он начнётся, когда { $cause }{ $cite }.
step-started = { $at }: отсчёт начался — { $cause }.
step-target = { $at }: для такого обращения ({ $conditions }) срок — { $term }{ $cite }.
step-target-none = { $at }: для такого обращения ({ $conditions }) регламент срок не устанавливает{ $cite }: срока и предупреждений нет.
target-placeholder = Этот срок временный, не из регламента.
target-placeholder-why = Этот срок временный, не из регламента: { $why }.
step-no-target = { $at }: политика не устанавливает фиксированного срока ({ $term }), поэтому дедлайна нет.
step-no-rule = { $at }: ни одно правило политики не подходит к этому обращению, поэтому дедлайна нет.
step-hour-count = { $term } считаются от { $from }; без пауз срок истекает { $due }.
step-hour-count-later = { $term } считаются от первого рабочего момента, { $first } (начало { $from } пришлось на нерабочее время); без пауз срок истекает { $due }.
step-day-count-working = { $term }: срок начинается на следующий день после { $start }; считаются рабочие дни с { $first } по { $last }, и срок истекает с окончанием рабочего времени { $last }: { $due }.
step-day-count-calendar = { $term }: со дня, следующего за { $start }, последний день — { $last }; срок истекает с окончанием его рабочего времени: { $due }.
step-day-count-calendar-moved = { $term }: со дня, следующего за { $start }, срок приходится на { $date } — нерабочий день, поэтому переносится на окончание следующего рабочего дня, { $last }: { $due }.
day-count-holidays = Праздничные дни не считаются: { $dates }.
step-paused = { $from } — { $to }: отсчёт приостановлен (статус «{ $status }»){ $cite }; срок сдвинут на { $added }.
step-paused-open = С { $from } отсчёт приостановлен (статус «{ $status }»){ $cite }; пока срок сдвинут на { $added }.
step-priority-lowered = { $at }: приоритет понижен с { $from } до { $to }: срок пересчитан от исходного начала по новому нормативу; уже отработанные { $worked } засчитываются{ $cite }.
step-priority-raised = { $at }: приоритет повышен с { $from } до { $to }: отсчёт начинается заново с этого момента по новому нормативу; прежнее время не переносится{ $cite }.
step-priority-kept = { $at }: приоритет изменён с { $from } на { $to }; норматив не изменился.
step-type-lengthened = { $at }: тип изменён с «{ $from }» на «{ $to }», срок увеличился: он пересчитан от исходного начала по новому нормативу; уже отработанные { $worked } засчитываются{ $cite }.
step-type-shortened = { $at }: тип изменён с «{ $from }» на «{ $to }», срок сократился: отсчёт начинается заново с этого момента по новому нормативу{ $cite }.
step-type-kept = { $at }: тип изменён с «{ $from }» на «{ $to }»; норматив не изменился.
step-workaround = { $at }: предоставлено обходное решение: действует норматив «с обходным решением», считаемый от исходного начала{ $cite }.
step-complexity = { $at }: сложность — «{ $complexity }»: норматив пересчитан от начала{ $cite }.
step-extended = { $at }: срок продлён до { $until }{ $cite }.
step-capped = Срок ограничен максимумом { $term } от начала{ $cite }: { $due }.
step-stopped = { $at }: отсчёт остановлен — { $by }.
step-resumed = { $at }: отсчёт возобновлён — { $cause }.
resume-status = обращение перешло из статуса «{ $from }» в «{ $to }»
resume-handed-over-group = обращение передано другой рабочей группе
resume-handed-over = обращение передано на { $line }
resume-information-received = пользователь предоставил информацию
resume-postponement-ended = работа возобновлена после отложения
resume-reopened = обращение открыто повторно
step-pauses-total = С учётом пауз (всего { $added }) срок переносится с { $from } на { $due }{ $cite }.
reclass-agreed = Изменение типа или приоритета, удлиняющее срок, предложено { $asked }; заявитель согласился { $at }, и оно действует с этого момента (002 §7.3.4).
reclass-refused = Изменение типа или приоритета, удлиняющее срок, предложено { $asked }; заявитель не согласился { $at }, поэтому классификация не изменилась (002 §7.3.4).
reclass-deemed = Изменение типа или приоритета, удлиняющее срок, предложено { $asked }; ответа до { $due } не поступило, поэтому изменение считается согласованным с { $due } (002 §7.3.4).
reclass-pending = Изменение типа или приоритета, удлиняющее срок, предложено { $asked }; ответ заявителя ожидается до { $due }, без него изменение будет считаться согласованным (002 §7.3.4).
explain-result = Срок: { $due }; состояние: { $state }.
explain-result-no-due = Срока нет; состояние: { $state }.
explain-counted = Засчитано: { $elapsed }; осталось: { $remaining }.
explain-counted-only = Засчитано: { $elapsed }.
warning-reached = Предупреждение на { $percent } % срока: наступило { $at }.
warning-pending = Предупреждение на { $percent } % срока: наступит { $at }, если ничего не изменится.
warning-breach-reached = Нарушение: срок { $at } истёк.
warning-breach-pending = Нарушение после { $at }, если ничего не изменится.

## The workflow's refusals, by their code (helpdesk_domain::refusal_code), and the ops they name.

op-take = взять в работу
op-assign = назначить
op-comment = комментарий
op-request_info = запросить у заявителя
op-info_received = ответ получен
op-postpone = отложить
op-resume = возобновить
op-escalate = эскалировать
op-add_co_executor = добавить соисполнителя
op-set_priority = приоритет
op-set_complexity = сложность
op-give_workaround = обходное решение
op-resolve = решить
op-request_confirmation = попросить подтвердить решение
op-reopen = открыть повторно
op-close = закрыть
op-reject = отклонить
op-link_kb = привязать статью
op-link_ticket = связать обращение
op-extend_deadline = продлить срок
op-change_type = изменить тип
op-grant_paper_permission = разрешить бумажную декларацию
op-request_timeline_clarification = запрос на уточнение сроков
op-give_timeline_conclusion = заключение по срокам
op-propose_reclassification = предложить изменение классификации
op-answer_reclassification = ответить на изменение классификации
op-rate = оценить ответ

refusal-wrong_status = Действие «{ $op }» нельзя выполнить, когда обращение в статусе «{ $status }»; оно возможно только в статусе: { $allowed }.
refusal-forbidden_role = Ваша роль не позволяет действие «{ $op }».
refusal-not_requester = Обращение подал другой заявитель: действие «{ $op }» может выполнить только он.
refusal-not_owner = Действие «{ $op }» может выполнить только исполнитель обращения или руководитель группы. Возьмите обращение в работу или попросите руководителя.
refusal-not_in_group = Обращение принадлежит группе «{ $group }», в которую вы не входите. Обратитесь к руководителю этой группы.
refusal-not_group_lead = Передать обращение другому может только руководитель группы «{ $group }» или текущий исполнитель.
refusal-forbidden_line = Действие «{ $op }» может выполнить только группа линии { $required } или выше.
refusal-missing_reason = Для действия «{ $op }» укажите «{ $field }» — этого требует регламент.
refusal-empty_text = Поле «{ $field }» пустое — заполните его.
refusal-same_value = Ничего не изменилось: «{ $field }» уже имеет это значение.
refusal-invalid_target = Недопустимое значение поля «{ $field }» для действия «{ $op }».
refusal-invalid_input = Проверьте поле «{ $field }».
refusal-not_applicable = Действие «{ $op }» неприменимо к обращению типа «{ $ticket_type }».
refusal-too_few_info_requests = Отклонить из-за отсутствия ответа можно после { $required } { $required ->
        [one] запроса
       *[other] запросов
    } к заявителю; сделано { $made }. Запросите ещё раз.
refusal-allowed-now = Сейчас можно: { $commands }.
refusal-nothing-allowed-now = Сейчас никакое действие командной строки с этим обращением невозможно.

## Что не удалось на пути к серверу (helpdesk_sync::http::failure::FailureKind).
net-refused = по адресу { $host } никто не отвечает (соединение отклонено): проверьте адрес сервера или что он запущен
net-unknown_host = имя { $host } не удаётся найти: проверьте адрес и сеть
net-connect_timeout = нет соединения с { $host } в течение { $seconds } с: проверьте сеть (VPN, прокси)
net-no_answer = { $host } принял соединение, но не ответил в течение { $seconds } с: сервер перегружен или завис
net-tls = защищённое соединение с { $host } не установлено: проверьте сертификат сервера и схему адреса
net-cut = соединение с { $host } оборвалось до того, как пришёл ответ
net-other = обмен данными с { $host } не удался
failure-try-later = { $reason }; ничего не потеряно: попробуйте позже

## Ошибки клиентского ядра (helpdesk_client::ClientErrorCode) — по коду и по тому, о чём
## была команда (`-ticket`, `-article`, `-profile`…). По-английски — фраза самого ядра.
client-error-not_signed_in = вы не вошли: выполните `helpdesk login --server URL --user NAME`
client-error-sign_in_required = сервер больше не принимает ваш вход: снова выполните `helpdesk login`; очередь на отправку сохраняется
client-error-bad_credentials = неверное имя пользователя или пароль: проверьте их и попробуйте ещё раз
client-error-offline = сервер сейчас недоступен, а без него это действие не выполнить; ничего не сохранено — попробуйте, когда соединение восстановится
client-error-server_error = на сервере произошла ошибка (HTTP { $http_status })
client-error-not_found = не найдено: синхронизируйте или проверьте номер
client-error-not_found-ticket = обращения «{ $number }» в этой реплике нет: синхронизируйте или проверьте номер
client-error-not_found-article = статьи «{ $id }» в этой реплике нет: синхронизируйте или проверьте идентификатор
client-error-invalid_input = значение «{ $field }» не принято: проверьте его
client-error-other_user_outbox = в этом профиле { $count } { $count ->
        [one] неотправленное действие
        [few] неотправленных действия
       *[other] неотправленных действий
    } другого пользователя или сервера: войдите как он и синхронизируйте или используйте другой профиль
client-error-replica = ошибка локальной базы данных (реплики): попробуйте ещё раз; если повторится — обратитесь к администратору
client-error-storage = не удалось прочитать или записать файл профиля: проверьте права доступа к папке профиля; если повторится — снова выполните `helpdesk login`
client-error-storage-profile = не удалось открыть профиль «{ $dir }»: проверьте, что это папка и что у вас есть право записывать в неё
client-error-storage-no-profile = не удаётся определить, где эта учётная запись хранит данные приложения: укажите папку профиля через --profile или HELPDESK_PROFILE
client-error-storage-folder = не удалось сохранить отчёт в «{ $dir }»: выберите другую папку
client-error-no_such_attention = действия №{ $seq } нет среди требующих внимания: посмотрите список — `helpdesk attention`
client-error-kb-own_approval = автор не может утвердить собственный текст: его утверждает другой член постоянно действующей рабочей группы (003 п. 1.5.10, 4.16)
client-error-kb-wrong_status = такой переход статьи сейчас невозможен: посмотрите, в каком она состоянии, и попробуйте ещё раз
client-error-kb-conflict = статью только что изменил кто-то другой: посмотрите её и внесите изменения заново
client-error-kb-review_not_later = дата следующего пересмотра должна быть позже сегодняшней
client-error-kb-invalid_article = статья заполнена неправильно: укажите название и текст не длиннее допустимого

## Что стало с действием после попытки его отправить.
send-needs-attention = отправлено, но сервер его не применил: см. `helpdesk attention` (написанный вами текст сохранён там)
send-applied = отправлено: применено { $applied }
send-applied-some-not = отправлено: применено { $applied }, не применено { $not_applied } — см. `helpdesk attention`
send-applied-pull-failed = отправлено: сервер его применил; получить последние изменения не удалось ({ $reason }): они придут со следующим `helpdesk sync`
send-applied-no-pull = отправлено: сервер его применил; последние изменения придут со следующим `helpdesk sync`
send-kept-sign-in = не отправлено: { $reason }; { $count ->
        [one] { $count } действие будет отправлено
        [few] { $count } действия будут отправлены
       *[other] { $count } действий будут отправлены
    } после `helpdesk login`
send-kept-offline = офлайн: { $reason }; { $count ->
        [one] { $count } действие будет отправлено
        [few] { $count } действия будут отправлены
       *[other] { $count } действий будут отправлены
    } при следующей синхронизации
send-kept-no-result = отправлено, но сервер ещё не дал результата; { $count ->
        [one] { $count } действие будет отправлено
        [few] { $count } действия будут отправлены
       *[other] { $count } действий будут отправлены
    } повторно при следующей синхронизации
send-kept-no-answer = сервер не ответил в течение { $seconds } с; { $count ->
        [one] { $count } действие будет отправлено
        [few] { $count } действия будут отправлены
       *[other] { $count } действий будут отправлены
    } при следующей синхронизации

## Синхронизация, выход, состояние.
sync-done = отправлено { $pushed ->
        [one] { $pushed } действие
        [few] { $pushed } действия
       *[other] { $pushed } действий
    }: применено { $applied }, требуют внимания { $not_applied }; получено { $changes ->
        [one] { $changes } изменение
        [few] { $changes } изменения
       *[other] { $changes } изменений
    }; ожидают { $pending }, требуют внимания { $attention }
sync-failed = синхронизация не удалась: { $reason }; { $count ->
        [one] { $count } действие остаётся
        [few] { $count } действия остаются
       *[other] { $count } действий остаются
    } в очереди на отправку: ничего не потеряно, попробуйте позже
logout-done = вы вышли; { $count ->
        [one] { $count } действие остаётся
        [few] { $count } действия остаются
       *[other] { $count } действий остаются
    } в очереди и будут отправлены после следующего входа
profile-server = сервер: { $server }
profile-user = пользователь: { $user }
profile-pending = ожидают отправки: { $count }
profile-attention = требуют внимания: { $count }
profile-last-sync = последняя успешная синхронизация: { $when }
profile-never = никогда
profile-last-failure = последняя синхронизация не удалась { $when }: { $reason }
act-saved = { $number }: сохранено как действие №{ $seq } ({ $status })
act-not-signed-in = вы не вошли: действие будет отправлено после `helpdesk login`
attention-none = ничего не требует внимания
attention-retried = выдано повторно как действие №{ $seq }
attention-discarded = действие №{ $id } отменено
watch-start = синхронизация до прерывания (Ctrl-C)…
watch-online = онлайн
watch-offline = офлайн, повторные попытки
watch-sign-in = нужен вход: выполните `helpdesk login` ещё раз
watch-line = { $state }; ожидают { $pending }, требуют внимания { $attention }
watch-synced = синхронизировано: действия отправлены или получены изменения
input-instant = `{ $text }` — это не дата и время со смещением; напишите, например, 2026-12-10T16:00:00+02:00 или 2026-12-10T14:00:00Z
exit-codes =
    Коды завершения:
      0 выполнено (действие, сохранённое офлайн, выполнено: оно будет отправлено позже)
      1 отказано правилом процесса или сервером
      2 неправильное использование или неправильные данные
      3 сервер недоступен, не ответил вовремя или сбоит (ничего не потеряно: попробуйте позже)
      4 нужен вход (выполните `helpdesk login`)
## Регистрация обращения (`helpdesk register`)

register-refused = { $n ->
    [one] Обращение не зарегистрировано: не хватает { $n } поля
    [few] Обращение не зарегистрировано: не хватает { $n } полей
   *[many] Обращение не зарегистрировано: не хватает { $n } полей
} — { $fields }. Добавьте их и повторите команду; ничего не записано.
register-missing = не заполнено
register-invalid = неверное значение
register-saved = { $reference }: регистрация сохранена как действие #{ $seq }; номер обращению даст сервер при синхронизации.
register-numbered = { $reference } зарегистрировано как { $number }.
register-field-type = тип обращения
register-field-subject = тема
register-field-description = описание
register-field-service = услуга
register-field-channel = канал
register-field-impact = влияние
register-field-urgency = срочность
register-field-requester_kind = тип заявителя
register-field-requester_name = ФИО заявителя
register-field-requester_email_or_phone = e-mail или телефон заявителя
register-field-requester_email = e-mail заявителя
register-field-requester_phone = телефон заявителя
register-field-requester_organisation = организация заявителя
register-field-requester_edrpou = код ЕГРПОУ
register-field-requester_tax_number = ИНН
register-field-requester_customs_unit = таможенное подразделение
register-field-requester_position = должность заявителя
register-field-expected_result = ожидаемый результат
register-field-actual_result = фактический результат

## Вход, очереди, обращение, «требует внимания».
login-signed-in = вы вошли на { $server } как { $name } ({ $user })
login-synced = синхронизировано: { $changes ->
        [one] { $changes } изменение
        [few] { $changes } изменения
       *[other] { $changes } изменений
    } на { $pages ->
        [one] { $pages } странице
       *[other] { $pages } страницах
    }
login-sync-failed = вы вошли, но первая синхронизация не удалась: { $reason }
queue-empty = очередь пуста
queue-unsent = не отправлено: { $count }
show-header = { $type } · P{ $priority } · { $status } · группа { $group } · линия { $line } · исполнитель { $owner }
show-requester = заявитель: { $name }
show-actions = сейчас можно: { $commands }
show-sla = SLA { $metric }: { $state }, срок { $due }
show-reply = ответ от { $author }
show-internal-note = внутренняя заметка от { $author }
attention-conflict = «{ $op }»: конфликт — обращение на сервере изменилось раньше; просмотрите его, затем `helpdesk attention retry { $seq }` или `discard { $seq }`
attention-held = «{ $op }»: задержано, потому что предыдущее действие с этим обращением не применено
attention-refused = «{ $op }»: сервер отказал — { $message }

## Сообщения самих команд (analyst.rs, kb_editorial.rs, register.rs, more_ops.rs, cli.rs).
cli-cannot-start = не удалось запуститься: { $reason }
input-unknown-name = неизвестное значение «{ $given }»; допустимые: { $allowed }
input-unknown-answer = неизвестный ответ «{ $value }»; допустимые: { $allowed }
input-unknown-reject-reason = неизвестная причина «{ $value }»; допустимые: { $allowed }
input-give-one-of = укажите одно из: { $allowed }
input-not-a-date = «{ $text }» — это не дата в формате YYYY-MM-DD
input-read-stdin = не удалось прочитать стандартный ввод: { $reason }
input-read-file = не удалось прочитать «{ $file }»: { $reason }
login-server-address = укажите адрес сервера вместе со схемой, например https://helpdesk.example или http://127.0.0.1:8080
login-password-prompt = Пароль:
login-password-unreadable = не удалось прочитать пароль: { $reason }
login-password-missing = пароль не указан: введите его или задайте HELPDESK_PASSWORD
usage-assign-needs-target = для assign укажите --user или --group
usage-escalate-needs-target = для escalate укажите --group, --line или оба
usage-priority-needs-level = для priority укажите --level или --impact вместе с --urgency
usage-propose-needs-change = для propose-reclassification укажите --type, --level или оба
usage-not-an-action = { $command } — это не действие
sign-in-keyring-off = токен этого входа хранится в хранилище ключей ОС, которое отключает HELPDESK_KEYRING=off: уберите эту переменную или снова выполните `helpdesk login`; очередь на отправку сохраняется
sign-in-token-unreadable = токен этого входа не удаётся прочитать ({ $problem }): разблокируйте хранилище ключей ОС или снова выполните `helpdesk login`; очередь на отправку сохраняется
sign-in-signed-out = вы вышли: снова выполните `helpdesk login`; очередь на отправку сохраняется
sign-in-none = вы не вошли: выполните `helpdesk login --server URL --user NAME`
search-nothing-found = по запросу «{ $query }» ничего не найдено
kb-tags = теги: { $tags }
kb-review-due = пересмотр { $date }
kb-links = { $count } { $count ->
        [one] ссылка
        [few] ссылки
       *[other] ссылок
    }
kb-no-articles = статей нет
kb-saved-as-revision = { $id }: сохранено как редакция ({ $status }) версии { $version }; опубликованный текст действует, пока редакцию не утвердят и не опубликуют
kb-revision = { $id }: редакция { $status }, автор { $author }, на основе версии { $version } (её можно перевести: { $moves })
kb-moves-none = никуда
kb-no-revision = { $id }: редакции, ожидающей решения, нет
kb-revision-moved = { $id }: редакция { $status }
kb-overdue = просрочено на { $days } { $days ->
        [one] день
        [few] дня
       *[other] дней
    }  владелец { $owner }
kb-none-due = нет статей с истёкшей датой пересмотра
kb-remark-saved = { $id }: замечание №{ $remark } сохранено
kb-usage = { $id }: { $views } { $views ->
        [one] просмотр
        [few] просмотра
       *[other] просмотров
    }, { $tickets } { $tickets ->
        [one] обращение
        [few] обращения
       *[other] обращений
    }, { $remarks } { $remarks ->
        [one] замечание
        [few] замечания
       *[other] замечаний
    }
report-row = { $period }  { $group } обращений { $tickets }  в срок по SLA { $within_sla }  нарушений { $breaches }  MTTR { $mttr }  инцидентов { $incidents }  MTBF { $mtbf }  ответов { $answered } ({ $from_kb } из базы знаний)  среднее время ответа { $mean_answer }
report-hours = ч
report-overall = всего
report-unknown-period = неизвестный период «{ $value }»; допустимые: { $allowed }
report-saved = сохранено { $path }
presets-placeholders = временные сроки, не из регламента: { $metrics } ({ $why })
policy-unknown = неизвестная политика «{ $given }»; допустимые: { $presets }

## --help (help_texts.rs): заголовки, флаги, команды (help-<путь>) и аргументы (help-<путь>--<аргумент>).
help-usage = Использование:
help-commands = Команды
help-arguments = Аргументы
help-options = Параметры
help-flag-help = Показать справку
help-flag-version = Показать версию
help = HELP DESK Государственной таможенной службы: ядро клиента без окна
help-sla = Политики SLA и сроки, как их устанавливают регламенты.
help-login = Войти на сервер (пароль из HELPDESK_PASSWORD или стандартного ввода).
help-login--server = Адрес сервера вместе со схемой (https://helpdesk.example). Также переменная HELPDESK_SERVER.
help-login--user = Ваше имя пользователя на этом сервере. Также переменная HELPDESK_USER.
help-logout = Выйти; реплика и очередь на отправку остаются.
help-sync = Отправить очередь действий и получить изменения.
help-status = Что ждёт отправки, что требует внимания, последняя синхронизация.
help-queue = Очередь обращений.
help-search = Найти обращения во всех очередях этой реплики по номеру, теме, описанию или комментариям (основы и префиксы, украинский и русский).
help-show = Обращение с историей и сроками.
help-take = Взять обращение в работу.
help-assign = Передать обращение пользователю (id) или рабочей группе.
help-comment = Добавить публичный ответ или, с --internal, внутреннюю заметку.
help-ask = Запросить у заявителя информацию.
help-postpone = Отложить с причиной: software_change, external_vendor, diagnostics, agreed_delay, force_majeure.
help-resume = Продолжить работу после откладывания или ожидания ответа заявителя.
help-escalate = Эскалировать в другую группу и/или на другую линию.
help-priority = Изменить приоритет: --level 1–5 или --impact и --urgency.
help-reclassify = Исправить тип обращения (002 §7.3.2–7.3.4): incident, service_request, consultation, change_request; примечание — обоснование или согласие заявителя.
help-propose-reclassification = Предложить заявителю новый тип и/или приоритет, удлиняющий срок (002 §7.3.4): действует после согласия или считается согласованным, если ответа нет в течение рабочего дня.
help-answer-reclassification = Записать ответ заявителя на предложенное изменение классификации (002 §7.3.4).
help-rate = Записать оценку заявителя по закрытому обращению, один раз: от 1 до 5 и необязательный комментарий (003 §6.1.12, §6.2.5).
help-paper-permission = Записать, что L1 сообщила таможне отправления и субъекту режима о разрешении на бумажную декларацию: действует 24 часа (001 §IV.6–7).
help-timeline-request = Записать запрос на уточнение сроков реализации запроса на доработку: заключение — в течение 5 рабочих дней (002 §12).
help-timeline-conclusion = Дать заключение по уточнению сроков (002 §12).
help-workaround = Дать обходное решение.
help-resolve = Решить: код решения, текст и ссылки на статьи базы знаний.
help-confirm-request = Попросить заявителя подтвердить решение (002 §14.4: для автозакрытия нужны два таких запроса).
help-reopen = Повторно открыть решённое обращение.
help-close = Закрыть решённое обращение: по подтверждению заявителя (по умолчанию) или `--basis agreed`, если закрыто по договорённости с ним (002 §14.2).
help-reject = Отклонить: out_of_scope, duplicate_of:НОМЕР, no_response, abusive, unclear, no_ministry_approval (запросы на доработку, 004 §3.5).
help-info-received = Записать ответ заявителя, полученный службой (по телефону, письмом): обращение выходит из ожидания, и отсчёт срока продолжается.
help-complexity = Установить сложность (003 §4.10): simple, medium, complex.
help-co-executor = Привлечь другую рабочую группу соисполнителем (003 §4.10, §4.15).
help-link = Связать другое обращение (002 §6.7–6.8): related или duplicate_of.
help-link-kb = Привязать к обращению статью базы знаний.
help-extend-deadline = Продлить срок с обоснованием (001 §III.3(2), §III.13; 002 §8.3): метрика, как её называет `helpdesk show` (resolution, reaction…), новый срок в формате RFC 3339 (2026-12-10T16:00:00+02:00).
help-kb = База знаний.
help-report = KPI моих рабочих групп по периодам (000 §13.6; 003 §6.2).
help-register = Зарегистрировать обращение от имени заявителя (L1: телефон, e-mail, бумага, чат); хранится в очереди на отправку, номер даёт сервер при синхронизации.
help-attention = Действия, которые сервер не применил.
help-queue--which = Очередь: mine (по умолчанию), group, unassigned, breaching, awaiting, recent.
help-queue--json = Вывести в формате JSON.
help--profile = Каталог профиля (по умолчанию — тот же, что у настольного приложения). Также переменная HELPDESK_PROFILE.
help-sla-replay = Воспроизвести события отсчёта обращения по политике и вывести срок и состояние каждой метрики в формате JSON (или, с --explain, словами).
help-sla-replay--file = Случай в формате JSON: { "{" }policy, holidays?, working_days?, ticket, events, now?{ "}" }; `-` читает стандартный ввод.
help-sla-replay--explain = Объяснить каждый срок шаг за шагом словами вместо JSON.
help-sla-replay--lang = Язык --explain и сообщений о неверных данных; по умолчанию из LC_ALL, LC_MESSAGES или LANG, иначе язык ОС (Windows, macOS), иначе украинский.
help-sla-presets = Перечислить встроенные политики (имя, заголовок, метрики с временными, не регламентными значениями).
help-sla-policy = Вывести встроенную политику в формате TOML.
help-sla-policy--name = Имя из списка `helpdesk sla presets`.
help-sync--watch = Синхронизировать, пока не будет прервано.
help-priority--note = Обоснование или согласие заявителя (002 §7.3.2, §7.3.4).
help-answer-reclassification--answer = `agreed` или `declined`.
help-info-received--text = Что ответил заявитель.
help-complexity--complexity = simple, medium или complex.
help-co-executor--group = Id группы (как их называет `helpdesk show`).
help-link--other = Номер другого обращения.
help-link--kind = related или duplicate_of (это обращение повторяет другое).
help-link-kb--article = Id статьи (как её показывает `helpdesk kb search`).
help-extend-deadline--metric = Метрика срока: resolution, reaction…
help-extend-deadline--until = Новый срок, RFC 3339 со смещением.
help-extend-deadline--justification = Почему (видит только служба).
help-kb-search = Поиск по мере ввода: основы и префиксы, украинский и русский.
help-kb-show = Одна статья.
help-kb-suggest = Статьи, отвечающие на обращение, по его теме.
help-kb-list = Статьи в заданных статусах (через запятую; по умолчанию все), как их видят редакторы.
help-kb-create = Написать черновик: текст из файла (`-` — стандартный ввод).
help-kb-create--body = Файл с текстом или `-` для стандартного ввода.
help-kb-create--public = Доступна пользователям Self Service после публикации.
help-kb-create--review_due = Дата периодического пересмотра, ГГГГ-ММ-ДД.
help-kb-edit = Редактировать статью; для опубликованной создаётся редакция, проходящая рецензирование.
help-kb-edit--body = Файл с текстом или `-` для стандартного ввода.
help-kb-edit--public = Доступна пользователям Self Service после публикации.
help-kb-edit--review_due = Дата периодического пересмотра, ГГГГ-ММ-ДД.
help-kb-edit--base_version = Версия, с которой сделана правка (более поздняя — конфликт).
help-kb-move = Перевести статью: review, approved, published, draft, archived.
help-kb-revision = Ожидающая решения редакция опубликованной статьи.
help-kb-revise-move = Перевести редакцию: review, approved, published (заменяет текст), draft, archived (отзывает её).
help-kb-reviewed = Статья проверена на актуальность: дата пересмотра сдвигается (по умолчанию на год).
help-kb-due = Опубликованные статьи с истёкшей датой пересмотра.
help-kb-due--mine = Только мои статьи.
help-kb-remarks = Замечания к статье; с ТЕКСТОМ — добавить замечание.
help-kb-usage = Просмотры, ссылки из обращений и замечания к статье.
help-report--from = Первый день, ГГГГ-ММ-ДД (по умолчанию — за 12 недель до `--to`).
help-report--to = Последний день, ГГГГ-ММ-ДД, включительно (по умолчанию — сегодня).
help-report--period = day, week или month.
help-report--group = Одна рабочая группа (по умолчанию — все мои).
help-report--csv = Сохранить в формате CSV в эту папку вместо вывода.
help-register--ticket_type = incident, service_request, consultation или change_request.
help-register--requester_kind = legal_entity, entrepreneur, official, employee или citizen.
help-register--channel = phone, email, paper, chat_bot или portal (без неё — как задано на сервере).
help-register--group = Рабочая группа; без неё группу выбирают правила маршрутизации сервера.
help-register--service = Услуга или подсистема (без неё — как задано на сервере).
help-register--impact = high, medium или low (без неё — как задано на сервере).
help-register--urgency = high, medium или low (без неё — как задано на сервере).
help-attention-retry = Выдать действие повторно для обращения в его нынешнем состоянии.
help-attention-discard = Отменить действие.

## Ошибки в командной строке (usage_errors.rs) и заполнители справки.
usage-value-missing = параметру { $arg } нужно значение
usage-value-invalid = недопустимое значение «{ $value }» для { $arg }
usage-allowed = допустимые: { $values }
usage-unknown-argument = неизвестный параметр «{ $arg }»
usage-unknown-command = неизвестная команда «{ $command }»
usage-missing = не хватает обязательных аргументов: { $args }
usage-missing-command = «{ $command }» требует команды
usage-commands = команды: { $commands }
usage-repeated = { $arg } можно указать только один раз
usage-conflict = { $arg } нельзя указывать вместе с { $other }
usage-value-count = неверное количество значений для { $arg }
usage-not-utf8 = аргументы должны быть в UTF-8
usage-other = команда не распознана
usage-did-you-mean = может быть, «{ $suggestion }»?
usage-see-help = см. `{ $help }`
help-value-options = ПАРАМЕТРЫ
help-value-command = КОМАНДА
help-help-command = Показать справку по команде: `helpdesk help kb due` — то же, что `helpdesk kb due --help`.

## Заполнители значений в справке (<ФАЙЛ>, <ГРУППА>).
help-value-profile = КАТАЛОГ
help-value-file = ФАЙЛ
help-value-lang = ЯЗЫК
help-value-name = НАЗВАНИЕ
help-value-server = АДРЕС
help-value-user = ПОЛЬЗОВАТЕЛЬ
help-value-which = ОЧЕРЕДЬ
help-value-query = ЗАПРОС
help-value-number = НОМЕР
help-value-group = ГРУППА
help-value-text = ТЕКСТ
help-value-reason = ПРИЧИНА
help-value-note = ПРИМЕЧАНИЕ
help-value-line = ЛИНИЯ
help-value-level = УРОВЕНЬ
help-value-impact = ВЛИЯНИЕ
help-value-urgency = СРОЧНОСТЬ
help-value-ticket-type = ТИП
help-value-answer = ОТВЕТ
help-value-score = ОЦЕНКА
help-value-comment = КОММЕНТАРИЙ
help-value-code = КОД
help-value-kb = СТАТЬЯ
help-value-basis = ОСНОВАНИЕ
help-value-complexity = СЛОЖНОСТЬ
help-value-other = ДРУГОЕ
help-value-kind = ВИД
help-value-article = СТАТЬЯ
help-value-metric = ПОКАЗАТЕЛЬ
help-value-until = ДО
help-value-justification = ОБОСНОВАНИЕ
help-value-id = ID
help-value-status = СТАТУС
help-value-title = ЗАГОЛОВОК
help-value-body = ТЕКСТ
help-value-category = КАТЕГОРИЯ
help-value-tag = ТЕГ
help-value-language = ЯЗЫК
help-value-review-due = ДАТА
help-value-base-version = ВЕРСИЯ
help-value-to = ДО
help-value-next = ДАТА
help-value-from = ОТ
help-value-period = ПЕРИОД
help-value-csv = ФАЙЛ
help-value-subject = ТЕМА
help-value-description = ОПИСАНИЕ
help-value-requester-name = ФИО
help-value-requester-email = EMAIL
help-value-requester-phone = ТЕЛЕФОН
help-value-requester-kind = ВИД
help-value-requester-organisation = ОРГАНИЗАЦИЯ
help-value-requester-edrpou = ЕГРПОУ
help-value-requester-tax-number = РНОКПП
help-value-requester-customs-unit = ПОДРАЗДЕЛЕНИЕ
help-value-requester-position = ДОЛЖНОСТЬ
help-value-channel = КАНАЛ
help-value-service = УСЛУГА
help-value-expected-result = ТЕКСТ
help-value-actual-result = ТЕКСТ

## `helpdesk sla replay`: неверные данные (replay.rs). Каждое сообщение идёт
## после JSON-пути поля, о котором оно (`events[3].to: …`), — путь не
## переводят; имена, списки и даты приводят так, как они даны в случае.
replay-read-stdin = не удалось прочитать случай: { $reason }
replay-read-file = не удалось прочитать «{ $file }»: { $reason }
replay-malformed-json = некорректный JSON: { $detail }
replay-json-null = null
replay-json-boolean = логическое значение
replay-json-number = число
replay-json-string = строка
replay-json-array = массив
replay-json-object = объект
replay-expected-object = ожидался объект, а не { $found }
replay-expected-array-of-events = ожидался массив событий, а не { $found }
replay-expected-array-of-dates = ожидался массив дат в формате YYYY-MM-DD, а не { $found }
replay-expected-string = ожидалась строка, а не { $found }
replay-expected-name = ожидалась строка, а не { $found }; допустимые: { $allowed }
replay-expected-boolean = ожидалось true или false, а не { $found }
replay-expected-priority = ожидалось число или название уровня, а не { $found }; допустимые: { $allowed }
replay-unknown-field = неизвестное поле; здесь допустимы: { $allowed }
replay-unknown-event-field = неизвестное поле для события вида «{ $kind }»; допустимые: { $allowed }
replay-missing = не указано; нужно: { $expected }
replay-expect-policy = имя встроенной политики или путь к TOML-файлу политики
replay-expect-ticket = объект с полями type, priority?, complexity?, service?
replay-expect-events = массив событий
replay-expect-timestamp = дата и время в формате RFC 3339 со смещением
replay-expect-timestamp-example = дата и время в формате RFC 3339 со смещением, например 2026-10-19T10:00:00+03:00
replay-expect-boolean = true или false
replay-not-a-date = «{ $text }» — это не дата; напишите её в формате YYYY-MM-DD, например 2026-11-04
replay-not-a-timestamp = «{ $text }» — это не дата и время в формате RFC 3339 со смещением; напишите, например, 2026-10-19T10:00:00+03:00
replay-unknown-policy = неизвестная политика «{ $given }»; допустимые: { $presets } или путь к TOML-файлу политики
replay-policy-unreadable = не удалось прочитать файл политики «{ $file }»: { $reason }
replay-policy-syntax = файл политики «{ $file }» не является правильной политикой: { $detail }
replay-policy-file-invalid = в файле политики «{ $file }» есть ошибка: { $detail }
# Ошибка самой политики, как её формулирует движок.
replay-policy-invalid = в политике есть ошибка: { $detail }
replay-working-day-is-holiday = { $date } — это также праздничный день (политики или из «holidays»); оставьте его только в одном списке
replay-holiday-is-working-day = { $date } — это также перенесённый рабочий день политики; оставьте его только в одном списке
replay-no-working-time = в календаре нет рабочего времени в течение { $days } { $days ->
        [one] дня
       *[other] дней
    } после { $date }; добавьте рабочие часы (или working_days) или уберите праздничные дни
# Ошибка календаря, как её формулирует движок.
replay-calendar-failed = не удалось рассчитать срок по календарю: { $detail }
replay-priority-levels = 1–5 или { $levels }
replay-priority-needed = не указано; сроки этой политики для обращения типа «{ $ticket_type }» зависят от приоритета; нужно: { $allowed }
replay-unknown-priority = неизвестный приоритет «{ $value }»; допустимые: { $allowed }
replay-unknown-ticket-type = неизвестный тип обращения «{ $value }»; допустимые: { $allowed }
replay-unknown-type = неизвестный тип «{ $value }»; допустимые: { $allowed }
replay-unknown-complexity = неизвестная сложность «{ $value }»; допустимые: { $allowed }
replay-unknown-status = неизвестный статус «{ $value }»; допустимые: { $allowed }
replay-unknown-milestone = неизвестная контрольная точка «{ $value }»; допустимые: { $allowed }
replay-unknown-line = неизвестная линия «{ $value }»; допустимые: { $allowed }
replay-unknown-event-kind = неизвестный вид события «{ $value }»; допустимые: { $allowed }
replay-unknown-metric = неизвестная метрика «{ $value }»; в этой политике есть: { $allowed }
replay-out-of-order = { $at } раньше, чем { $previous_path } ({ $previous }); перечислите события в том порядке, в котором они происходили
replay-earlier-than-previous = раньше предыдущего события; перечислите события в том порядке, в котором они происходили
replay-received-twice = обращение поступает только один раз и до его регистрации
replay-registered-twice = обращение регистрируют только один раз
replay-before-registration = «{ $kind }» до регистрации обращения; события начинаются с «received» (необязательно) и «registered»
replay-step-not-allowed = процесс не допускает переход «{ $from }» → «{ $to }»; из статуса «{ $from }» допустимы: { $allowed }
replay-step-none = ни одного (статус «{ $status }» окончательный)
replay-proposal-waiting = предложение изменить классификацию ещё ждёт ответа; сначала добавьте «reclassification_answered»
replay-proposal-empty = предложение меняет «type», «priority» или оба; укажите хотя бы одно из них
replay-no-proposal = ни одно предложение не ждёт ответа; добавьте перед этим событием «reclassification_proposed»
