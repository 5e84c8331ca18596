// Downloads an export of the API (which wants the session's token) as a file the browser saves.
import { getToken } from '../../api';

export async function download(path: string, fallbackName: string): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { Authorization: `Bearer ${getToken()}` } });
  } catch (e) {
    return String(e);
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    try {
      return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`;
    } catch {
      return `HTTP ${res.status}`;
    }
  }
  const blob = await res.blob();
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return null;
}
