//! The texts of the e-mails to requesters, in Ukrainian, English and
//! Russian. Every subject starts with `[#NUMBER]`, so a reply finds its
//! ticket; the body greets the requester by name, says what happened and
//! what they can do.

use super::Language;
use helpdesk_domain::requester_mail::NoticeKind;
use helpdesk_domain::ticket::{CloseBasis, RejectReason, Ticket};

/// A message ready to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

/// The subject's tag: `[#HD-2026-000123]`.
pub fn subject_tag(number: &str) -> String {
    format!("[#{number}]")
}

/// The e-mail telling `ticket`'s requester of `kind`, in `language`.
pub fn render(language: Language, ticket: &Ticket, kind: &NoticeKind) -> Rendered {
    let t = Texts::of(language);
    let number = &ticket.number;
    let (headline, paragraphs): (String, Vec<String>) = match kind {
        NoticeKind::Registered => (
            t.registered_subject.to_string(),
            vec![t.registered.replace("{number}", number), t.keep_number.to_string()],
        ),
        NoticeKind::InfoRequested { question, count } => {
            let mut body = vec![t.info_requested.to_string(), quote(question)];
            if *count >= 2 {
                body.push(t.info_repeated.replace("{count}", &count.to_string()));
            }
            body.push(t.answer_hint.to_string());
            let subject = if *count >= 2 { t.info_repeated_subject } else { t.info_subject };
            (subject.to_string(), body)
        }
        NoticeKind::Resolved { text } => (
            t.resolved_subject.to_string(),
            vec![t.resolved.to_string(), quote(text), t.confirm_hint.to_string()],
        ),
        NoticeKind::ConfirmationRequested { text } => {
            let mut body = vec![t.confirmation.to_string()];
            if !text.trim().is_empty() {
                body.push(quote(text));
            }
            body.push(t.confirm_hint.to_string());
            (t.confirmation_subject.to_string(), body)
        }
        NoticeKind::Closed { basis } => (t.closed_subject.to_string(), vec![t.closed.to_string(), close_basis(&t, *basis)]),
        NoticeKind::Rejected { reason, note } => {
            let mut body = vec![t.rejected.to_string(), format!("{} {}", t.reason_label, reject_reason(&t, reason))];
            if !note.trim().is_empty() {
                body.push(quote(note));
            }
            (t.rejected_subject.to_string(), body)
        }
        NoticeKind::Reply { text } => (t.reply_subject.to_string(), vec![t.reply.to_string(), quote(text)]),
    };
    let name = ticket.requester.name.trim();
    let greeting = if name.is_empty() {
        t.greeting_anonymous.to_string()
    } else {
        t.greeting.replace("{name}", name)
    };
    let mut body = vec![greeting];
    body.extend(paragraphs);
    body.push(format!("{} {}\n{} {}", t.ticket_label, number, t.subject_label, ticket.subject.trim()));
    body.push(t.signature.to_string());
    Rendered {
        subject: format!("{} {}: {}", subject_tag(number), headline, one_line(&ticket.subject, 120)),
        body: body.join("\n\n") + "\n",
    }
}

/// A text of the desk's, indented as a quotation.
fn quote(text: &str) -> String {
    text.trim().lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

/// The ticket's subject on one line, at most `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        flat.chars().take(max - 1).collect::<String>() + "…"
    }
}

fn close_basis(t: &Texts, basis: CloseBasis) -> String {
    match basis {
        CloseBasis::Confirmed => t.closed_confirmed,
        CloseBasis::Agreed => t.closed_agreed,
        CloseBasis::Auto => t.closed_auto,
    }
    .to_string()
}

fn reject_reason(t: &Texts, reason: &RejectReason) -> String {
    match reason {
        RejectReason::OutOfScope => t.reason_out_of_scope.to_string(),
        RejectReason::DuplicateOf { ticket } => t.reason_duplicate.replace("{ticket}", ticket),
        RejectReason::NoResponse => t.reason_no_response.to_string(),
        RejectReason::Abusive => t.reason_abusive.to_string(),
        RejectReason::Unclear => t.reason_unclear.to_string(),
        RejectReason::NoMinistryApproval => t.reason_no_approval.to_string(),
    }
}

