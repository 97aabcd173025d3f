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

/** The demo trust's lead and the local authority's officer. */
interface DemoMember {
  id: string;
  displayName: string;
  role: 'TRUST_LEAD' | 'LA_OFFICER';
  jobTitle: string | null;
  organisation: string;
}

const MEMBER_ROLE = { TRUST_LEAD: 'Trust lead', LA_OFFICER: 'Local authority officer' } as const;

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
  const { staff, members = [] } = (await res.json()) as { staff: DemoStaff[]; members?: DemoMember[] };
  const choose = async (who: { staffId: string } | { memberId: string }): Promise<void> => {
    const signIn = await fetch('/auth/local', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
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
                { type: 'button', onclick: () => void choose({ staffId: person.id }) },
                h('strong', {}, person.displayName),
                h('span', {}, `${person.roles.map((r) => ROLE[r] ?? r).join(', ')} · ${person.school}`),
              ),
            ),
          ),
        ),
    members.length === 0
      ? null
      : [
          h('h2', {}, 'Above the schools'),
          h('p', { class: 'subtitle' }, "A trust lead and a local authority officer see their schools' figures side by side, never a child's record."),
          h(
            'ul',
            { class: 'people', 'aria-label': 'Demo trust and local authority' },
            members.map((m) =>
              h('li', {}, h('button', { type: 'button', onclick: () => void choose({ memberId: m.id }) }, h('strong', {}, m.displayName), h('span', {}, `${MEMBER_ROLE[m.role]} · ${m.organisation}`))),
            ),
          ),
        ],
  );
}
