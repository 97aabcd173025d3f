import type { Session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call(session: Session, path: string): Promise<Response> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.token}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new ApiError(res.status, body.message ?? `The server answered ${res.status}`);
  }
  return res;
}

export async function getJson<T>(session: Session, path: string): Promise<T> {
  return (await call(session, path)).json() as Promise<T>;
}

export async function getText(session: Session, path: string): Promise<string> {
  return (await call(session, path)).text();
}

export async function getBlob(session: Session, path: string): Promise<Blob> {
  return (await call(session, path)).blob();
}
