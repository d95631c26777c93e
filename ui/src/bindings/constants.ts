// Written by `UPDATE_BINDINGS=1 cargo test -p helpdesk-tests --test ui_bindings` from helpdesk_domain::ui_constants. Do not edit.

/** The scores a requester may give, best first (`satisfaction::SCORES`; the domain refuses any other). */
export const SCORES = [5, 4, 3, 2, 1] as const;

/** The longest comment kept with a rating, in characters (`satisfaction::MAX_COMMENT_CHARS`). */
export const RATING_COMMENT_MAX_CHARS = 2000;

/** The resolution codes, in the order offered (`ResolutionCode`; `resolve` refuses any other). */
export const RESOLUTION_CODES = ['fixed', 'configuration', 'access_granted', 'software_updated', 'implemented', 'vendor_fix', 'consulted', 'user_error', 'no_fault_found'] as const;

/** The reasons a ticket is rejected for, in the order offered (`RejectReason`). */
export const REJECT_REASONS = ['out_of_scope', 'duplicate_of', 'no_response', 'abusive', 'unclear', 'no_ministry_approval'] as const;
