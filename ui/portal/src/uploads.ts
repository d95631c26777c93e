// Files a requester attaches, on a new ticket and on a reply: uploaded as
// chosen, each stored file listed once; the server checks each file and
// the ticket's limit.
import { upload, type Uploaded } from './api';

/** Uploads `chosen` one by one: `files` with the stored ones added (each
 * once), and the sentence of each refused file, `refusal` worded. */
export async function uploadChosen(
  chosen: File[],
  files: Uploaded[],
  refusal: (name: string, err: unknown) => string
): Promise<{ files: Uploaded[]; refused: string }> {
  const refused: string[] = [];
  for (const file of chosen) {
    try {
      const stored = await upload(file);
      if (!files.some((f) => f.sha256 === stored.sha256)) files = [...files, stored];
    } catch (err) {
      refused.push(refusal(file.name, err));
    }
  }
  return { files, refused: refused.join(' ') };
}

/** A file's size in KiB (at least 1) or MiB, in the user's language. */
export function sizeText(bytes: number, language: string, tr: (key: string, values: Record<string, string>) => string): string {
  const number = (n: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(n);
  return bytes >= 1 << 20 ? tr('attach.mib', { n: number(bytes / (1 << 20)) }) : tr('attach.kib', { n: number(Math.max(1, Math.round(bytes / 1024))) });
}
