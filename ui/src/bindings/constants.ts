// Written by `UPDATE_BINDINGS=1 cargo test -p helpdesk-tests --test ui_bindings` from helpdesk_domain::ui_constants. Do not edit.

/** The scores a requester may give, best first (`satisfaction::SCORES`; the domain refuses any other). */
export const SCORES = [5, 4, 3, 2, 1] as const;

/** The longest comment kept with a rating, in characters (`satisfaction::MAX_COMMENT_CHARS`). */
export const RATING_COMMENT_MAX_CHARS = 2000;

/** The resolution codes, in the order offered (`ResolutionCode`; `resolve` refuses any other). */
export const RESOLUTION_CODES = ['fixed', 'configuration', 'access_granted', 'software_updated', 'implemented', 'vendor_fix', 'consulted', 'user_error', 'no_fault_found'] as const;

/** The reasons a ticket is rejected for, in the order offered (`RejectReason`). */
export const REJECT_REASONS = ['out_of_scope', 'duplicate_of', 'no_response', 'abusive', 'unclear', 'no_ministry_approval'] as const;

/** The reasons a ticket is postponed for, in the order offered (`PostponeReason`). */
export const POSTPONE_REASONS = ['software_change', 'external_vendor', 'diagnostics', 'agreed_delay', 'force_majeure'] as const;

/** The support lines (`Line`). */
export const LINES = ['L1', 'L2', 'L3', 'L4'] as const;

/** The complexities of a request (`Complexity`; 003 §4.10). */
export const COMPLEXITIES = ['simple', 'medium', 'complex'] as const;

/** The ticket types (`TicketType`). */
export const TICKET_TYPES = ['incident', 'service_request', 'consultation', 'change_request'] as const;

/** The bases a person closes a ticket on, in the order offered (`CloseBasis::OFFERED`; `auto` is the auto-close's). */
export const CLOSE_BASES = ['confirmed', 'agreed'] as const;
