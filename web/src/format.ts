// Dates, numbers and durations in the chosen language (Intl).
import type { Lang } from './i18n';

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB', es: 'es-ES', ar: 'ar-MA' };

export function locale(lang: Lang): string {
  return LOCALES[lang];
}

export function dateTime(lang: Lang, ms: number | string | undefined): string {
  if (ms === undefined || ms === '' || ms === 0) return '';
  const d = typeof ms === 'number' ? new Date(ms) : new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

export function date(lang: Lang, iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium' }).format(d);
}

export function money(lang: Lang, cents: number | undefined, currency: string | undefined): string {
  if (cents === undefined || cents === null) return '';
  try {
    return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: currency || 'EUR' }).format(cents / 100);
  } catch {
    return new Intl.NumberFormat(locale(lang)).format(cents / 100) + (currency ? ` ${currency}` : '');
  }
}

// 0:07, 12:34, 1:02:03 — digits in the language's numbering.
export function duration(lang: Lang, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const nf = new Intl.NumberFormat(locale(lang), { minimumIntegerDigits: 2, useGrouping: false });
  const n1 = new Intl.NumberFormat(locale(lang), { useGrouping: false });
  return h > 0 ? `${n1.format(h)}:${nf.format(m)}:${nf.format(s)}` : `${n1.format(m)}:${nf.format(s)}`;
}