/// One language's sentences.
struct Texts {
    greeting: &'static str,
    greeting_anonymous: &'static str,
    registered_subject: &'static str,
    registered: &'static str,
    keep_number: &'static str,
    info_subject: &'static str,
    info_repeated_subject: &'static str,
    info_requested: &'static str,
    info_repeated: &'static str,
    answer_hint: &'static str,
    resolved_subject: &'static str,
    resolved: &'static str,
    confirm_hint: &'static str,
    confirmation_subject: &'static str,
    confirmation: &'static str,
    closed_subject: &'static str,
    closed: &'static str,
    closed_confirmed: &'static str,
    closed_agreed: &'static str,
    closed_auto: &'static str,
    rejected_subject: &'static str,
    rejected: &'static str,
    reason_label: &'static str,
    reason_out_of_scope: &'static str,
    reason_duplicate: &'static str,
    reason_no_response: &'static str,
    reason_abusive: &'static str,
    reason_unclear: &'static str,
    reason_no_approval: &'static str,
    reply_subject: &'static str,
    reply: &'static str,
    ticket_label: &'static str,
    subject_label: &'static str,
    signature: &'static str,
}

impl Texts {
    fn of(language: Language) -> Texts {
        match language {
            Language::Uk => UK,
            Language::En => EN,
            Language::Ru => RU,
        }
    }
}

const UK: Texts = Texts {
    greeting: "Шановний(а) {name}!",
    greeting_anonymous: "Доброго дня!",
    registered_subject: "Ваш запит зареєстровано",
    registered: "Ваш запит зареєстровано в системі «HELP DESK» за номером {number}.",
    keep_number: "Зберігайте цей номер: за ним служба підтримки знайде ваш запит. Відповідаючи на цей лист, не змінюйте його тему.",
    info_subject: "Потрібна додаткова інформація",
    info_repeated_subject: "Повторний запит додаткової інформації",
    info_requested: "Для опрацювання вашого запиту служба підтримки просить надати додаткову інформацію:",
    info_repeated: "Це повторний запит ({count}-й). Якщо відповіді не буде у встановлений строк, запит може бути закрито без виконання.",
    answer_hint: "Відповісти можна на порталі самообслуговування або відповіддю на цей лист (не змінюючи його тему).",
    resolved_subject: "Ваш запит вирішено",
    resolved: "Служба підтримки вирішила ваш запит:",
    confirm_hint:
        "Будь ласка, підтвердьте рішення на порталі самообслуговування або, якщо проблему не усунуто, відкрийте запит повторно із зазначенням причини.",
    confirmation_subject: "Просимо підтвердити рішення",
    confirmation: "Просимо підтвердити, що рішення вашого запиту вас влаштовує.",
    closed_subject: "Ваш запит закрито",
    closed: "Ваш запит закрито.",
    closed_confirmed: "Підстава: ви підтвердили рішення.",
    closed_agreed: "Підстава: закрито за погодженням з вами.",
    closed_auto: "Підстава: рішення не було підтверджено у встановлений строк, запит закрито автоматично.",
    rejected_subject: "Ваш запит відхилено",
    rejected: "Службі підтримки довелося відхилити ваш запит.",
    reason_label: "Причина:",
    reason_out_of_scope: "запит не належить до сфери надання послуги.",
    reason_duplicate: "запит повторює раніше зареєстрований запит {ticket}.",
    reason_no_response: "не отримано відповіді на запити додаткової інформації.",
    reason_abusive: "запит містить нецензурні або образливі висловлювання.",
    reason_unclear: "зміст запиту незрозумілий або проблему не вдалося відтворити.",
    reason_no_approval: "запит на зміну не погоджено міністерством.",
    reply_subject: "Відповідь служби підтримки",
    reply: "Служба підтримки відповіла на ваш запит:",
    ticket_label: "Номер запиту:",
    subject_label: "Тема:",
    signature: "З повагою,\nслужба підтримки «HELP DESK»\n(лист надіслано автоматично)",
};

