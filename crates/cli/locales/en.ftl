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

## The client core's errors (helpdesk_client::ClientErrorCode), by their code and what the
## command was about (`-ticket`, `-article`, `-profile`…). In English, the core's own
## sentence ($message), word for word as before.
client-error-not_signed_in = { $message }
client-error-sign_in_required = { $message }
client-error-bad_credentials = { $message }
client-error-offline = { $message }
client-error-server_error = { $message }
client-error-not_found = { $message }
client-error-not_found-ticket = { $message }
client-error-not_found-article = { $message }
client-error-invalid_input = { $message }
client-error-other_user_outbox = { $message }
client-error-replica = { $message }
client-error-storage = { $message }
client-error-storage-profile = { $message }
client-error-storage-no-profile = { $message }
client-error-storage-folder = { $message }
client-error-no_such_attention = { $message }
client-error-kb-own_approval = { $message }
client-error-kb-wrong_status = { $message }
client-error-kb-conflict = { $message }
client-error-kb-review_not_later = { $message }
client-error-kb-invalid_article = { $message }

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

## Sign-in, queues, a ticket, needs attention.
login-signed-in = signed in to { $server } as { $name } ({ $user })
login-synced = synced: { $changes ->
        [one] { $changes } change
       *[other] { $changes } changes
    } in { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }
login-sync-failed = signed in, but the first sync failed: { $reason }
queue-empty = the queue is empty
queue-unsent = { $count } unsent
show-header = { $type } · P{ $priority } · { $status } · group { $group } · line { $line } · owner { $owner }
show-requester = requester: { $name }
show-actions = actions now: { $commands }
show-sla = SLA { $metric }: { $state }, due { $due }
show-reply = reply by { $author }
show-internal-note = internal note by { $author }
attention-conflict = “{ $op }”: conflict — the ticket changed on the server first; see it, then `helpdesk attention retry { $seq }` or `discard { $seq }`
attention-held = “{ $op }”: held back, because an earlier action on this ticket was not applied
attention-refused = “{ $op }”: the server refused it — { $message }

## Messages of the commands themselves (analyst.rs, kb_editorial.rs, register.rs, more_ops.rs, cli.rs).
cli-cannot-start = cannot start: { $reason }
input-unknown-name = unknown { $what } `{ $given }`; allowed: { $allowed }
input-unknown-answer = unknown answer `{ $value }`; allowed: { $allowed }
input-unknown-reject-reason = unknown reason `{ $value }`; allowed: { $allowed }
input-give-one-of = give one of: { $allowed }
input-not-a-date = `{ $text }` is not a date YYYY-MM-DD
input-read-stdin = cannot read standard input: { $reason }
input-read-file = cannot read `{ $file }`: { $reason }
login-server-address = give the server's address with its scheme, e.g. https://helpdesk.example or http://127.0.0.1:8080
login-password-prompt = Password:
login-password-unreadable = cannot read the password: { $reason }
login-password-missing = no password: type it, or set HELPDESK_PASSWORD
usage-assign-needs-target = assign needs --user or --group
usage-escalate-needs-target = escalate needs --group and/or --line
usage-priority-needs-level = priority needs --level, or --impact and --urgency
usage-propose-needs-change = propose-reclassification needs --type and/or --level
usage-not-an-action = { $command } is not an action
sign-in-keyring-off = the token of this sign-in is in the OS keyring, which HELPDESK_KEYRING=off turns off: unset it, or run `helpdesk login` again; the outbox is kept
sign-in-token-unreadable = the token of this sign-in cannot be read ({ $problem }): unlock the OS keyring, or run `helpdesk login` again; the outbox is kept
sign-in-signed-out = signed out: run `helpdesk login` again; the outbox is kept
sign-in-none = not signed in: run `helpdesk login --server URL --user NAME`
search-nothing-found = nothing found for «{ $query }»
kb-tags = tags: { $tags }
kb-review-due = review { $date }
kb-links = links { $count }
kb-no-articles = no articles
kb-saved-as-revision = { $id }: saved as a revision ({ $status }) of version { $version }; the published text stays until the revision is approved and published
kb-revision = { $id }: revision { $status } by { $author } of version { $version } (you may move it to: { $moves })
kb-moves-none = nothing
kb-no-revision = { $id }: no pending revision
kb-revision-moved = { $id }: revision { $status }
kb-overdue = overdue { $days } d  owner { $owner }
kb-none-due = no article is past its review date
kb-remark-saved = { $id }: remark #{ $remark } saved
kb-usage = { $id }: views { $views }, tickets { $tickets }, remarks { $remarks }
report-row = { $period }  { $group } tickets { $tickets }  within SLA { $within_sla }  breaches { $breaches }  MTTR { $mttr }  incidents { $incidents }  MTBF { $mtbf }  answered { $answered } ({ $from_kb } from KB)  mean answer { $mean_answer }
report-hours = h
report-overall = overall
report-unknown-period = `{ $value }` is not one of { $allowed }
report-saved = saved { $path }
presets-placeholders = placeholder figures: { $metrics } ({ $why })
policy-unknown = unknown policy `{ $given }`; allowed: { $presets }

