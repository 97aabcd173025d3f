import type { Express } from 'express';
import { FAULT_ID } from '../../cards/cardAction';
import { startBotConnector, type BotConnector } from '../support/botConnector';
import { staffBearer } from '../support/staffTokens';
import { startTestService, TEST_API_KEY, type RunningService } from '../support/testService';
import { personal, post, TENANT } from '../bot/teamsActivities';
import { freshPupil, ORGANISATION_PRINCIPALS, PRINCIPALS, seedMatrixSchools, tracesOf, type FreshPupil, type MatrixSchools, type OrganisationWho, type StaffWho, type Who } from './matrixSchools';

/**
 * Who may do what, for every route under /api and every card button, read off the running app:
 * a route or a card verb added without a line here fails the first test of its table.
 *
 * Each cell that may act runs on a pupil of its own (tests/security/matrixSchools.ts); the refused
 * cells of a line all aim at one more, which must be left with no audit event and no text queued.
 * "key teacher" is that pupil's key teacher, "other KT" a key teacher of the same school. Outcomes:
 * a status, or for lists 'with' (2xx and the pupil is in it) and 'without' (2xx and neither the
 * pupil nor, for another school or an organisation, Oakfield itself appears).
 *
 * Above the schools (tests/security/matrixSchools.ts): "trust" leads Oakfield's trust, "other trust"
 * leads Riverside's, "left trust" leads the trust Oakfield left, "LA" is the officer of Oakfield's
 * local authority. Every route of a school's own work refuses them all; the routes made for them
 * read figures only. On an organisation's figures (`ownOrganisation`) each asks about their own
 * organisation, so the line says whether Oakfield is among its schools now.
 */
type Outcome = 200 | 201 | 202 | 401 | 403 | 404 | 'with' | 'without';
type Row = [
  anonymous: Outcome, keyTeacher: Outcome, otherKeyTeacher: Outcome, senco: Outcome, schoolLead: Outcome, admin: Outcome, formerStaff: Outcome, otherSchool: Outcome, apiKey: Outcome,
  trustLead: Outcome, otherTrustLead: Outcome, leftTrustLead: Outcome, laOfficer: Outcome,
];

interface Cell extends FreshPupil {
  schools: MatrixSchools;
}
interface Call {
  path: string;
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  json?: unknown;
  csv?: string;
}

const get = (path: string): Call => ({ path });
const send = (method: Call['method'], path: string, json: unknown = {}): Call => ({ method, path, json });
const school = (c: Cell) => c.schools.oakfield.id;
const oakTrust = (c: Cell) => c.schools.organisations.oakTrust.id;
const isMember = (who: Who): who is OrganisationWho => (ORGANISATION_PRINCIPALS as readonly Who[]).includes(who);
/** The caller's own organisation, or Oakfield's trust for everyone else. */
const ownOrganisation = (c: Cell, who: Who) => (isMember(who) ? c.schools.organisationOf[who] : oakTrust(c));
const staffCsv = (c: Cell) => `Name,Email,Role\nNew Teacher ${c.n},new.teacher${c.n}@oakfield.sch.uk,Teacher\n`;
const pupilCsv = (c: Cell) => `UPN,Legal Forename,Legal Surname,NC Year,SEN Provision,Primary Need,Key Teacher Email\nR${c.n},Roster,Pupil${c.n},Year 5,K,SLCN,${c.schools.people.keyTeacher.email}\n`;
// The calendar Oakfield was seeded with (tests/security/matrixSchools.ts): saving it again keeps its term.
const MATRIX_TERMS = [{ name: 'Autumn 2026', startsOn: '2026-09-01', endsOn: '2026-12-18' }];
const twoTimes = { slots: ['2026-09-09T15:30', '2026-09-10T15:30'] };
const incident = { on: '2026-09-04', category: 'Disruption' };
const behaviourCsv = (c: Cell) => `UPN,Incident Date,Behaviour Type\n${c.pupil.misId},04/09/2026,Disruption\n`;
const wondeLink = { wondeSchoolId: 'A1930499544', token: 'matrix-wonde-token-0123456789abcdef' };