const EN: Texts = Texts {
    greeting: "Dear {name},",
    greeting_anonymous: "Hello,",
    registered_subject: "Your request is registered",
    registered: "Your request is registered in the HELP DESK under number {number}.",
    keep_number: "Keep this number: the service desk finds your request by it. When you reply to this e-mail, keep its subject.",
    info_subject: "More information needed",
    info_repeated_subject: "More information needed (repeated request)",
    info_requested: "To work on your request, the service desk needs more information:",
    info_repeated: "This is a repeated request (number {count}). If there is no answer in time, the request may be closed without being done.",
    answer_hint: "Answer on the Self Service portal, or reply to this e-mail (keeping its subject).",
    resolved_subject: "Your request is resolved",
    resolved: "The service desk has resolved your request:",
    confirm_hint: "Please confirm the solution on the Self Service portal or, if the problem remains, reopen the request and say why.",
    confirmation_subject: "Please confirm the solution",
    confirmation: "Please confirm that the solution of your request works for you.",
    closed_subject: "Your request is closed",
    closed: "Your request is closed.",
    closed_confirmed: "Basis: you confirmed the solution.",
    closed_agreed: "Basis: closed in agreement with you.",
    closed_auto: "Basis: the solution was not confirmed in time, so the request was closed automatically.",
    rejected_subject: "Your request is rejected",
    rejected: "The service desk had to reject your request.",
    reason_label: "Reason:",
    reason_out_of_scope: "the request is outside the scope of the service.",
    reason_duplicate: "the request repeats the earlier request {ticket}.",
    reason_no_response: "no answer came to the requests for more information.",
    reason_abusive: "the request contains obscene or abusive language.",
    reason_unclear: "the request is unclear or the problem could not be reproduced.",
    reason_no_approval: "the ministry did not approve the change request.",
    reply_subject: "A reply from the service desk",
    reply: "The service desk replied to your request:",
    ticket_label: "Request number:",
    subject_label: "Subject:",
    signature: "Kind regards,\nthe HELP DESK service desk\n(this e-mail was sent automatically)",
};

const RU: Texts = Texts {
    greeting: "Уважаемый(ая) {name}!",
    greeting_anonymous: "Добрый день!",
    registered_subject: "Ваш запрос зарегистрирован",
    registered: "Ваш запрос зарегистрирован в системе «HELP DESK» под номером {number}.",
    keep_number: "Сохраните этот номер: по нему служба поддержки найдёт ваш запрос. Отвечая на это письмо, не меняйте его тему.",
    info_subject: "Нужна дополнительная информация",
    info_repeated_subject: "Повторный запрос дополнительной информации",
    info_requested: "Для обработки вашего запроса служба поддержки просит предоставить дополнительную информацию:",
    info_repeated: "Это повторный запрос ({count}-й). Если ответа не будет в установленный срок, запрос может быть закрыт без исполнения.",
    answer_hint: "Ответить можно на портале самообслуживания или ответом на это письмо (не меняя его тему).",
    resolved_subject: "Ваш запрос решён",
    resolved: "Служба поддержки решила ваш запрос:",
    confirm_hint: "Пожалуйста, подтвердите решение на портале самообслуживания или, если проблема не устранена, откройте запрос повторно с указанием причины.",
    confirmation_subject: "Просим подтвердить решение",
    confirmation: "Просим подтвердить, что решение вашего запроса вас устраивает.",
    closed_subject: "Ваш запрос закрыт",
    closed: "Ваш запрос закрыт.",
    closed_confirmed: "Основание: вы подтвердили решение.",
    closed_agreed: "Основание: закрыт по согласованию с вами.",
    closed_auto: "Основание: решение не было подтверждено в установленный срок, запрос закрыт автоматически.",
    rejected_subject: "Ваш запрос отклонён",
    rejected: "Службе поддержки пришлось отклонить ваш запрос.",
    reason_label: "Причина:",
    reason_out_of_scope: "запрос не относится к сфере оказания услуги.",
    reason_duplicate: "запрос повторяет ранее зарегистрированный запрос {ticket}.",
    reason_no_response: "не получен ответ на запросы дополнительной информации.",
    reason_abusive: "запрос содержит нецензурные или оскорбительные высказывания.",
    reason_unclear: "содержание запроса непонятно или проблему не удалось воспроизвести.",
    reason_no_approval: "запрос на изменение не согласован министерством.",
    reply_subject: "Ответ службы поддержки",
    reply: "Служба поддержки ответила на ваш запрос:",
    ticket_label: "Номер запроса:",
    subject_label: "Тема:",
    signature: "С уважением,\nслужба поддержки «HELP DESK»\n(письмо отправлено автоматически)",
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every language fills every sentence (no English left in a Ukrainian mail).
    #[test]
    fn every_language_has_its_own_subjects() {
        let subjects = |t: Texts| [t.registered_subject, t.info_subject, t.resolved_subject, t.closed_subject, t.rejected_subject];
        let (uk, en, ru) = (subjects(UK), subjects(EN), subjects(RU));
        for i in 0..uk.len() {
            assert_ne!(uk[i], en[i]);
            assert_ne!(ru[i], en[i]);
            assert_ne!(uk[i], ru[i]);
        }
    }
}
