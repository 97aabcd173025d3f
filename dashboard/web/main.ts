import { ApiError, getJson } from './api';
import { announce, h, replaceMain, type View } from './dom';
import { localSession, signOut, teamsSession, TeamsSignInError, type Session } from './session';
import type { Me } from './types';
import { showEvaluation } from './views/evaluation';
import { showFigure } from './views/figure';
import { showKeyTeachers } from './views/keyTeachers';
import { showGaps, showOrganisationOverview, showSchoolFigures } from './views/organisation';
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
/** A trust lead or local authority officer has the organisation's views; the school's staff, the school's. */
async function viewFor(session: Session, me: Me, path: string, params: URLSearchParams): Promise<View> {
  if (path === '/evaluation') return showEvaluation(session, me, params);
  if (path === '/gaps') return showGaps(session, me);
  if (me.kind === 'organisation') {
    const school = /^\/schools\/([^/]+)$/.exec(path);
    return school ? showSchoolFigures(session, me, decodeURIComponent(school[1]!)) : showOrganisationOverview(session, me);
  }
  const pupil = /^\/pupils\/([^/]+)$/.exec(path);
  if (pupil) return showPupil(session, decodeURIComponent(pupil[1]!));
  const figure = /^\/figures\/([^/]+)$/.exec(path);
  if (figure) return showFigure(session, decodeURIComponent(figure[1]!), params);
  return path === '/teachers' ? showKeyTeachers(session) : showOverview(session, params);
}

async function render(session: Session, me: Me, moveFocus: boolean): Promise<void> {
  const ticket = (latest += 1);
  const [path = '/', query = ''] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  try {
    const route = { '/teachers': 'teachers', '/evaluation': 'evaluation', '/gaps': 'gaps' }[path] ?? (/^\/(pupils|schools|figures)\//.test(path) ? '' : 'overview');
    const view: View = await viewFor(session, me, path, params);
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
  const name = me.member?.displayName ?? me.staff?.displayName ?? 'API key';
  const where = me.organisation?.name ?? me.school?.name;
  who.replaceChildren(h('span', {}, `${name}${where ? `, ${where}` : ''}`), ...(session.mode === 'local' ? [signOutButton] : []));
  // Key teachers see their own pupils: the key teachers' table, the evaluation and the gap analysis are for the school-wide roles.
  const wholeSchool = me.staff?.roles.some((r) => r === 'SENCO' || r === 'SCHOOL_LEAD' || r === 'ADMIN') ?? me.kind === 'organisation';
  const show = (route: string, visible: boolean) => (nav.querySelector<HTMLElement>(`[data-route="${route}"]`)!.parentElement!.hidden = !visible);
  show('teachers', wholeSchool && me.kind !== 'organisation');
  show('evaluation', wholeSchool && (me.kind === 'organisation' || me.school !== undefined));
  show('gaps', wholeSchool && (me.kind === 'organisation' || me.school !== undefined));
  nav.querySelector<HTMLElement>('[data-route="overview"]')!.textContent = me.kind === 'organisation' ? 'Schools' : 'Overview';
  nav.hidden = false;
  const current = session;
  window.onhashchange = () => void render(current, me, true);
  await render(current, me, false);
}

// The skip link moves focus without touching the address: routes live in the hash, and "#main"
// would otherwise re-render the page and drop the filters.
document.querySelector<HTMLAnchorElement>('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main')?.focus();
});

boot().catch(showError);