// prettier-ignore
const API: Record<string, [Row, (c: Cell, who: Who) => Call]> = {
  //                                           anon KT      other KT   SENCO   lead    admin   left other school API key trust   other trust left trust LA
  // Everyone signed in: who am I, which school is mine.
  'GET /me':                                  [[401, 200,    200,       200,    200,    200,    403, 200,         200,    200,    200,        200,       200], () => get('/api/me')],
  'GET /schools':                             [[401, 200,    200,       200,    200,    200,    403, 'without',   200,    'with', 'without',  'without', 'with'], () => get('/api/schools')],
  // Schools are added by whoever runs the service.
  'POST /schools':                            [[401, 403,    403,       403,    403,    403,    403, 403,         201,    403,    403,        403,       403], (c) => send('POST', '/api/schools', { name: `Matrix School ${c.n}` })],
  // Running the school (settings, calendar, register and staff list): admins and the SENCO.
  'GET /schools/:id/settings':                [[401, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => get(`/api/schools/${school(c)}/settings`)],
  'PATCH /schools/:id/settings':              [[401, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => send('PATCH', `/api/schools/${school(c)}/settings`, { digestTime: '08:00' })],
  'GET /schools/:id/calendar':                [[401, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => get(`/api/schools/${school(c)}/calendar`)],
  'PUT /schools/:id/calendar':                [[401, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => send('PUT', `/api/schools/${school(c)}/calendar`, { terms: MATRIX_TERMS, closures: [] })],
  'POST /schools/:id/replan':                 [[401, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => send('POST', `/api/schools/${school(c)}/replan`)],
  'POST /roster/pupils':                      [[401, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => ({ method: 'POST', path: `/api/roster/pupils?schoolId=${school(c)}`, csv: pupilCsv(c) })],
  'POST /roster/staff':                       [[401, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => ({ method: 'POST', path: `/api/roster/staff?schoolId=${school(c)}`, csv: staffCsv(c) })],
  'POST /roster/import':                      [[401, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => ({ method: 'POST', path: `/api/roster/import?kind=staff&schoolId=${school(c)}`, csv: staffCsv(c) })],
  // How the school assesses: its staff read it; admins and the SENCO change it, give the whole school's attendance and import evidence.
  'GET /schools/:id/assessment':              [[401, 200, 200, 200, 200, 200, 403, 403, 200, 403, 403, 403, 403], (c) => get(`/api/schools/${school(c)}/assessment`)],
  'POST /schools/:id/assessment-schemes':     [[401, 403, 403, 201, 403, 201, 403, 403, 201, 403, 403, 403, 403], (c) => send('POST', `/api/schools/${school(c)}/assessment-schemes`, { kind: 'STEPS', name: `Matrix steps ${c.n}`, steps: ['A', 'B'] })],
  'PATCH /assessment-schemes/:id':            [[401, 403, 403, 200, 403, 200, 403, 404, 200, 403, 403, 403, 403], (c) => send('PATCH', `/api/assessment-schemes/${c.schools.scheme.id}`, { expectedPerTerm: 0 })],
  'PUT /schools/:id/subjects/:subject':       [[401, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => send('PUT', `/api/schools/${school(c)}/subjects/science`, { preset: 'age-related' })],
  'PUT /schools/:id/attendance':              [[401, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => send('PUT', `/api/schools/${school(c)}/attendance`, { from: '2026-09-01', to: '2026-09-04', percent: 95 })],
  'POST /evidence/import/:kind':              [[401, 403, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => ({ method: 'POST', path: `/api/evidence/import/behaviour?schoolId=${school(c)}`, csv: behaviourCsv(c) })],
  // The school's link to its MIS (Wonde): its admins and whoever runs the service; not the SENCO.
  'POST /schools/:id/mis':                    [[401, 403, 403, 403, 403, 201, 403, 403, 201, 403, 403, 403, 403], (c) => send('POST', `/api/schools/${school(c)}/mis`, wondeLink)],
  'GET /schools/:id/mis':                     [[401, 403, 403, 403, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => get(`/api/schools/${school(c)}/mis`)],
  'PATCH /schools/:id/mis':                   [[401, 403, 403, 403, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => send('PATCH', `/api/schools/${school(c)}/mis`, { aspects: [] })],
  'POST /schools/:id/mis/sync':               [[401, 403, 403, 403, 403, 202, 403, 403, 202, 403, 403, 403, 403], (c) => send('POST', `/api/schools/${school(c)}/mis/sync`)],
  'DELETE /schools/:id/mis':                  [[401, 403, 403, 403, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => send('DELETE', `/api/schools/${school(c)}/mis`)],
  // The school's own oversight: the audit trail and the texts sent, for the SENCO, leads and admins.
  'GET /audit':                               [[401, 403,    403,       200,    200,    200,    403, 403,         200,    403,    403,        403,       403], (c) => get(`/api/audit?schoolId=${school(c)}`)],
  'GET /sms/outbox':                          [[401, 403,    403,       'with', 'with', 'with', 403, 'without',   'with', 403,    403,        403,       403], (c) => get(`/api/sms/outbox?to=${encodeURIComponent(c.contact.mobile!)}`)],
  // Dashboard figures: everyone in the school, each over the pupils they see.
  'GET /dashboard/overview':                  [[401, 200, 200, 200, 200, 200, 403, 403, 200, 403, 403, 403, 403], (c) => get(`/api/dashboard/overview?schoolId=${school(c)}`)],
  'GET /dashboard/key-teachers':              [[401, 200, 200, 200, 200, 200, 403, 403, 200, 403, 403, 403, 403], (c) => get(`/api/dashboard/key-teachers?schoolId=${school(c)}`)],
  // The list behind a figure: over the pupils each reader sees (a key teacher's own only).
  'GET /dashboard/figures/:figure':           [[401, 'with', 'without', 'with', 'with', 'with', 403, 403, 'with', 403, 403, 403, 403], (c) => get(`/api/dashboard/figures/pupilsOnRegister?schoolId=${school(c)}`)],
  'GET /dashboard/pupils':                    [[401, 'with', 'without', 'with', 'with', 'with', 403, 403, 'with', 403, 403, 403, 403], (c) => get(`/api/dashboard/pupils?schoolId=${school(c)}`)],
  // Reading a pupil's record: their key teacher, the SENCO, leads and admins.
  'GET /dashboard/pupils/:id':                [[401, 200, 403, 200, 200, 200, 403, 403, 200, 403, 403, 403, 403], (c) => get(`/api/dashboard/pupils/${c.pupil.id}`)],
  'GET /dashboard/pupils/:id/export.:format': [[401, 200, 403, 200, 200, 200, 403, 403, 200, 403, 403, 403, 403], (c) => get(`/api/dashboard/pupils/${c.pupil.id}/export.csv`)],
  'GET /pupils/:id/targets':                  [[401, 200, 404, 200, 200, 200, 403, 404, 200, 403, 403, 403, 403], (c) => get(`/api/pupils/${c.pupil.id}/targets`)],
  'GET /pupils/:id/evidence':                 [[401, 200, 404, 200, 200, 200, 403, 404, 200, 403, 403, 403, 403], (c) => get(`/api/pupils/${c.pupil.id}/evidence`)],
  // The school's evidence figures: the SENCO, leads and admins.
  'GET /schools/:id/evidence':                [[401, 403, 403, 200, 200, 200, 403, 403, 200, 403, 403, 403, 403], (c) => get(`/api/schools/${school(c)}/evidence`)],
  // A parent's picture: whoever may read the text it came with.
  'GET /media/:id':                           [[401, 200, 404, 200, 200, 200, 403, 404, 200, 403, 403, 403, 403], (c) => get(`/api/media/${c.picture.id}`)],
  'GET /parent-replies':                      [[401, 'with', 'without', 'with', 'with', 'with', 403, 'without', 'with', 403, 403, 403, 403], (c) => get(`/api/parent-replies?pupilId=${c.pupil.id}`)],
  // Changing a pupil's record, booking, answering parents: their key teacher, the SENCO and admins.
  'POST /parent-replies/:id/handled':         [[401, 200, 404, 200, 403, 200, 403, 404, 200, 403, 403, 403, 403], (c) => send('POST', `/api/parent-replies/${c.reply.id}/handled`)],
  'PUT /contacts/:id/progress-updates':       [[401, 200, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => send('PUT', `/api/contacts/${c.contact.id}/progress-updates`, { everyWeeks: 3 })],
  'POST /conversations':                      [[401, 201, 403, 201, 403, 201, 403, 403, 201, 403, 403, 403, 403], (c) => send('POST', '/api/conversations', { pupilId: c.unbooked.id })],
  'POST /conversations/:id/offers':           [[401, 201, 403, 201, 403, 201, 403, 403, 201, 403, 403, 403, 403], (c) => send('POST', `/api/conversations/${c.conversation.id}/offers`, twoTimes)],
  'POST /conversations/:id/reschedule':       [[401, 200, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => send('POST', `/api/conversations/${c.conversation.id}/reschedule`, { at: '2026-09-09T15:30' })],
  'POST /conversations/:id/cancel':           [[401, 200, 403, 200, 403, 200, 403, 403, 200, 403, 403, 403, 403], (c) => send('POST', `/api/conversations/${c.conversation.id}/cancel`)],
  'PUT /conversations/:id/record':            [[401, 200, 404, 200, 403, 200, 403, 404, 200, 403, 403, 403, 403], (c) => send('PUT', `/api/conversations/${c.conversation.id}/record`, { state: 'DRAFT', version: 1, exploreStrengths: 'Loves football' })],
  'POST /pupils/:id/views':                   [[401, 201, 404, 201, 403, 201, 403, 404, 201, 403, 403, 403, 403], (c) => send('POST', `/api/pupils/${c.pupil.id}/views`, { goodAt: 'Drawing' })],
  'POST /targets/:id/progress':               [[401, 201, 404, 201, 403, 201, 403, 404, 201, 403, 403, 403, 403], (c) => send('POST', `/api/targets/${c.target.id}/progress`, { status: 'WORKING_TOWARDS' })],
  // A pupil's evidence: assessments, attendance, exclusions and wider-outcome events.
  'PUT /pupils/:id/assessments':              [[401, 200, 404, 200, 403, 200, 403, 404, 200, 403, 403, 403, 403], (c) => send('PUT', `/api/pupils/${c.pupil.id}/assessments`, { subject: 'reading', window: 'Autumn 2026', value: 'Expected' })],
  'PUT /pupils/:id/attendance':               [[401, 200, 404, 200, 403, 200, 403, 404, 200, 403, 403, 403, 403], (c) => send('PUT', `/api/pupils/${c.pupil.id}/attendance`, { from: '2026-09-01', to: '2026-09-04', sessionsPossible: 8, sessionsAttended: 8 })],
  'POST /pupils/:id/exclusions':              [[401, 201, 404, 201, 403, 201, 403, 404, 201, 403, 403, 403, 403], (c) => send('POST', `/api/pupils/${c.pupil.id}/exclusions`, { kind: 'SUSPENSION', startsOn: '2026-09-04', days: 1 })],
  'POST /pupils/:id/behaviour-incidents':     [[401, 201, 404, 201, 403, 201, 403, 404, 201, 403, 403, 403, 403], (c) => send('POST', `/api/pupils/${c.pupil.id}/behaviour-incidents`, incident)],
  'POST /pupils/:id/achievements':            [[401, 201, 404, 201, 403, 201, 403, 404, 201, 403, 403, 403, 403], (c) => send('POST', `/api/pupils/${c.pupil.id}/achievements`, incident)],
  'POST /pupils/:id/bullying-reports':        [[401, 201, 404, 201, 403, 201, 403, 404, 201, 403, 403, 403, 403], (c) => send('POST', `/api/pupils/${c.pupil.id}/bullying-reports`, incident)],
  'POST /pupils/:id/participation':           [[401, 201, 404, 201, 403, 201, 403, 404, 201, 403, 403, 403, 403], (c) => send('POST', `/api/pupils/${c.pupil.id}/participation`, incident)],
  // Subject access and erasure requests: admins and the SENCO answer them for the school.
  'GET /pupils/:id/subject-access':           [[401, 403,    403,       200,    403,    200,    403, 403,         200,    403,    403,        403,       403], (c) => get(`/api/pupils/${c.pupil.id}/subject-access`)],
  'GET /contacts/:id/subject-access':         [[401, 403,    403,       200,    403,    200,    403, 403,         200,    403,    403,        403,       403], (c) => get(`/api/contacts/${c.contact.id}/subject-access`)],
  'POST /pupils/:id/erasure':                 [[401, 403,    403,       200,    403,    200,    403, 403,         200,    403,    403,        403,       403], (c) => send('POST', `/api/pupils/${c.pupil.id}/erasure`, { reason: 'ENTERED_IN_ERROR' })],
  'POST /contacts/:id/erasure':               [[401, 403,    403,       200,    403,    200,    403, 403,         200,    403,    403,        403,       403], (c) => send('POST', `/api/contacts/${c.contact.id}/erasure`)],
  // Trusts and local authorities: added, given members and schools by whoever runs the service.
  'GET /organisations':                       [[401, 403,    403,       403,    403,    403,    403, 403,         200,    200,    200,        200,       200], () => get('/api/organisations')],
  'POST /organisations':                      [[401, 403,    403,       403,    403,    403,    403, 403,         201,    403,    403,        403,       403], (c) => send('POST', '/api/organisations', { name: `Matrix Trust ${c.n}`, kind: 'TRUST' })],
  'POST /organisations/:id/members':          [[401, 403,    403,       403,    403,    403,    403, 403,         201,    403,    403,        403,       403], (c) => send('POST', `/api/organisations/${oakTrust(c)}/members`, { displayName: `Matrix Lead ${c.n}`, email: `lead${c.n}@oaktrust.org.uk` })],
  'PUT /schools/:id/organisations':           [[401, 403,    403,       403,    403,    403,    403, 403,         200,    403,    403,        403,       403], (c) => send('PUT', `/api/schools/${school(c)}/organisations`, { trustId: oakTrust(c) })],
  // The organisation's own baseline and defaults: its members.
  'PATCH /organisations/:id':                 [[401, 403,    403,       403,    403,    403,    403, 403,         200,    200,    403,        403,       403], (c) => send('PATCH', `/api/organisations/${oakTrust(c)}`, { baselineOn: null })],
  'GET /organisations/:id/defaults':          [[401, 403,    403,       403,    403,    403,    403, 403,         200,    200,    403,        403,       403], (c) => get(`/api/organisations/${oakTrust(c)}/defaults`)],
  'PUT /organisations/:id/defaults':          [[401, 403,    403,       403,    403,    403,    403, 403,         200,    200,    403,        403,       403], (c) => send('PUT', `/api/organisations/${oakTrust(c)}/defaults`, { settings: { digestTime: '08:00' } })],
  // Adopting them is the school's own act: its admins and SENCO.
  'GET /schools/:id/organisation-defaults':   [[401, 403,    403,       200,    403,    200,    403, 403,         200,    403,    403,        403,       403], (c) => get(`/api/schools/${school(c)}/organisation-defaults`)],
  'POST /schools/:id/adopt-defaults':         [[401, 403,    403,       200,    403,    200,    403, 403,         200,    403,    403,        403,       403], (c) => send('POST', `/api/schools/${school(c)}/adopt-defaults`, { organisationId: oakTrust(c), parts: ['settings'] })],
  // Figures across schools: each member asks about their own organisation; Oakfield is among Oak Trust's and Northshire's schools, no longer Ash Trust's.
  'GET /organisations/:id/overview':          [[401, 403,    403,       403,    403,    403,    403, 403,         'with', 'with', 'without',  'without', 'with'], (c, who) => get(`/api/organisations/${ownOrganisation(c, who)}/overview`)],
  'GET /organisations/:id/evaluation':        [[401, 403,    403,       403,    403,    403,    403, 403,         'with', 'with', 'without',  'without', 'with'], (c, who) => get(`/api/organisations/${ownOrganisation(c, who)}/evaluation`)],
  'GET /organisations/:id/gaps':              [[401, 403,    403,       403,    403,    403,    403, 403,         'with', 'with', 'without',  'without', 'with'], (c, who) => get(`/api/organisations/${ownOrganisation(c, who)}/gaps`)],
  // Drilling down to Oakfield's figures (never its pupils): from its trust and its local authority, not from the trust it left.
  'GET /organisations/:id/schools/:schoolId': [[401, 403,    403,       403,    403,    403,    403, 403,         200,    200,    403,        403,       200], (c, who) => get(`/api/organisations/${ownOrganisation(c, who)}/schools/${school(c)}`)],
  // A school's own evaluation and gap analysis: its SENCO, leads and admins, and its trust and local authority.
  'GET /schools/:id/evaluation':              [[401, 403,    403,       200,    200,    200,    403, 403,         200,    200,    403,        403,       200], (c) => get(`/api/schools/${school(c)}/evaluation?format=csv`)],
  'GET /schools/:id/gaps':                    [[401, 403,    403,       200,    200,    200,    403, 403,         200,    200,    403,        403,       200], (c) => get(`/api/schools/${school(c)}/gaps`)],
};

const OK = 'ok';
const NO = 'refused';
type CardOutcome = typeof OK | typeof NO;
const CARD_PRINCIPALS = ['keyTeacher', 'otherKeyTeacher', 'senco', 'schoolLead', 'admin', 'formerStaff', 'otherSchool', ...ORGANISATION_PRINCIPALS] as const satisfies readonly StaffWho[];
type CardRow = [
  keyTeacher: CardOutcome, otherKeyTeacher: CardOutcome, senco: CardOutcome, schoolLead: CardOutcome, admin: CardOutcome, formerStaff: CardOutcome, otherSchool: CardOutcome,
  trustLead: CardOutcome, otherTrustLead: CardOutcome, leftTrustLead: CardOutcome, laOfficer: CardOutcome,
];
const slot = (i: number, date: string) => ({ [`slot${i}_date`]: date, [`slot${i}_time`]: '15:30' });

// prettier-ignore
const CARDS: Record<string, [CardRow, (c: Cell) => Record<string, unknown>]> = {
  //                        KT  other KT  SENCO  lead  admin  left  other school  trust  other trust  left trust  LA
  // Seeing the record refreshed: whoever may read it (a lead gets it without the edit button).
  'record.refresh':        [[OK, NO, OK, OK, OK, NO, NO, NO, NO, NO, NO], (c) => ({ conversationId: c.conversation.id })],
  // The Prepare card (from the due list) reads the record, like a look at it.
  'prepare.open':          [[OK, NO, OK, OK, OK, NO, NO, NO, NO, NO, NO], (c) => ({ pupilId: c.pupil.id })],
  // Everything else on a card changes the pupil's record or texts their parents.
  'record.open':           [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ conversationId: c.conversation.id })],
  'record.addTarget':      [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ conversationId: c.conversation.id, version: 1, targetIds: [] })],
  'record.save':           [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ conversationId: c.conversation.id, version: 1, state: 'DRAFT', targetIds: [], exploreStrengths: 'Loves football' })],
  'views.open':            [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ pupilId: c.pupil.id })],
  'views.save':            [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ pupilId: c.pupil.id, goodAt: 'Drawing' })],
  'progress.open':         [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ pupilId: c.pupil.id })],
  'progress.save':         [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ pupilId: c.pupil.id, targetIds: [c.target.id], [`status_${c.target.id}`]: 'WORKING_TOWARDS' })],
  'reply.sms':             [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ messageId: c.reply.id, replyText: 'Yes, let us talk on Wednesday.' })],
  'reply.handled':         [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ messageId: c.reply.id })],
  'reply.open':            [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ messageId: c.reply.id })],
  'booking.open':          [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ conversationId: c.conversation.id })],
  'booking.offerTimes':    [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ conversationId: c.conversation.id, ...slot(1, '2026-09-09'), ...slot(2, '2026-09-10') })],
  'subjectTeachers.open':  [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ conversationId: c.conversation.id })],
  'subjectTeachers.tell':  [[OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, NO], (c) => ({ conversationId: c.conversation.id, staffIds: '' })],
};

