# English texts of `helpdesk`. Every message here must exist in uk.ftl and
# ru.ftl too (a unit test checks it).

## Amounts of time

unit-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
unit-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
unit-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
unit-seconds = { $n ->
    [one] { $n } second
   *[other] { $n } seconds
}
working-time = { $duration } of working time

## Terms of a policy

term-working-days = { $n ->
    [one] { $n } working day
   *[other] { $n } working days
}
term-working-hours = { $n ->
    [one] { $n } working hour
   *[other] { $n } working hours
}
term-working-minutes = { $n ->
    [one] { $n } working minute
   *[other] { $n } working minutes
}
term-calendar-days = { $n ->
    [one] { $n } calendar day
   *[other] { $n } calendar days
}
term-calendar-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
term-calendar-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
term-by-agreement = by agreement
term-none = no term under this regulation

## Dates

weekday-mon = Mon
weekday-tue = Tue
weekday-wed = Wed
weekday-thu = Thu
weekday-fri = Fri
weekday-sat = Sat
weekday-sun = Sun
date = { $weekday } { $year }-{ $month }-{ $day }
datetime = { $date } { $time }

## Names

metric-reaction = reaction
metric-resolution = resolution
metric-conclusion = conclusion on the change request
metric-answer = answer to the user
metric-registration = registration
metric-l2_processing = L2 processing
metric-l3_processing = L3 processing
metric-continuity_confirmation = confirmation of a system failure
metric-paper_permission = paper-declaration permission
metric-timeline_conclusion = conclusion on the implementation timeline

status-new = new
status-in_progress = in progress
status-awaiting_info = awaiting information
status-postponed = postponed
status-resolved = resolved
status-closed = closed

type-incident = incident
type-service_request = service request
type-consultation = consultation
type-change_request = change request

complexity-simple = simple
complexity-medium = medium
complexity-complex = complex

state-not_started = not started
state-running = running
state-paused = paused
state-met = met
state-breached = breached
state-no_term = no term under this regulation

cond-priority = priority { $priority }
priority-none = no priority
cond-complexity = complexity “{ $complexity }”
cond-workaround = with a workaround

cause-received = the request was received
cause-registered = the ticket was registered
cause-escalated = the ticket was escalated to { $line }
cause-registered-on = the ticket was registered straight onto { $line }
cause-taken = an executor of { $line } took the ticket into work
cause-status = the ticket entered the status “{ $status }”
cause-met = the metric “{ $metric }” was met
milestone-paper_permission_granted = the customs office of departure and the subject of the regime were informed of the paper-declaration permission
milestone-timeline_clarification_requested = a clarification of the implementation timeline was requested
milestone-timeline_conclusion_given = the conclusion on the implementation timeline was given

stop-taken = the ticket was taken into work
stop-registered = the request was registered
stop-status = the ticket entered the status “{ $status }”

## The explanation

