// The language of the page: one catalogue per language, French by default, the
// choice remembered in localStorage; Arabic turns the page right to left.
import { ar } from './ar';
import { en } from './en';
import { es } from './es';
import { fr, type Catalogue, type Key } from './fr';

export type Lang = 'fr' | 'en' | 'es' | 'ar';
export const LANGS: { code: Lang; name: string }[] = [
  { code: 'fr', name: 'Français' },
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'ar', name: 'العربية' },
];
const CATALOGUES: Record<Lang, Catalogue> = { fr, en, es, ar };
const STORAGE_KEY = 'plateau.lang';

export function isLang(x: unknown): x is Lang {
  return x === 'fr' || x === 'en' || x === 'es' || x === 'ar';
}

export function savedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (isLang(v)) return v;
  } catch {
    /* storage disabled: the default */
  }
  return 'fr';
}

// Sets <html lang dir> and remembers the choice.
export function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = CATALOGUES[lang]['app.title'];
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* not remembered */
  }
}

export type T = (key: Key, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): T {
  const cat = CATALOGUES[lang];
  return (key, vars) => {
    let s = cat[key] ?? fr[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
    return s;
  };
}

// The label of a code (reason, disposition, status...) when the catalogue has one, else the code itself.
export function codeLabel(t: T, prefix: string, code: string): string {
  const key = `${prefix}.${code}` as Key;
  return key in fr ? t(key) : code;
}

export type { Key };