let svc: RunningService;
let connector: BotConnector;
let schools: MatrixSchools;
const bearer = {} as Record<Who, string | undefined>;

beforeAll(async () => {
  // Well over the matrix's own 401s from one address, so the failed-sign-in limit stays out of the way.
  svc = await startTestService({ env: { LOCAL_SIGN_IN: 'true', API_AUTH_FAILURES_PER_MINUTE: '10000', MIS_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64') } });
  connector = await startBotConnector();
  schools = await seedMatrixSchools(svc.ctx.prisma);
  bearer.apiKey = `Bearer ${TEST_API_KEY}`;
  // Trust leads and local authority officers sign in the way staff do (the local sign-in, by address).
  for (const who of CARD_PRINCIPALS) bearer[who] = await staffBearer(svc, schools.people[who]);
  // Oakfield's MIS is connected, so each MIS line can run alone (with -t) as well as in order.
  expect((await svc.api(`/api/schools/${schools.oakfield.id}/mis`, { method: 'POST', body: JSON.stringify(wondeLink) })).status).toBe(201);
});
afterAll(async () => {
  await svc.close();
  await connector.close();
});

/** A pupil of its own for a cell that may act: what one principal does never changes what the next finds. */
const ownCell = async (): Promise<Cell> => ({ ...(await freshPupil(svc.ctx.prisma, schools)), schools });
/** The pupil every refused principal of a line aims at, checked untouched afterwards. */
const untouchable = ownCell;

/** "GET /me", ... for every route the running app mounts on its /api router. */
function apiRoutes(app: Express): string[] {
  interface Layer {
    name: string;
    route?: { path: string; methods: Record<string, boolean> };
    handle: { stack?: Layer[] };
    matchers?: ((path: string) => unknown)[];
  }
  const top = (app.router as unknown as { stack: Layer[] }).stack;
  const api = top.find((l) => l.name === 'router' && l.matchers?.[0]?.('/api/me'));
  if (!api?.handle.stack) throw new Error('no /api router in the app');
  // A router nested inside /api would hide its mount path from this list: routes go on the /api router itself.
  expect(api.handle.stack.filter((l) => !l.route && l.handle.stack).length).toBe(0);
  return api.handle.stack.flatMap((l) => (l.route ? Object.keys(l.route.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${l.route!.path}`) : []));
}

describe('who may call each API route', () => {
  it('every route mounted under /api has a line in the table, and every line is a mounted route', () => {
    expect(apiRoutes(svc.service.app).sort()).toEqual(Object.keys(API).sort());
  });

  async function callAs(who: Who, call: Call): Promise<Response> {
    const headers: Record<string, string> = {};
    const auth = bearer[who];
    if (auth) headers.authorization = auth;
    let body: string | undefined;
    if (call.csv !== undefined) {
      headers['content-type'] = 'text/csv';
      body = call.csv;
    } else if (call.method) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    }
    return fetch(`${svc.baseUrl}${call.path}`, { method: call.method ?? 'GET', headers, body });
  }

  it.each(Object.keys(API))('%s', async (route) => {
    const [row, call] = API[route]!;
    const expected = Object.fromEntries(PRINCIPALS.map((who, i) => [who, row[i]]));
    const target = await untouchable();
    const actual = Object.fromEntries(
      await Promise.all(
        PRINCIPALS.map(async (who, i) => {
          const cell = typeof row[i] === 'number' && row[i] >= 400 ? target : await ownCell();
          const res = await callAs(who, call(cell, who));
          const text = await res.text();
          if (res.status === 400 || res.status >= 405) return [who, `${res.status} ${text}`];
          if (row[i] !== 'with' && row[i] !== 'without') return [who, res.status];
          // For another school, or for an organisation's figures, Oakfield itself is what must (not) appear.
          const hidden = who === 'otherSchool' || isMember(who) || (route.startsWith('GET /organisations/') && who === 'apiKey') ? [cell.pupil.id, school(cell)] : [cell.pupil.id];
          return [who, hidden.some((h) => text.includes(h)) ? 'with' : 'without'];
        }),
      ),
    );
    expect(actual).toEqual(expected);
    expect(await tracesOf(svc.ctx.prisma, target)).toEqual({ auditEvents: 0, textsQueued: 0 });
  });
});

describe('who may press each card button in Teams', () => {
  it('every verb the bot answers has a line in the table, and every line is a verb it answers', () => {
    expect(svc.service.cardActionVerbs().sort()).toEqual(Object.keys(CARDS).sort());
  });

  async function press(who: StaffWho, verb: string, data: Record<string, unknown>): Promise<CardOutcome | string> {
    const p = schools.people[who];
    const res = await post(svc.baseUrl, personal(connector, { id: `29:${who}`, name: p.displayName, aadObjectId: p.aadObjectId, tenantId: TENANT }).cardAction(verb, data));
    // Someone the bot does not know as current staff: Teams gets the invoke's 403 as the HTTP status.
    if (res.status === 403) return NO;
    if (res.status !== 200) return `HTTP ${res.status}`;
    const card = JSON.stringify(((await res.json()) as { value: unknown }).value);
    // A fault on our side is neither: the cell fails rather than pass for a refusal.
    if (card.includes(`"id":"${FAULT_ID}"`)) return 'fault';
    return card.includes('"id":"refusal:') ? NO : OK;
  }

  it.each(Object.keys(CARDS))('%s', async (verb) => {
    const [row, data] = CARDS[verb]!;
    const expected = Object.fromEntries(CARD_PRINCIPALS.map((who, i) => [who, row[i]]));
    const target = await untouchable();
    const actual = Object.fromEntries(
      await Promise.all(CARD_PRINCIPALS.map(async (who, i) => [who, await press(who, verb, data(row[i] === NO ? target : await ownCell()))])),
    );
    expect(actual).toEqual(expected);
    expect(await tracesOf(svc.ctx.prisma, target)).toEqual({ auditEvents: 0, textsQueued: 0 });
  });
});
