import { ApiError, getJson } from './api';
import { announce, h, replaceMain, type View } from './dom';
import { localSession, signOut, teamsSession, TeamsSignInError, type Session } from './session';
import type { Me } from './types';
import { showFigure } from './views/figure';
import { showKeyTeachers } from './views/keyTeachers';
import { showOverview } from './views/overview';
import { showPupil } from './views/pupil';
import { showSignIn } from './views/signIn';

/**
 * The school leads' dashboard, a Teams personal tab. Routes live in the hash so Teams deep links
 * (`/dashboard/#/pupils/<id>`) open a pupil's record directly.
 */
function showError(err: unknown): void {
  const forbidden = err instanceof ApiError && err.status === 403;
  replaceMain(
    h('h1', {}, forbidden ? 'Not your pupil' : 'Something went wrong'),
    h('p', { class: 'notice error', role: 'alert' }, err instanceof Error ? err.message : String(err)),
    h('p', {}, h('a', { href: '#/' }, 'Back to the overview')),
  );
}

function markCurrent(route: string): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('#nav a')) {
    if (a.dataset.route === route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

let latest = 0;

/** Shows the route in the address; a slower earlier render never overwrites a later one. */
async function render(session: Session, moveFocus: boolean): Promise<void> {
  const ticket = (latest += 1);
  const [path = '/', query = ''] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const pupil = /^\/pupils\/([^/]+)$/.exec(path);
  const figure = /^\/figures\/([^/]+)$/.exec(path);
  try {
    const route = pupil || figure ? '' : path === '/teachers' ? 'teachers' : 'overview';
    const view: View = pupil
      ? await showPupil(session, decodeURIComponent(pupil[1]!))
      : figure
        ? await showFigure(session, decodeURIComponent(figure[1]!), params)
        : path === '/teachers'
          ? await showKeyTeachers(session)
          : await showOverview(session, params);
    if (ticket !== latest) return;
    markCurrent(route);
    document.title = view.title ? `${view.title}: SEND engagement dashboard` : 'SEND engagement dashboard';
    replaceMain(...view.content);
    announce(view.message);
  } catch (err) {
    if (ticket !== latest) return;
    if (err instanceof ApiError && err.status === 401 && session.mode === 'local') {
      signOut();
      await boot();
      return;
    }
    showError(err);
  }
  // After a navigation, focus goes to the new content; on first load it stays at the top (skip link first).
  if (moveFocus) document.getElementById('main')?.focus();
}

async function boot(): Promise<void> {
  let session: Session | null;
  try {
    session = (await teamsSession()) ?? localSession();
  } catch (err) {
    if (err instanceof TeamsSignInError) return showError(err);
    throw err;
  }
  if (!session) return showSignIn(() => void boot());
  const me = await getJson<Me>(session, '/api/me').catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) signOut();
    throw err;
  });
  const who = document.getElementById('who')!;
  const nav = document.getElementById('nav')!;
  const signOutButton = h('button', { type: 'button' }, 'Sign out');
  signOutButton.addEventListener('click', () => {
    signOut();
    who.replaceChildren();
    nav.hidden = true;
    window.onhashchange = null;
    void boot();
  });
  who.replaceChildren(h('span', {}, `${me.staff?.displayName ?? 'API key'}${me.school ? `, ${me.school.name}` : ''}`), ...(session.mode === 'local' ? [signOutButton] : []));
  // Key teachers see their own pupils: the key teachers' table is for the school-wide roles.
  const wholeSchool = me.staff?.roles.some((r) => r === 'SENCO' || r === 'SCHOOL_LEAD' || r === 'ADMIN') ?? true;
  nav.querySelector<HTMLElement>('[data-route="teachers"]')!.parentElement!.hidden = !wholeSchool;
  nav.hidden = false;
  const current = session;
  window.onhashchange = () => void render(current, true);
  await render(current, false);
}

// The skip link moves focus without touching the address: routes live in the hash, and "#main"
// would otherwise re-render the page and drop the filters.
document.querySelector<HTMLAnchorElement>('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main')?.focus();
});

boot().catch(showError);
