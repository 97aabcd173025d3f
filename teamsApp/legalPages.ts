import { escapeHtml } from '../dashboard/printablePage';
import { palette, paletteCss } from '../dashboard/web/palette';

/**
 * The privacy notice and terms of use the Teams manifest links to (Teams admins and staff open
 * them from the app's details). Plain HTML in the dashboard's look, no script, nothing fetched
 * from anywhere: what they say must stay true to what the product does (README, "Security and
 * data protection", "Parents by SMS").
 */
export const PRIVACY_PATH = '/privacy';
export const TERMS_PATH = '/terms';

/** Who parents and staff contact: the school's own details when the deployment serves one school. */
export interface ControllerDetails {
  name: string;
  contactPhone: string | null;
  contactEmail: string | null;
}

export interface LegalPageFacts {
  /** Undefined when the service holds several schools (or none yet): a generic line instead. */
  school?: ControllerDetails;
  messageRetentionDays: number;
}

/** HTML whose interpolated values are escaped unless they are already HTML built by `html`. */
class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const part = (v: unknown): string => (v instanceof Html ? v.text : Array.isArray(v) ? v.map(part).join('') : escapeHtml(String(v ?? '')));
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}

const STYLE = `${paletteCss()}
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; font-family: "Segoe UI", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif; font-size: 14px; line-height: 1.5; color: var(--neutral-foreground-1); background: var(--neutral-background-3); }
.top-bar { padding: .75rem 1.5rem; background: var(--neutral-background-1); border-bottom: 1px solid var(--neutral-stroke-1); }
.top-bar p { margin: 0; font-weight: 600; color: var(--brand-foreground-1); }
main { max-width: 50rem; margin: 1.5rem auto; padding: 1.25rem 1.5rem; background: var(--neutral-background-1); border-radius: 4px; box-shadow: 0 0 2px rgba(0,0,0,.12), 0 2px 4px rgba(0,0,0,.14); }
h1 { font-size: 1.75rem; font-weight: 600; line-height: 1.3; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; font-weight: 600; margin: 1.75rem 0 .5rem; padding-top: 1rem; border-top: 1px solid var(--neutral-stroke-1); }
h3 { font-size: 1rem; font-weight: 600; margin: 1rem 0 .25rem; }
.subtitle { color: var(--neutral-foreground-3); margin: 0 0 1rem; }
a { color: var(--brand-foreground-link); }
:focus-visible { outline: 2px solid var(--focus-stroke); outline-offset: 2px; border-radius: 4px; }
.skip-link { position: absolute; left: .5rem; top: -3rem; background: var(--neutral-background-1); padding: .5rem .75rem; border-radius: 4px; }
.skip-link:focus { top: .5rem; }
.contact { background: var(--brand-background2); color: var(--brand-background-pressed); padding: .75rem 1rem; border-radius: 4px; }
li { margin-bottom: .25rem; }
@media print { body { background: ${palette.neutralBackground1}; } main { box-shadow: none; margin: 0; } .skip-link { display: none; } }`;

/** One page: landmarks, a skip link and one h1, like the dashboard. */
function page(title: string, intro: string, sections: Html): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="top-bar"><p>SEND engagement</p></header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
<p class="subtitle">${intro}</p>
${sections}
</main>
</body>
</html>
`.text;
}

/** "Contact the school (phone ..., or email ...)", or the office when no details are stored. */
function contactTheSchool(school: ControllerDetails | undefined): Html {
  const ways = school ? [school.contactPhone && html`phone ${school.contactPhone}`, school.contactEmail && html`email <a href="mailto:${school.contactEmail}">${school.contactEmail}</a>`].filter(Boolean) : [];
  return ways.length > 0 ? html`contact the school (${ways.map((w, i) => html`${i > 0 ? ', or ' : ''}${w}`)})` : html`contact the school office`;
}

function controllerLine(school: ControllerDetails | undefined): Html {
  if (!school) return html`<p class="contact">The school your child attends, or where you work, is the data controller: ${contactTheSchool(school)} and ask for its data protection officer.</p>`;
  return html`<p class="contact">${school.name} is the data controller: ${contactTheSchool(school)} and ask for its data protection officer.</p>`;
}

export function privacyPage(f: LegalPageFacts): string {
  const who = f.school?.name ?? 'the school';
  return page(
    'Privacy notice',
    `How ${who} uses information about pupils with special educational needs, their parents and carers, and staff in this service.`,
    html`
<h2>Who is responsible for the information</h2>
${controllerLine(f.school)}
<p>Whoever runs this service for the school does so only on the school's instructions.</p>

<h2>What the service is for</h2>
<p>It supports structured conversations between the parents and carers of pupils with special educational needs and disabilities (SEND) and each pupil's key teacher: booking the conversation, recording it (explore, focus, plan, review), the pupil's own views, the targets agreed and progress towards them, and keeping in touch with parents by text message between conversations. School leads see how the programme is going.</p>

