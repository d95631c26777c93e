// A shared ticking "now" for live countdowns (one timer for the whole app).
import { readable } from 'svelte/store';

export const now = readable(Date.now(), (set) => {
  const id = setInterval(() => set(Date.now()), 15_000);
  return () => clearInterval(id);
});
