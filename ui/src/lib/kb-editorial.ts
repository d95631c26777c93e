// The editors' view of the knowledge base: its lists and the error codes it
// explains itself (the server's refusals under `kb.`, and `offline`).
import type { ArticleInput } from '../bindings/ArticleInput';
import type { Me } from '../bindings/Me';

export type EditorialTab = 'draft' | 'review' | 'approved' | 'published' | 'due';
export const EDITORIAL_TABS: EditorialTab[] = ['review', 'approved', 'draft', 'published', 'due'];

/** Codes with a message of their own under `kb_edit.error.`. */
export const EDITORIAL_ERRORS = ['offline', 'kb.own_approval', 'kb.wrong_status', 'kb.conflict', 'kb.review_not_later', 'kb.invalid_article'];

/** Who sees the editorial view: KB editors and administrators (the server checks again). */
export function isKbEditor(me: Me | null): boolean {
  return !!me && (me.role === 'administrator' || me.permissions.kb_editor);
}

export function emptyDraft(): ArticleInput {
  return { title: '', body: '', category: '', tags: [], language: 'uk', public: false, review_due: null };
}