<h2>What information we hold</h2>
<h3>About pupils</h3>
<ul>
<li>Name, year group and the school's pupil number (UPN or admission number).</li>
<li>Special educational needs: SEN support or an EHC plan and the dates it changed, the primary and secondary type of need, and whether the pupil is looked after.</li>
<li>Who their key teacher is, and a short attendance note.</li>
<li>Records of structured conversations: what was discussed, who took part and how the pupil took part; the pupil's own views; targets, their review dates and progress notes.</li>
</ul>
<h3>About parents and carers</h3>
<ul>
<li>Name, mobile number, relationship to the child, whether they have parental responsibility, and preferred language.</li>
<li>Whether and how they agreed to receive texts, whether they replied STOP, and whether their number works; how often they would like progress updates.</li>
<li>Texts sent to them and received from them, meeting times offered and chosen, and their answers to "how confident do you feel that school understands your child's needs" (1 to 5).</li>
</ul>
<h3>About staff</h3>
<ul>
<li>Name, school email address, roles and job title, and the Microsoft Entra ID and Teams identifiers used to sign you in and to reach you in Teams.</li>
<li>Reminders and messages the service sent you, and what you recorded or changed (see the audit trail below).</li>
</ul>

<h2>Why we may use it</h2>
<ul>
<li><strong>Public task and legal obligation</strong> (UK GDPR Article 6(1)(e) and 6(1)(c)): schools must identify and support pupils with special educational needs, involve parents and pupils in decisions, and record and review the support with them, under Part 3 of the Children and Families Act 2014 and the SEND Code of Practice: 0 to 25 years.</li>
<li><strong>Special category data</strong>: information about a child's special educational needs, disability or health is special category data under UK GDPR. We use it for reasons of substantial public interest (Article 9(2)(g)) under the statutory purposes condition of the Data Protection Act 2018, Schedule 1, and keep it to what the conversations need.</li>
<li><strong>Texts to parents</strong> go only to parents and carers whose agreement to texts the school has recorded. Reply STOP at any time to stop them, START to have them again.</li>
</ul>

<h2>Text messages never carry sensitive details</h2>
<p>Texts may be read on a shared family phone, so they use the child's first name only and never carry a surname, diagnosis, type of need, SEN status or the wording of a target, and never contain links. Every standard text is checked for this, and so are a teacher's own words before they are sent. Texts are sent only in the school's sending hours and on the days it chose (by default not in the evening, at weekends or in holidays), except the confirmation of a STOP.</p>

<h2>Who can see what</h2>
<ul>
<li><strong>Key teachers</strong> see and update the records of their own pupils only.</li>
<li><strong>The SENCO, school leads and admins</strong> see the records of the whole school. Admins and the SENCO also manage the staff and pupil lists and the school's settings.</li>
<li><strong>Subject teachers and other staff</strong> see a pupil's agreed targets when the key teacher shares them.</li>
<li>The weekly digest for school leads carries counts only, never a child's name or need.</li>
<li>No one sees another school's information. Parents are sent texts about their own children only.</li>
<li>Service providers handle information only to deliver it: the school's SMS provider carries texts, Microsoft Teams carries staff messages, and, if the school turns on translation, Microsoft's translation service translates a teacher's own words into the parent's language.</li>
</ul>

<h2>How long we keep it</h2>
<ul>
<li>The text of text messages and Teams messages, and the phone numbers on them, are removed after ${f.messageRetentionDays} days; only the fact that a message was sent or received, and when, remains.</li>
<li>The SEN record itself (structured conversations, the pupil's views, targets and progress) is kept as part of the pupil's SEN file, for as long as the school's records policy keeps SEN files.</li>
<li>The audit trail is kept alongside the SEN record, so the school can show who did what.</li>
</ul>

<h2>Audit trail</h2>
<p>Every change anyone makes (staff, a parent's STOP or START, the service itself) is recorded with who made it, when, and what changed. Every time someone opens or exports a pupil's record is recorded too. School leads, the SENCO and admins can read this trail.</p>

<h2>Keeping it safe</h2>
<p>Every part of the service that holds information needs a sign-in, or a signature from Microsoft Teams or the SMS provider. The service's logs never contain phone numbers or the words of messages.</p>

<h2>Your rights</h2>
<p>You can ask the school for a copy of the information it holds about you or your child, and ask for it to be corrected. In some cases you can object to its use or ask for it to be restricted or deleted. If you are unhappy with how the school has used your information, tell the school first; you can also complain to the Information Commissioner's Office (ico.org.uk, 0303 123 1113).</p>
`,
  );
}

export function termsPage(f: LegalPageFacts): string {
  return page(
    'Terms of use',
    `For staff of ${f.school?.name ?? 'the school'} using the key teacher app in Microsoft Teams and the dashboard.`,
    html`
<h2>Who may use it</h2>
<p>Staff of the school with a record in the school's staff list, signed in with their school Microsoft account. What you can see and do depends on your role (key teacher, SENCO, school lead, admin); see the <a href="${PRIVACY_PATH}">privacy notice</a>.</p>

<h2>Using it well</h2>
<ul>
<li>Use it only for the school's work with pupils and their families, under the school's data protection and acceptable use policies.</li>
<li>Record what was said and agreed accurately and respectfully: parents may ask to see the record.</li>
<li>Keep health and SEN details out of your replies to parents; the service refuses a text that contains them, or a link.</li>
<li>Do not share screenshots or exports of a pupil's record outside the school's own systems.</li>
</ul>

<h2>The records belong to the school</h2>
<p>Everything recorded here is part of the school's records and is kept and removed as the privacy notice describes. Every change and every look at a pupil's record is recorded in the audit trail.</p>

<h2>Availability</h2>
<p>The service sends reminders and texts as planned, and retries what could not be sent. If something looks wrong, or a parent says they did not receive a text, tell the SENCO or an admin.</p>

<h2>Questions</h2>
<p class="contact">Ask the SENCO or one of the school's admins, or ${contactTheSchool(f.school)}.</p>
`,
  );
}
