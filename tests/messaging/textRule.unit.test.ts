import { textRefusal } from '../../messaging/textRule';
import type { TemplateKey } from '../../messaging/catalogue';

const at = new Date('2026-09-01T09:00:00Z');
const STATES = {
  'consent given': { smsConsent: true, optedOutAt: null, unreachableAt: null },
  'no consent': { smsConsent: false, optedOutAt: null, unreachableAt: null },
  'opted out': { smsConsent: true, optedOutAt: at, unreachableAt: null },
  'number dead': { smsConsent: true, optedOutAt: null, unreachableAt: at },
} as const;

/** One rule for every text (messaging/textRule.ts): each kind of text against each state of a contact. */
describe('who may be sent which text', () => {
  // prettier-ignore
  const TABLE: [TemplateKey, Record<keyof typeof STATES, string | null>][] = [
    ['stop.confirmed',  { 'consent given': null, 'no consent': null,         'opted out': null,        'number dead': null }],
    ['help',            { 'consent given': null, 'no consent': null,         'opted out': 'opted_out', 'number dead': null }],
    ['unknown.number',  { 'consent given': null, 'no consent': null,         'opted out': 'opted_out', 'number dead': null }],
    ['which.child',     { 'consent given': null, 'no consent': 'no_consent', 'opted out': 'opted_out', 'number dead': 'unreachable' }],
    ['which.school',    { 'consent given': null, 'no consent': 'no_consent', 'opted out': 'opted_out', 'number dead': 'unreachable' }],
    ['reply.received',  { 'consent given': null, 'no consent': 'no_consent', 'opted out': 'opted_out', 'number dead': 'unreachable' }],
    ['start.confirmed', { 'consent given': null, 'no consent': 'no_consent', 'opted out': 'opted_out', 'number dead': 'unreachable' }],
    ['booking.offer',   { 'consent given': null, 'no consent': 'no_consent', 'opted out': 'opted_out', 'number dead': 'unreachable' }],
    ['school.message',  { 'consent given': null, 'no consent': 'no_consent', 'opted out': 'opted_out', 'number dead': 'unreachable' }],
  ];
  it.each(TABLE)('%s', (template, expected) => {
    const actual = Object.fromEntries(Object.entries(STATES).map(([state, contact]) => [state, textRefusal(template, contact)]));
    expect(actual).toEqual(expected);
  });

  it('Given a text that names a child the contact has no parental responsibility for, Then it is refused; HELP and STOP never name one', () => {
    expect(textRefusal('reply.received', STATES['consent given'], { namesChildWithoutResponsibility: true })).toBe('no_parental_responsibility');
    expect(textRefusal('help', STATES['consent given'], { namesChildWithoutResponsibility: true })).toBeNull();
  });

  it('Given a number we do not know, Then only the answers to whoever asked may go to it', () => {
    expect([textRefusal('unknown.number', null), textRefusal('help', null), textRefusal('reply.received', null)]).toEqual([null, null, 'no_consent']);
  });
});