## --help (help_texts.rs): the headings and the built-in flags; the
## commands' and arguments' English texts are their doc comments.
help-usage = Usage:
help-commands = Commands
help-arguments = Arguments
help-options = Options
help-flag-help = Print help
help-flag-version = Print version
## Commands (help-<path>) and arguments (help-<path>--<argument>): the doc comments of cli.rs, analyst.rs, more_ops.rs, kb_editorial.rs, register.rs.
help = HELP DESK of the State Customs Service: the client core without a window.
help--profile = The profile directory (default: the desktop app's). Also HELPDESK_PROFILE.
help-sla = SLA policies and deadlines, as the regulations set them.
help-sla-replay = Replay a ticket's clock events under a policy and print each metric's deadline and state as JSON (or, with --explain, in words).
help-sla-replay--file = The case as JSON: { "{" }policy, holidays?, working_days?, ticket, events, now?{ "}" }; `-` reads stdin.
help-sla-replay--explain = Explain each deadline step by step in words instead of printing JSON.
help-sla-replay--lang = Language of --explain and of the messages about bad input; by default from LC_ALL, LC_MESSAGES or LANG, else the OS's (Windows, macOS), else Ukrainian.
help-sla-presets = List the built-in policies (name, then title, then the metrics whose figures are placeholders, not the regulation's).
help-sla-policy = Print a built-in policy as TOML.
help-sla-policy--name = A name listed by `helpdesk sla presets`.
help-login = Sign in to a server (password from HELPDESK_PASSWORD or standard input).
help-login--server = The server's address with its scheme (https://helpdesk.example). Also the variable HELPDESK_SERVER.
help-login--user = Your user name on that server. Also the variable HELPDESK_USER.
help-logout = Sign out; the replica and the outbox stay.
help-sync = Send the outbox and fetch what changed.
help-sync--watch = Keep syncing until interrupted.
help-status = What is waiting to be sent, what needs attention, the last sync.
help-queue = A queue of tickets.
help-search = Find tickets in every queue of this replica by number, subject, description or comments (stems and prefixes, Ukrainian and Russian).
help-show = A ticket with its history and deadlines.
help-take = Take a ticket into work.
help-assign = Hand a ticket to a user (id) or to a working group.
help-comment = Add a public reply, or an internal note with --internal.
help-ask = Ask the requester for information (the clock pauses).
help-postpone = Postpone for a reason: software_change, external_vendor, diagnostics, agreed_delay, force_majeure.
help-resume = Continue after a postponement or a wait for the requester.
help-escalate = Escalate to another group and/or line.
help-priority = Change the priority: --level 1–5, or --impact and --urgency.
help-priority--note = The justification, or the requester's agreement (002 §7.3.2, §7.3.4).
help-reclassify = Correct the ticket's type (002 §7.3.2–7.3.4): incident, service_request, consultation, change_request; the note is the justification or the requester's agreement.
help-propose-reclassification = Propose a new type and/or priority that lengthens the term to the requester (002 §7.3.4): it applies once agreed, or deemed agreed when no answer comes within a working day.
help-answer-reclassification = Record the requester's answer to a proposed reclassification (002 §7.3.4).
help-answer-reclassification--answer = `agreed` or `declined`.
help-rate = Record the requester's rating of the answer on a closed ticket, once: a score from 1 to 5 and an optional comment (003 §6.1.12, §6.2.5).
help-paper-permission = Record that L1 informed the customs office and the subject of the regime of the paper-declaration permission: valid 24 hours (001 §IV.6–7).
help-timeline-request = Record a request to clarify a change request's timeline: the conclusion is due in 5 working days (002 §12).
help-timeline-conclusion = Give the conclusion on the timeline clarification (002 §12).
help-workaround = Give a workaround.
help-resolve = Resolve with a resolution code, a text and knowledge-base links.
help-confirm-request = Ask the requester to confirm a resolution (002 §14.4: auto-close needs two such requests).
help-reopen = Reopen a resolved ticket.
help-close = Close a resolved ticket: on the requester's confirmation (default), or `--basis agreed` when closed in agreement with them (002 §14.2).
help-reject = Reject: out_of_scope, duplicate_of:NUMBER, no_response, abusive, unclear, no_ministry_approval (change requests, 004 §3.5).
help-info-received = Record the requester's answer the desk received (by phone, mail): the ticket leaves `awaiting_info` and its clock runs again.
help-info-received--text = What the requester answered.
help-complexity = Set the complexity (003 §4.10): simple, medium, complex.
help-complexity--complexity = simple, medium or complex.
help-co-executor = Involve another working group as co-executor (003 §4.10, §4.15).
help-co-executor--group = The group's id (as `helpdesk show` names groups).
help-link = Link another ticket (002 §6.7–6.8): related, or duplicate_of.
help-link--other = The other ticket's number.
help-link--kind = related, or duplicate_of (this ticket repeats the other).
help-link-kb = Link a knowledge-base article to the ticket.
help-link-kb--article = The article's id (as `helpdesk kb search` lists it).
help-extend-deadline = Extend a deadline with a justification (001 §III.3(2), §III.13; 002 §8.3): the metric as `helpdesk show` names it (resolution, reaction…), the new deadline as RFC 3339 (2026-12-10T16:00:00+02:00).
help-extend-deadline--metric = The deadline's metric: resolution, reaction….
help-extend-deadline--until = The new deadline, RFC 3339 with its offset.
help-extend-deadline--justification = Why (only the desk sees it).
help-kb = The knowledge base.
help-kb-search = Search as you type: stems and prefixes, Ukrainian and Russian.
help-kb-show = One article.
help-kb-suggest = Articles that answer a ticket, from its subject.
help-kb-list = The articles in the given statuses (comma-separated; all by default), as editors see them.
help-kb-create = Write a draft: the body from a file (`-` for standard input).
help-kb-create--body = A file with the body, or `-` for standard input.
help-kb-create--public = Readable by Self Service users once published.
help-kb-create--review_due = The periodic review date, YYYY-MM-DD.
help-kb-edit = Edit an article; a published one gets a revision that goes through review.
help-kb-edit--body = A file with the body, or `-` for standard input.
help-kb-edit--public = Readable by Self Service users once published.
help-kb-edit--review_due = The periodic review date, YYYY-MM-DD.
help-kb-edit--base_version = The version the edit was made on (a later one is a conflict).
help-kb-move = Move an article: review, approved, published, draft, archived.
help-kb-revision = The pending revision of a published article.
help-kb-revise-move = Move the revision: review, approved, published (replaces the text), draft, archived (withdraws it).
help-kb-reviewed = The article was checked for relevance: the review date moves (a year on by default).
help-kb-due = Published articles past their review date.
help-kb-due--mine = Only the articles I own.
help-kb-remarks = Remarks on an article; with TEXT, add one.
help-kb-usage = Views, links from tickets and remarks of an article.
help-report = The KPIs of my working groups per period (000 §13.6; 003 §6.2).
help-report--from = First day, YYYY-MM-DD (default: 12 weeks before `--to`).
help-report--to = Last day, YYYY-MM-DD, included (default: today).
help-report--period = day, week or month.
help-report--group = One working group (default: all of mine).
help-report--csv = Save as CSV into this folder instead of printing.
help-register = Register a ticket on behalf of a requester (L1: phone, e-mail, paper, chat); kept in the outbox, numbered by the server at the sync.
help-register--ticket_type = incident, service_request, consultation or change_request.
help-register--requester_kind = legal_entity, entrepreneur, official, employee or citizen.
help-register--channel = phone, email, paper, chat_bot or portal (default: the server's).
help-register--group = The working group; without it the server's routing rules choose.
help-register--service = The service or subsystem concerned (default: the server's).
help-register--impact = high, medium or low (default: the server's).
help-register--urgency = high, medium or low (default: the server's).
help-attention = Actions the server did not apply.
help-attention-retry = Issue the action again against the ticket as it is now.
help-attention-discard = Drop the action.
help-queue--which = The queue: mine (default), group, unassigned, breaching, awaiting, recent.
help-queue--json = Print JSON.

## Mistakes on the command line (usage_errors.rs) and help placeholders.
usage-value-missing = { $arg } needs a value
usage-value-invalid = `{ $value }` is not a valid value for { $arg }
usage-allowed = allowed: { $values }
usage-unknown-argument = unknown option `{ $arg }`
usage-unknown-command = unknown command `{ $command }`
usage-missing = required arguments missing: { $args }
usage-missing-command = `{ $command }` needs a command
usage-commands = commands: { $commands }
usage-repeated = { $arg } can be given only once
usage-conflict = { $arg } cannot be given together with { $other }
usage-value-count = wrong number of values for { $arg }
usage-not-utf8 = the arguments must be UTF-8
usage-other = the command was not understood
usage-did-you-mean = did you mean `{ $suggestion }`?
usage-see-help = see `{ $help }`
help-value-options = OPTIONS
help-value-command = COMMAND
help-help-command = Print a command's help: `helpdesk help kb due` is `helpdesk kb due --help`.

## Value placeholders in help (<FILE>, <GROUP>).
help-value-profile = DIR
help-value-file = FILE
help-value-lang = LANG
help-value-name = NAME
help-value-server = URL
help-value-user = USER
help-value-which = QUEUE
help-value-query = QUERY
help-value-number = NUMBER
help-value-group = GROUP
help-value-text = TEXT
help-value-reason = REASON
help-value-note = NOTE
help-value-line = LINE
help-value-level = LEVEL
help-value-impact = IMPACT
help-value-urgency = URGENCY
help-value-ticket-type = TYPE
help-value-answer = ANSWER
help-value-score = SCORE
help-value-comment = COMMENT
help-value-code = CODE
help-value-kb = ARTICLE
help-value-basis = BASIS
help-value-complexity = COMPLEXITY
help-value-other = OTHER
help-value-kind = KIND
help-value-article = ARTICLE
help-value-metric = METRIC
help-value-until = UNTIL
help-value-justification = JUSTIFICATION
help-value-id = ID
help-value-status = STATUS
help-value-title = TITLE
help-value-body = BODY
help-value-category = CATEGORY
help-value-tag = TAG
help-value-language = LANGUAGE
help-value-review-due = DATE
help-value-base-version = VERSION
help-value-to = TO
help-value-next = DATE
help-value-from = FROM
help-value-period = PERIOD
help-value-csv = FILE
help-value-subject = SUBJECT
help-value-description = DESCRIPTION
help-value-requester-name = NAME
help-value-requester-email = EMAIL
help-value-requester-phone = PHONE
help-value-requester-kind = KIND
help-value-requester-organisation = ORGANISATION
help-value-requester-edrpou = EDRPOU
help-value-requester-tax-number = TAX-NUMBER
help-value-requester-customs-unit = UNIT
help-value-requester-position = POSITION
help-value-channel = CHANNEL
help-value-service = SERVICE
help-value-expected-result = TEXT
help-value-actual-result = TEXT

## `helpdesk sla replay`: bad input (replay.rs). Each message follows the JSON
## path of the field it is about (`events[3].to: …`), which is not translated;
## names, lists and dates are quoted as the case gives them.
replay-read-stdin = cannot read the case: { $reason }
replay-read-file = cannot read `{ $file }`: { $reason }
replay-malformed-json = malformed JSON: { $detail }
replay-json-null = null
replay-json-boolean = a boolean
replay-json-number = a number
replay-json-string = a string
replay-json-array = an array
replay-json-object = an object
replay-expected-object = expected an object, found { $found }
replay-expected-array-of-events = expected an array of events, found { $found }
replay-expected-array-of-dates = expected an array of dates YYYY-MM-DD, found { $found }
replay-expected-string = expected a string, found { $found }
replay-expected-name = expected a string, found { $found }; allowed: { $allowed }
replay-expected-boolean = expected true or false, found { $found }
replay-expected-priority = expected a number or a level name, found { $found }; allowed: { $allowed }
replay-unknown-field = unknown field; allowed here: { $allowed }
replay-unknown-event-field = unknown field for an event of kind `{ $kind }`; allowed: { $allowed }
replay-missing = missing; expected { $expected }
replay-expect-policy = a preset name or a path to a policy TOML file
replay-expect-ticket = an object with type, priority?, complexity?, service?
replay-expect-events = an array of events
replay-expect-timestamp = an RFC 3339 timestamp with an offset
replay-expect-timestamp-example = an RFC 3339 timestamp with an offset, e.g. 2026-10-19T10:00:00+03:00
replay-expect-boolean = true or false
replay-not-a-date = `{ $text }` is not a date; expected YYYY-MM-DD, e.g. 2026-11-04
replay-not-a-timestamp = `{ $text }` is not an RFC 3339 timestamp with an offset; expected e.g. 2026-10-19T10:00:00+03:00
replay-unknown-policy = unknown policy `{ $given }`; allowed: { $presets }, or a path to a policy TOML file
replay-policy-unreadable = cannot read policy file `{ $file }`: { $reason }
replay-policy-syntax = policy file `{ $file }`: not a valid policy: { $detail }
replay-policy-file-invalid = policy file `{ $file }`: { $detail }
# The policy's own error, as the engine words it.
replay-policy-invalid = { $detail }
replay-working-day-is-holiday = { $date } is also a holiday (of the policy or of `holidays`); keep it in one list
replay-holiday-is-working-day = { $date } is also a transferred working day of the policy; keep it in one list
replay-no-working-time = the calendar has no working time in the { $days } { $days ->
        [one] day
       *[other] days
    } after { $date }; add working hours (or working_days) or remove holidays
# The calendar's own error, as the engine words it.
replay-calendar-failed = { $detail }
replay-priority-levels = 1–5 or { $levels }
replay-priority-needed = missing; this policy's terms depend on the priority of a ticket of type `{ $ticket_type }`: expected { $allowed }
replay-unknown-priority = unknown priority `{ $value }`; allowed: { $allowed }
replay-unknown-ticket-type = unknown ticket type `{ $value }`; allowed: { $allowed }
replay-unknown-type = unknown type `{ $value }`; allowed: { $allowed }
replay-unknown-complexity = unknown complexity `{ $value }`; allowed: { $allowed }
replay-unknown-status = unknown status `{ $value }`; allowed: { $allowed }
replay-unknown-milestone = unknown milestone `{ $value }`; allowed: { $allowed }
replay-unknown-line = unknown line `{ $value }`; allowed: { $allowed }
replay-unknown-event-kind = unknown event kind `{ $value }`; allowed: { $allowed }
replay-unknown-metric = unknown metric `{ $value }`; this policy has: { $allowed }
replay-out-of-order = { $at } is earlier than { $previous_path } ({ $previous }); list events in the order they happened
replay-earlier-than-previous = earlier than the event before it; list events in the order they happened
replay-received-twice = the request is received once, before it is registered
replay-registered-twice = the ticket is registered once
replay-before-registration = `{ $kind }` before the ticket was registered; the events begin with `received` (optional) and `registered`
replay-step-not-allowed = the workflow does not allow `{ $from }` → `{ $to }`; from `{ $from }` allowed: { $allowed }
replay-step-none = none (nothing leaves `{ $status }`)
replay-proposal-waiting = a proposal is still waiting for its answer; add `reclassification_answered` first
replay-proposal-empty = a proposal changes `type`, `priority` or both; give at least one
replay-no-proposal = no proposal is waiting for an answer; add `reclassification_proposed` before it