explain-header = Policy “{ $policy }” ({ $id }), as of { $now } ({ $zone }).
explain-ticket = Ticket: { $conditions }.
explain-metric = Metric “{ $metric }”{ $cite }, time zone { $zone }:
explain-not-started = The clock has not started: it starts when { $cause }{ $cite }.
step-started = { $at }: the count began — { $cause }.
step-target = { $at }: for a ticket like this ({ $conditions }) the term is { $term }{ $cite }.
step-target-none = { $at }: the regulation sets no term for a ticket like this ({ $conditions }){ $cite }: there is no deadline and no warning.
target-placeholder = This term is a placeholder, not the regulation's figure.
target-placeholder-why = This term is a placeholder, not the regulation's figure: { $why }.
step-no-target = { $at }: the policy sets no fixed term ({ $term }), so there is no deadline.
step-no-rule = { $at }: no rule of the policy matches this ticket, so there is no deadline.
step-hour-count = { $term } run from { $from }; without pauses the deadline is { $due }.
step-hour-count-later = { $term } count from the first working moment, { $first } (the start { $from } is outside working hours); without pauses the deadline is { $due }.
step-day-count-working = { $term }: the term begins the day after { $start }; the working days { $first } … { $last } count, and the term expires at the close of working hours of { $last }: { $due }.
step-day-count-calendar = { $term }: counted from the day after { $start }, the last day is { $last }; the term expires at the close of its working hours: { $due }.
step-day-count-calendar-moved = { $term }: counted from the day after { $start }, the term falls on { $date }, which is not a working day, so it moves to the close of the next working day, { $last }: { $due }.
day-count-holidays = Holidays not counted: { $dates }.
step-paused = { $from } — { $to }: the clock was paused (status “{ $status }”){ $cite }; the deadline moved later by { $added }.
step-paused-open = Since { $from } the clock is paused (status “{ $status }”){ $cite }; so far the deadline moved later by { $added }.
step-priority-lowered = { $at }: the priority was lowered from { $from } to { $to }: the deadline is recomputed from the original start with the new target; the { $worked } already worked still count{ $cite }.
step-priority-raised = { $at }: the priority was raised from { $from } to { $to }: the clock restarts now with the new target; nothing earlier carries over{ $cite }.
step-priority-kept = { $at }: the priority changed from { $from } to { $to }; the target stays the same.
step-type-lengthened = { $at }: the type was changed from “{ $from }” to “{ $to }”, a longer term: the deadline is recomputed from the original start with the new target; the { $worked } already worked still count{ $cite }.
step-type-shortened = { $at }: the type was changed from “{ $from }” to “{ $to }”, a shorter term: the clock restarts now with the new target{ $cite }.
step-type-kept = { $at }: the type was changed from “{ $from }” to “{ $to }”; the target stays the same.
step-workaround = { $at }: a workaround was given: the “with workaround” target applies, counted from the original start{ $cite }.
step-complexity = { $at }: the complexity became “{ $complexity }”: the target is recomputed from the start{ $cite }.
step-extended = { $at }: the deadline was extended until { $until }{ $cite }.
step-capped = The deadline is held at the maximum of { $term } from the start{ $cite }: { $due }.
step-stopped = { $at }: the clock stopped — { $by }.
step-resumed = { $at }: the clock resumed — { $cause }.
resume-status = the ticket went from the status “{ $from }” to “{ $to }”
resume-handed-over-group = the ticket was handed over to another working group
resume-handed-over = the ticket was handed over to { $line }
resume-information-received = the requester gave the information
resume-postponement-ended = work resumed after the postponement
resume-reopened = the ticket was reopened
step-pauses-total = With the pauses ({ $added } in all) the deadline moves from { $from } to { $due }{ $cite }.
reclass-agreed = A change of type or priority that lengthens the term was proposed { $asked }; the requester agreed { $at }, and it applies from then (002 §7.3.4).
reclass-refused = A change of type or priority that lengthens the term was proposed { $asked }; the requester refused { $at }, so the classification stays (002 §7.3.4).
reclass-deemed = A change of type or priority that lengthens the term was proposed { $asked }; no answer came by { $due }, so it is deemed agreed from { $due } (002 §7.3.4).
reclass-pending = A change of type or priority that lengthens the term was proposed { $asked }; the requester's answer is due by { $due }, and without it the change is deemed agreed (002 §7.3.4).
explain-result = Deadline: { $due }; state: { $state }.
explain-result-no-due = No deadline; state: { $state }.
explain-counted = Counted: { $elapsed }; left: { $remaining }.
explain-counted-only = Counted: { $elapsed }.
warning-reached = Warning at { $percent } % of the term: reached { $at }.
warning-pending = Warning at { $percent } % of the term: due { $at } if nothing changes.
warning-breach-reached = Breach: the deadline { $at } has passed.
warning-breach-pending = Breach after { $at } if nothing changes.

## The workflow's refusals, by their code (helpdesk_domain::refusal_code), and the ops they name.

op-take = Take
op-assign = Assign
op-comment = Comment
op-request_info = Ask the requester
op-info_received = Answer received
op-postpone = Postpone
op-resume = Resume
op-escalate = Escalate
op-add_co_executor = Add a co-executor
op-set_priority = Priority
op-set_complexity = Complexity
op-give_workaround = Workaround
op-resolve = Resolve
op-request_confirmation = Ask to confirm the solution
op-reopen = Reopen
op-close = Close
op-reject = Reject
op-link_kb = Link an article
op-link_ticket = Link a ticket
op-extend_deadline = Extend the deadline
op-change_type = change the type
op-grant_paper_permission = permit a paper declaration
op-request_timeline_clarification = request a timeline clarification
op-give_timeline_conclusion = give the timeline conclusion
op-propose_reclassification = propose a reclassification
op-answer_reclassification = answer a reclassification
op-rate = rate the answer

refusal-wrong_status = “{ $op }” cannot be done while the ticket is “{ $status }”; it is allowed only when the ticket is: { $allowed }.
refusal-forbidden_role = Your role does not allow “{ $op }”.
refusal-not_requester = Another requester filed this ticket: only they may “{ $op }”.
refusal-not_owner = Only the ticket's owner or the group's lead may “{ $op }”. Take the ticket or ask the lead.
refusal-not_in_group = The ticket belongs to group “{ $group }”, which you are not a member of. Ask that group's lead.
refusal-not_group_lead = Only the lead of group “{ $group }” or the current owner may hand the ticket over.
refusal-forbidden_line = Only a line { $required } (or higher) group may “{ $op }”.
refusal-missing_reason = For “{ $op }”, give the “{ $field }” — the regulations want it recorded.
refusal-empty_text = The field “{ $field }” is empty — fill it in.
refusal-same_value = Nothing to change: “{ $field }” already has this value.
refusal-invalid_target = The “{ $field }” is not valid for “{ $op }”.
refusal-invalid_input = Check the field “{ $field }”.
refusal-not_applicable = “{ $op }” does not apply to a ticket of type “{ $ticket_type }”.
refusal-too_few_info_requests = A rejection for no response needs { $required } { $required ->
        [one] request
       *[other] requests
    } for information; { $made } made. Request it again.
