/** Signs in through the demo's local sign-in, as the dashboard page does outside Teams. */
export async function localToken(baseUrl: string, staffId: string): Promise<string> {
  const res = await fetch(`${baseUrl}/auth/local`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId }) });
  if (res.status !== 200) throw new Error(`local sign-in answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });
