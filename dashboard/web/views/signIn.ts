import { h, replaceMain } from '../dom';
import { saveLocalSession } from '../session';

const ROLE: Record<string, string> = { TEACHER: 'Teacher', KEY_TEACHER: 'Key teacher', SENCO: 'SENCO', SCHOOL_LEAD: 'School lead', ADMIN: 'Admin' };

interface DemoStaff {
  id: string;
  displayName: string;
  roles: string[];
  jobTitle: string | null;
  school: string;
}

/** Outside Teams, in the demo only: pick a member of the demo school's staff. */
export async function showSignIn(onSignedIn: () => void): Promise<void> {
  const res = await fetch('/auth/local/staff');
  if (!res.ok) {
    replaceMain(
      h('h1', {}, 'Open the dashboard in Microsoft Teams'),
      h('p', {}, 'This dashboard signs you in through Microsoft Teams. Open the app in Teams and choose the Dashboard tab.'),
    );
    return;
  }
  const { staff } = (await res.json()) as { staff: DemoStaff[] };
  const choose = async (person: DemoStaff): Promise<void> => {
    const signIn = await fetch('/auth/local', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId: person.id }) });
    if (!signIn.ok) throw new Error('The demo sign-in did not work');
    const { token, expiresAt } = (await signIn.json()) as { token: string; expiresAt: string };
    saveLocalSession(token, expiresAt);
    onSignedIn();
  };
  replaceMain(
    h('h1', {}, 'Sign in to the demo'),
    h('p', { class: 'subtitle' }, 'Outside Microsoft Teams, the demo lets you pick who you are. Key teachers see their own pupils; SENCOs and school leads see the school.'),
    staff.length === 0
      ? h('p', { class: 'notice' }, 'There is no demo school yet.')
      : h(
          'ul',
          { class: 'people', 'aria-label': 'Demo staff' },
          staff.map((person) =>
            h(
              'li',
              {},
              h(
                'button',
                { type: 'button', onclick: () => void choose(person) },
                h('strong', {}, person.displayName),
                h('span', {}, `${person.roles.map((r) => ROLE[r] ?? r).join(', ')} · ${person.school}`),
              ),
            ),
          ),
        ),
  );
}