refusal-allowed-now = Allowed now: { $commands }.
refusal-nothing-allowed-now = No action of the command line is allowed on this ticket now.

## What failed on the way to the server (helpdesk_sync::http::failure::FailureKind).
net-refused = nothing answers at { $host } (connection refused): check the server's address, or that it is running
net-unknown_host = the name { $host } cannot be resolved: check the address and the network
net-connect_timeout = no connection to { $host } within { $seconds } s: check the network (VPN, proxy)
net-no_answer = { $host } accepted the connection but did not answer within { $seconds } s: the server is overloaded or stuck
net-tls = the secure connection to { $host } failed: check the server's certificate and the address's scheme
net-cut = the connection to { $host } was cut before the answer came
net-other = the exchange with { $host } failed
failure-try-later = { $reason }; nothing is lost: try again later

## What became of an action after trying to send it.
send-needs-attention = sent, but the server did not apply it: see `helpdesk attention` (the text you wrote is kept there)
send-applied = sent: { $applied } applied
send-applied-some-not = sent: { $applied } applied, { $not_applied } not applied — see `helpdesk attention`
send-applied-pull-failed = sent: the server applied it; fetching the latest changes failed ({ $reason }): they come with the next `helpdesk sync`
send-applied-no-pull = sent: the server applied it; the latest changes come with the next `helpdesk sync`
send-kept-sign-in = not sent: { $reason }; { $count ->
        [one] { $count } action will
       *[other] { $count } actions will
    } be sent after `helpdesk login`
send-kept-offline = offline: { $reason }; { $count ->
        [one] { $count } action will
       *[other] { $count } actions will
    } be sent at the next sync
send-kept-no-result = sent, but the server gave no result for it yet; { $count ->
        [one] { $count } action will
       *[other] { $count } actions will
    } be sent again at the next sync
send-kept-no-answer = the server did not answer within { $seconds } s; { $count ->
        [one] { $count } action will
       *[other] { $count } actions will
    } be sent at the next sync

## Sync, sign-out, status.
sync-done = sent { $pushed ->
        [one] { $pushed } action
       *[other] { $pushed } actions
    }: { $applied } applied, { $not_applied } need attention; received { $changes ->
        [one] { $changes } change
       *[other] { $changes } changes
    }; pending { $pending }, needs attention { $attention }
sync-failed = sync failed: { $reason }; { $count ->
        [one] { $count } action stays
       *[other] { $count } actions stay
    } in the outbox: nothing is lost, try again later
logout-done = signed out; { $count ->
        [one] { $count } action stays
       *[other] { $count } actions stay
    } in the outbox and will be sent after the next sign-in
profile-server = server: { $server }
profile-user = user: { $user }
profile-pending = pending: { $count }
profile-attention = needs attention: { $count }
profile-last-sync = last successful sync: { $when }
profile-never = never
profile-last-failure = last sync failed at { $when }: { $reason }
act-saved = { $number }: saved as action #{ $seq } ({ $status })
act-not-signed-in = not signed in: it will be sent after `helpdesk login`
attention-none = nothing needs attention
attention-retried = issued again as action #{ $seq }
attention-discarded = action #{ $id } discarded
watch-start = syncing until interrupted (Ctrl-C)…
watch-online = online
watch-offline = offline, retrying
watch-sign-in = sign-in required: run `helpdesk login` again
watch-line = { $state }; pending { $pending }, needs attention { $attention }
watch-synced = synced: actions sent or changes received
input-instant = `{ $text }` is not a date and time with its offset; write it like 2026-12-10T16:00:00+02:00 or 2026-12-10T14:00:00Z
exit-codes =
    Exit codes:
      0 done (an action saved offline is done: it is sent later)
      1 refused by a rule of the workflow or the server
      2 bad usage or bad input
      3 the server could not be reached, did not answer in time or failed (nothing is lost: try again later)
      4 sign-in needed (run `helpdesk login`)
## Registering a ticket (`helpdesk register`)

register-refused = { $n ->
    [one] Not registered: { $n } field is missing or wrong
   *[other] Not registered: { $n } fields are missing or wrong
} — { $fields }. Add them and run the command again; nothing was saved.
register-missing = missing
register-invalid = not valid
register-saved = { $reference }: the registration is saved as action #{ $seq }; the server gives the ticket its number at the sync.
register-numbered = { $reference } is registered as { $number }.
register-field-type = ticket type
register-field-subject = subject
register-field-description = description
register-field-service = service
register-field-channel = channel
register-field-impact = impact
register-field-urgency = urgency
register-field-requester_kind = requester kind
register-field-requester_name = requester's full name
register-field-requester_email_or_phone = requester's e-mail or phone
register-field-requester_email = requester's e-mail
register-field-requester_phone = requester's phone
register-field-requester_organisation = requester's organisation
register-field-requester_edrpou = EDRPOU code
register-field-requester_tax_number = taxpayer number
register-field-requester_customs_unit = customs unit
register-field-requester_position = requester's position
register-field-expected_result = expected result
register-field-actual_result = actual result
