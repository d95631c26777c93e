/** A translator: message id + ICU values → text (svelte-i18n's `$_`, or a test double). */
export type Translate = (id: string, values?: Record<string, string | number | boolean | null | undefined | Date>) => string;
